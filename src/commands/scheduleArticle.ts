import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';
import { duplicateGuard } from './duplicateGuard.ts';
import { requireCoverAlt } from './coverGuard.ts';
import { AppError } from '../errors.ts';

/** Publication at a future time; the scheduler publishes it then. */
export function scheduleArticle(
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput & { at: Date; overrideDuplicate?: boolean },
) {
  if (i.at.getTime() <= ctx.clock.now().getTime()) {
    throw new AppError('invalid_input', {
      fields: { scheduledAt: 'Choisissez une date et une heure à venir.' },
    });
  }
  return transitionArticle(ctx, actor, {
    ...i,
    verb: 'schedule',
    changes: () => ({ scheduled_at: i.at.toISOString() }),
    payload: () => ({ scheduledAt: i.at.toISOString() }),
    guard: async (tx, article, now) => {
      await requireCoverAlt(tx, actor, article);
      return duplicateGuard(actor, i.overrideDuplicate ?? false)(
        tx,
        article,
        now,
      );
    },
    goesOnline: true,
  });
}
