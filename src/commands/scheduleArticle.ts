import type { Actor, CommandContext } from './context.ts';
import { transitionArticle, type VerbInput } from './transitionArticle.ts';
import { duplicateGuard } from './duplicateGuard.ts';
import { AppError } from '../errors.ts';

/** Publication at a future time; the scheduler publishes it then. */
export function scheduleArticle(
  ctx: CommandContext,
  actor: Actor,
  i: VerbInput & {
    at: Date;
    overrideDuplicate?: boolean;
    confirmWarnings?: boolean;
    siteUrl?: string;
  },
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
    guard: duplicateGuard(actor, i.overrideDuplicate ?? false),
    goesOnline: true,
    confirmWarnings: i.confirmWarnings,
    siteUrl: i.siteUrl,
  });
}
