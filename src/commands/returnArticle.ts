import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** An editor sends an article back to its writer, with a comment saying why. */
export const returnArticle = (
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput & { note: string },
) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'return',
    changes: () => ({ return_note: i.note }),
    payload: () => ({ note: i.note }),
  });
