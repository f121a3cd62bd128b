import type { Actor, CommandContext } from './context.ts';
import { transitionArticle } from './transitionArticle.ts';
import { AppError } from '../errors.ts';
import { duplicateGuard } from './duplicateGuard.ts';
import { requireCoverAlt } from './coverGuard.ts';

/*
 * The editorial verbs that only move an article between states. Each is its own exported command
 * with its own policy action and event; they share `transitionArticle` for the mechanics.
 * (Publishing, updating and correcting carry content and live in their own files.)
 */
interface VerbInput { articleId: number; expectedVersion?: number | undefined }

/** A writer hands a draft to the editors. */
export const submitArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) => transitionArticle(ctx, actor, {
  ...i, verb: 'submit', event: 'articles.submit', changes: () => ({ return_note: null }),
});

/** An editor sends an article back to its writer, with a comment saying why. */
export const returnArticle = (ctx: CommandContext, actor: Actor, i: VerbInput & { note: string }) => transitionArticle(ctx, actor, {
  ...i, verb: 'return', event: 'articles.return', changes: () => ({ return_note: i.note }), payload: () => ({ note: i.note }),
});

/** Publication at a future time; the scheduler publishes it then. */
export function scheduleArticle(ctx: CommandContext, actor: Actor, i: VerbInput & { at: Date; overrideDuplicate?: boolean }) {
  if (i.at.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('invalid_input', { fields: { scheduledAt: 'Choisissez une date et une heure à venir.' } });
  }
  return transitionArticle(ctx, actor, {
    ...i, verb: 'schedule', event: 'articles.schedule',
    changes: () => ({ scheduled_at: i.at.toISOString() }), payload: () => ({ scheduledAt: i.at.toISOString() }),
    guard: async (tx, article, now) => {
      await requireCoverAlt(tx, actor, article);
      return duplicateGuard(actor, i.overrideDuplicate ?? false)(tx, article, now);
    },
  });
}

export const unscheduleArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) => transitionArticle(ctx, actor, {
  ...i, verb: 'unschedule', event: 'articles.unschedule', changes: () => ({ scheduled_at: null }),
});

/** Takes a published article offline; its URL then answers 410 « article retiré ». */
export const unpublishArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) => transitionArticle(ctx, actor, {
  ...i, verb: 'unpublish', event: 'articles.unpublish', changes: () => ({}),
});

/** To the trash: hidden everywhere, restorable. */
export const trashArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) => transitionArticle(ctx, actor, {
  ...i, verb: 'trash', event: 'articles.trash', changes: (_a, now) => ({ deleted_at: now.toISOString() }),
});

/** Out of the trash, back to draft. */
export const restoreArticle = (ctx: CommandContext, actor: Actor, i: VerbInput) => transitionArticle(ctx, actor, {
  ...i, verb: 'restore', event: 'articles.restore', changes: () => ({ deleted_at: null }),
});
