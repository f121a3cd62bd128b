import type { Queryable } from '../database.ts';

/*
 * Keyset pages over the whole newsroom, for `newsdesk export`: each call reads one page after
 * the last id seen, so the export's memory does not grow with the archive.
 */

export async function pageSections(db: Queryable, afterId: number, n: number) {
  return db
    .selectFrom('sections')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(n)
    .execute();
}

export async function pageTags(db: Queryable, afterId: number, n: number) {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(n)
    .execute();
}

/** The other names of each tag of `tagIds` (tag_aliases), in the order they were added. */
export async function tagAliasesOf(
  db: Queryable,
  tagIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!tagIds.length) return out;
  const rows = await db
    .selectFrom('tag_aliases')
    .select(['tag_id', 'alias'])
    .where('tag_id', 'in', tagIds)
    .orderBy('tag_id')
    .orderBy('alias_key')
    .execute();
  for (const r of rows)
    out.set(r.tag_id, [...(out.get(r.tag_id) ?? []), r.alias]);
  return out;
}

export async function pageAuthors(db: Queryable, afterId: number, n: number) {
  return db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio', 'created_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(n)
    .execute();
}

export async function pageMediaRows(db: Queryable, afterId: number, n: number) {
  return db
    .selectFrom('media')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(n)
    .execute();
}

export async function pageArticleRows(
  db: Queryable,
  afterId: number,
  n: number,
) {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(n)
    .execute();
}

/** Bylines and tags of a page of articles, in their order. */
export async function articleLinkIds(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, { authorIds: number[]; tagIds: number[] }>> {
  const out = new Map<number, { authorIds: number[]; tagIds: number[] }>();
  if (!ids.length) return out;
  for (const id of ids) out.set(id, { authorIds: [], tagIds: [] });
  const authors = await db
    .selectFrom('article_authors')
    .select(['article_id', 'author_id'])
    .where('article_id', 'in', ids)
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  for (const r of authors) out.get(r.article_id)?.authorIds.push(r.author_id);
  const tags = await db
    .selectFrom('article_tags')
    .select(['article_id', 'tag_id'])
    .where('article_id', 'in', ids)
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  for (const r of tags) out.get(r.article_id)?.tagIds.push(r.tag_id);
  return out;
}

export async function pageRedirectRows(
  db: Queryable,
  afterPath: string,
  n: number,
) {
  return db
    .selectFrom('redirects')
    .select(['from_path', 'to_path', 'article_id'])
    .where('from_path', '>', afterPath)
    .orderBy('from_path')
    .limit(n)
    .execute();
}

/** Editions are a handful of rows (one per language). */
export async function listEditionRows(db: Queryable) {
  return db.selectFrom('editions').selectAll().orderBy('id').execute();
}

export async function countRows(
  db: Queryable,
  table: 'articles' | 'media',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
