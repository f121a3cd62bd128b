import {
  sql,
  type ExpressionBuilder,
  type Expression,
  type SqlBool,
} from 'kysely';
import type { Database } from '../../schema.ts';
import { publiclyVisible } from '../publicScope.ts';
import { ownedBy } from '../newsroomScope.ts';
import type {
  NewsroomVisibility,
  PublicSearchRequest,
} from '../../../search/provider.ts';

/*
 * The filters both search providers put on `articles`, in dialect-neutral Kysely: only the
 * matching and ranking differ between the engines.
 */

type ArticlesEb = ExpressionBuilder<Database, 'articles'>;

/** Readers: the public read scope, then the reader's section and date range. */
export function publicFilter(request: PublicSearchRequest) {
  return (eb: ArticlesEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [
      publiclyVisible(request.now, request.edition)(eb),
    ];
    if (request.sectionId !== undefined)
      parts.push(eb('articles.section_id', '=', request.sectionId));
    if (request.from)
      parts.push(eb('articles.published_at', '>=', request.from.toISOString()));
    if (request.until)
      parts.push(eb('articles.published_at', '<', request.until.toISOString()));
    return eb.and(parts);
  };
}

/** The newsroom: the statuses, sections and authorship the caller's policy allows. */
export function newsroomFilter(visibility: NewsroomVisibility) {
  return (eb: ArticlesEb): Expression<SqlBool> => {
    // An empty status list allows nothing; `in ()` is not valid SQL, so say it plainly.
    if (visibility.statuses.length === 0) return sql<SqlBool>`1 = 0`;
    const parts: Expression<SqlBool>[] = [
      eb('articles.status', 'in', [...visibility.statuses]),
    ];
    if (visibility.sectionIds !== undefined) {
      parts.push(
        visibility.sectionIds.length
          ? eb('articles.section_id', 'in', [...visibility.sectionIds])
          : sql<SqlBool>`1 = 0`,
      );
    }
    if (visibility.authorUserId !== undefined)
      parts.push(ownedBy(visibility.authorUserId)(eb));
    return eb.and(parts);
  };
}
