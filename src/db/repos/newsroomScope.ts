import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../schema.ts';
import type { NewsroomScope } from '../../policies/newsroomScope.ts';

type ArticlesEb = ExpressionBuilder<Database, 'articles'>;

/** The newsroom read scope (`policies/newsroomScope.ts`) as a query constraint on `articles`. */
export function inNewsroomScope(scope: NewsroomScope) {
  return (eb: ArticlesEb): Expression<SqlBool> =>
    scope.ownedBy === undefined ? eb.and([]) : ownedBy(scope.ownedBy)(eb);
}

/** Articles `userId` created or signs (a byline linked to their account): the article policy's `owns`. */
export function ownedBy(userId: number) {
  return (eb: ArticlesEb): Expression<SqlBool> =>
    eb.or([
      eb('articles.created_by', '=', userId),
      eb.exists(
        eb
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('authors.user_id', '=', userId),
      ),
    ]);
}
