import type { Queryable } from '../db/database.ts';
import { findArticleById, listArticleAuthorIds } from '../db/repos/articles.ts';
import { readSettings } from '../db/repos/settings.ts';
import { userIdsOfAuthors } from '../db/repos/taxonomy.ts';
import {
  canOnArticle,
  type ArticleAction,
  type ArticleFacts,
} from '../policies/article.ts';
import { authorize } from '../policies/authorize.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './context.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';

/** The user ids behind an article's bylines. */
export async function articleAuthorUserIds(
  db: Queryable,
  articleId: number,
): Promise<number[]> {
  return userIdsOfAuthors(db, await listArticleAuthorIds(db, articleId));
}

export async function articleFacts(
  db: Queryable,
  article: ArticleRecord,
): Promise<ArticleFacts> {
  return {
    status: article.status,
    sectionId: article.sectionId,
    createdBy: article.createdBy,
    authorUserIds: await articleAuthorUserIds(db, article.id),
  };
}

/**
 * Loads an article and checks that `actor` may do `action` to it. An article the actor may not
 * even see answers exactly as one that does not exist (404), whatever its state: nobody learns by
 * id what is in other people's drafts. The system actor (scheduler, importer) is trusted by name.
 */
export async function loadAuthorized(
  db: Queryable,
  actor: Actor,
  action: ArticleAction,
  articleId: number,
): Promise<ArticleRecord> {
  const article = await findArticleById(db, articleId);
  if (!article) throw new AppError('not_found');
  if (actor.kind === 'user') {
    const [facts, settings] = await Promise.all([
      articleFacts(db, article),
      readSettings(db),
    ]);
    if (!canOnArticle(actor, 'view', facts, settings))
      throw new AppError('not_found');
    authorize(canOnArticle(actor, action, facts, settings));
  }
  return article;
}

/** What a write would leave: the article's facts with the section and bylines it is given. */
export interface TargetState {
  status: ArticleFacts['status'];
  sectionId: number | null;
  createdBy: number | null;
  authorIds: number[];
}

/**
 * Checks `action` against the state a write leaves the article in, not only the one it finds:
 * an editor limited to Sport may not move an article into (or out of) Politique. Callers check
 * the current state with `loadAuthorized` first.
 */
export async function authorizeTarget(
  db: Queryable,
  actor: Actor,
  action: ArticleAction,
  target: TargetState,
): Promise<void> {
  if (actor.kind !== 'user') return;
  const facts: ArticleFacts = {
    status: target.status,
    sectionId: target.sectionId,
    createdBy: target.createdBy,
    authorUserIds: await userIdsOfAuthors(db, target.authorIds),
  };
  authorize(canOnArticle(actor, action, facts, await readSettings(db)));
}
