import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** A writer hands a draft to the editors. */
export const submitArticle = (
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput,
) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'submit',
    changes: () => ({ return_note: null }),
  });
