import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** A scheduled article goes back to draft; nothing will publish it. */
export const unscheduleArticle = (
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput,
) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'unschedule',
    changes: () => ({ scheduled_at: null }),
  });
