import type { Queryable } from '../db/database.ts';
import { findArticleById } from '../db/repos/articles.ts';
import { readSettings } from '../db/repos/settings.ts';
import { canOnArticle, type ArticleAction, type ArticleFacts } from '../policies/article.ts';
import { authorize } from '../policies/authorize.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './context.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';

/** The user ids behind an article's bylines (guest authors have none). */
export async function articleAuthorUserIds(db: Queryable, articleId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select('authors.user_id').where('article_authors.article_id', '=', articleId).where('authors.user_id', 'is not', null).execute();
  return rows.map((r) => r.user_id!);
}

export async function articleFacts(db: Queryable, article: ArticleRecord): Promise<ArticleFacts> {
  return { status: article.status, sectionId: article.sectionId, createdBy: article.createdBy, authorUserIds: await articleAuthorUserIds(db, article.id) };
}

/**
 * Loads an article and checks that `actor` may do `action` to it. The system actor (scheduler,
 * importer) is trusted by name, never by a default flag.
 */
export async function loadAuthorized(db: Queryable, actor: Actor, action: ArticleAction, articleId: number): Promise<ArticleRecord> {
  const article = await findArticleById(db, articleId);
  if (!article) throw new AppError('not_found');
  if (actor.kind === 'user') {
    const [facts, settings] = await Promise.all([articleFacts(db, article), readSettings(db)]);
    authorize(canOnArticle(actor, action, facts, settings));
  }
  return article;
}
