import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** Out of the trash, back to draft. */
export const restoreArticle = (
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput,
) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'restore',
    changes: () => ({ deleted_at: null }),
  });
