import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from './article.ts';

type ArticlesEb = ExpressionBuilder<Database, 'articles'>;

/**
 * What a newsroom member may see among articles, for lists and searches: the article policy's
 * `view` rule (`policies/article.ts`: contributors see their own work, everyone else all of it)
 * as a query constraint, beside the readers' `publicScope.ts`. The dashboard, the newsroom
 * search and the editorial panel read through it; a test compares it with the rule for every
 * role, so the two cannot drift.
 */
export function newsroomVisible(u: Principal) {
  return (eb: ArticlesEb): Expression<SqlBool> => (u.role === 'contributor' ? ownedBy(u.id)(eb) : sql<SqlBool>`1 = 1`);
}

/** The same rule as the search providers' visibility filter: whose work a member may find. */
export function newsroomSearchScope(u: Principal): { authorUserId?: number } {
  return u.role === 'contributor' ? { authorUserId: u.id } : {};
}

/** Articles `userId` created or signs (a byline linked to their account): the policy's `owns`. */
export function ownedBy(userId: number) {
  return (eb: ArticlesEb): Expression<SqlBool> => eb.or([
    eb('articles.created_by', '=', userId),
    eb.exists(eb.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('article_authors.article_id')
      .whereRef('article_authors.article_id', '=', 'articles.id').where('authors.user_id', '=', userId)),
  ]);
}
