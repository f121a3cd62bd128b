import type { Actor, CommandContext } from './context.ts';
import { transitionArticle } from './transitionArticle.ts';
import { AppError } from '../errors.ts';
import { duplicateGuard } from './duplicateGuard.ts';

export interface PublishOptions {
  articleId: number;
  expectedVersion?: number;
  /** Publication time for back-dated content (imports, demo). Only the system may set it. */
  publishedAt?: Date;
  /** A later edit after publication, for imported or demo content that was updated. */
  modifiedAt?: Date;
  /** An editor's explicit « Publier quand même » over a likely duplicate (recorded in the event). */
  overrideDuplicate?: boolean;
  /** The person confirmed the checklist's warnings (commands/publishChecks.ts). */
  confirmWarnings?: boolean;
  siteUrl?: string;
}

/** Puts an article online now. The first publication time is kept forever (feeds, Google News). */
export async function publishArticle(
  ctx: CommandContext,
  actor: Actor,
  options: PublishOptions,
) {
  if ((options.publishedAt || options.modifiedAt) && actor.kind !== 'system')
    throw new AppError('forbidden');
  return transitionArticle(ctx, actor, {
    articleId: options.articleId,
    expectedVersion: options.expectedVersion,
    verb: 'publish',
    changes: (article, now) => {
      const at = options.publishedAt ?? now;
      return {
        first_published_at: (article.firstPublishedAt ?? at).toISOString(),
        published_at: at.toISOString(),
        modified_at: options.modifiedAt?.toISOString() ?? null,
        scheduled_at: null,
        return_note: null,
      };
    },
    payload: (article, now) => ({
      breaking: article.breaking,
      publishedAt: (options.publishedAt ?? now).toISOString(),
    }),
    guard: duplicateGuard(actor, options.overrideDuplicate ?? false),
    goesOnline: true,
    confirmWarnings: options.confirmWarnings,
    siteUrl: options.siteUrl,
  });
}
