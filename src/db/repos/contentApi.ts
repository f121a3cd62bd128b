import type { Queryable } from '../database.ts';
import { publiclyVisible } from './publicScope.ts';
import {
  publicArticles,
  SUMMARY_COLUMNS,
  toArticleRecord,
  withRelations,
  type PublicListQuery,
} from './articles.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

/** Where a page of the Content API's article list starts: after this (publication time, id). */
export interface ListPosition {
  publishedAt: string;
  id: number;
}

export interface ApiListQuery
  extends Omit<
    PublicListQuery,
    'limit' | 'offset' | 'excludeIds' | 'featuredOnly'
  > {
  limit: number;
  after?: ListPosition | undefined;
  language?: string | undefined;
  updatedSince?: Date | undefined;
  publishedFrom?: Date | undefined;
  publishedBefore?: Date | undefined;
}

/**
 * A page of public articles, newest first, by keyset (publication time, id): page 1,000 costs
 * what page 1 does, and an article published meanwhile does not shift the pages already read.
 * Reads one row more than asked to know whether there is a next page.
 */
export async function listPublicPage(
  db: Queryable,
  q: ApiListQuery,
): Promise<{ items: ArticleWithRelations[]; hasMore: boolean }> {
  let base = publicArticles(db, q);
  if (q.language !== undefined)
    base = base.where('articles.language', '=', q.language);
  if (q.updatedSince)
    base = base.where(
      'articles.updated_at',
      '>=',
      q.updatedSince.toISOString(),
    );
  if (q.publishedFrom)
    base = base.where(
      'articles.published_at',
      '>=',
      q.publishedFrom.toISOString(),
    );
  if (q.publishedBefore)
    base = base.where(
      'articles.published_at',
      '<',
      q.publishedBefore.toISOString(),
    );
  const after = q.after;
  if (after) {
    base = base.where((eb) =>
      eb.or([
        eb('articles.published_at', '<', after.publishedAt),
        eb.and([
          eb('articles.published_at', '=', after.publishedAt),
          eb('articles.id', '<', after.id),
        ]),
      ]),
    );
  }
  const rows = await base
    .select(SUMMARY_COLUMNS)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const records = rows
    .slice(0, q.limit)
    .map((r) => toArticleRecord({ ...r, body_html: '', body_source: '' }));
  return {
    items: await withRelations(db, records),
    hasMore: rows.length > q.limit,
  };
}

/** One public article by id, with its body; null when readers may not see it. */
export async function findPublishedById(
  db: Queryable,
  id: number,
  now: Date,
): Promise<ArticleWithRelations | null> {
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', id)
    .where(publiclyVisible(now))
    .executeTakeFirst();
  if (!row) return null;
  const [article] = await withRelations(db, [toArticleRecord(row)]);
  return article ?? null;
}

/** Tags or authors by id order, a page at a time (a site may have tens of thousands of tags). */
export async function listTagsPage(
  db: Queryable,
  afterId: number,
  limit: number,
) {
  return db
    .selectFrom('tags')
    .select(['id', 'slug', 'name', 'kind'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function listAuthorsPage(
  db: Queryable,
  afterId: number,
  limit: number,
) {
  return db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
