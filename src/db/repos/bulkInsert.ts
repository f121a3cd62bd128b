import type { Insertable } from 'kysely';
import type { Queryable } from '../database.ts';
import type {
  ArticleAuthorsTable,
  ArticlesTable,
  ArticleTagsTable,
  RevisionsTable,
} from '../schema.ts';

/** Rows per statement: under SQLite's and PostgreSQL's bound-parameter limits for these tables. */
const CHUNK = 400;

/**
 * Many articles in few statements, for imports and benchmark corpora (one INSERT per article
 * costs a round trip each on PostgreSQL). Call inside a transaction; returns ids in input order.
 */
export async function insertArticlesInBulk(
  db: Queryable,
  rows: Insertable<ArticlesTable>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await db
      .insertInto('articles')
      .values(rows.slice(i, i + CHUNK))
      .returning('id')
      .execute();
    // Both databases number the rows of one statement in the order they go in.
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** Bylines and tags for many articles at once (see insertArticlesInBulk). */
export async function insertArticleLinksInBulk(
  db: Queryable,
  authors: Insertable<ArticleAuthorsTable>[],
  tags: Insertable<ArticleTagsTable>[],
): Promise<void> {
  for (let i = 0; i < authors.length; i += CHUNK * 4)
    await db
      .insertInto('article_authors')
      .values(authors.slice(i, i + CHUNK * 4))
      .execute();
  for (let i = 0; i < tags.length; i += CHUNK * 4)
    await db
      .insertInto('article_tags')
      .values(tags.slice(i, i + CHUNK * 4))
      .execute();
}

/** First revisions of many imported articles at once (see insertArticlesInBulk). */
export async function insertRevisionsInBulk(
  db: Queryable,
  rows: Insertable<RevisionsTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('revisions')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}
