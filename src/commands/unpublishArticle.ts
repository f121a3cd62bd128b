import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';

/** Takes a published article offline; its URL then answers 410 « article retiré ». */
export const unpublishArticle = (
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput,
) =>
  transitionArticle(ctx, actor, {
    ...i,
    verb: 'unpublish',
    changes: () => ({}),
  });
