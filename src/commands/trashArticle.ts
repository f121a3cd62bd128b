import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** To the trash: hidden everywhere, restorable. */
export const trashArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'trash',
    changes: (_a, now) => ({ deleted_at: now.toISOString() }),
  });
