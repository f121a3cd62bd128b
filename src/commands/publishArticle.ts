import { actorId, type Actor, type CommandContext } from './context.ts';
import { findArticleById, updateArticleIfVersion } from '../db/repos/articles.ts';
import { nextStatus } from '../domain/article.ts';
import { AppError } from '../errors.ts';

export interface PublishOptions {
  articleId: number;
  /**
   * Publication time for back-dated content (imports, demo). Only the system may set it: a
   * person publishes now.
   */
  publishedAt?: Date;
  /** A later edit after publication, for imported or demo content that was updated. */
  modifiedAt?: Date;
}

/** Puts an article online. The first publication time is kept forever (feeds, Google News). */
export async function publishArticle(ctx: CommandContext, actor: Actor, options: PublishOptions): Promise<void> {
  if (options.publishedAt && actor.kind !== 'system') throw new AppError('forbidden');
  const now = ctx.clock.now();
  const at = options.publishedAt ?? now;
  await ctx.db.transaction().execute(async (tx) => {
    const article = await findArticleById(tx, options.articleId);
    if (!article) throw new AppError('not_found');
    const status = nextStatus(article.status, 'publish');
    if (!status) throw new AppError('invalid_transition');
    const ok = await updateArticleIfVersion(tx, article.id, article.version, {
      status,
      first_published_at: (article.firstPublishedAt ?? at).toISOString(),
      published_at: at.toISOString(),
      modified_at: options.modifiedAt?.toISOString() ?? null,
      scheduled_at: null,
      updated_at: now.toISOString(),
    });
    if (!ok) throw new AppError('stale_version');
    await ctx.events.record(tx, {
      name: 'articles.publish', articleId: article.id, actorId: actorId(actor),
      payload: { slug: article.slug, title: article.title, sectionId: article.sectionId, breaking: article.breaking, publishedAt: at.toISOString() },
      at: now,
    });
  });
}
