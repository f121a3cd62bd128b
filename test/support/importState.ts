import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import { listRedirects } from '../../src/db/repos/imports.ts';
import type { SearchProvider } from '../../src/search/provider.ts';

/**
 * What an import left in the database, without the numeric ids (a rerun after a kill may
 * number rows differently on PostgreSQL, whose sequences skip rolled-back values): counts per
 * table and a hash of every article's content, bylines, tags and section, of the tags' kinds
 * and aliases, and of the redirects.
 * Read with the query builder: tests are allowed no SQL of their own either.
 */
export async function importState(
  db: Db,
  search: SearchProvider,
): Promise<{ counts: Record<string, number>; hash: string }> {
  const counts: Record<string, number> = {};
  for (const table of [
    'articles',
    'sections',
    'tags',
    'authors',
    'article_authors',
    'article_tags',
    'revisions',
    'redirects',
    'import_map',
    'media',
    'editorial_signatures',
    'tag_aliases',
  ] as const) {
    const row = await db
      .selectFrom(table as 'articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  counts['search'] = await search.count(db);
  const articles = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.lead',
      'articles.body_source',
      'articles.body_html',
      'articles.status',
      'articles.published_at',
      'articles.scheduled_at',
      'articles.deleted_at',
      'sections.slug as section',
    ])
    .orderBy('articles.slug')
    .execute();
  const bylines = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_id', 'authors.slug', 'position'])
    .orderBy('position')
    .execute();
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_id', 'tags.slug', 'position'])
    .orderBy('position')
    .execute();
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));
  const hash = createHash('sha256');
  const time = (t: unknown) =>
    t === null ? '' : new Date(t as string).toISOString();
  for (const a of articles) {
    hash.update(
      JSON.stringify([
        a.slug,
        a.title,
        a.lead,
        a.body_source,
        a.body_html,
        a.status,
        time(a.published_at),
        time(a.scheduled_at),
        time(a.deleted_at),
        a.section,
        bylines.filter((b) => b.article_id === a.id).map((b) => b.slug),
        tags.filter((t) => t.article_id === a.id).map((t) => t.slug),
      ]),
    );
  }
  // Tags with their kind (person, place…) and aliases, as the import classified them.
  hash.update(
    JSON.stringify(
      await db
        .selectFrom('tags')
        .select(['slug', 'name', 'kind'])
        .orderBy('slug')
        .execute(),
    ),
  );
  hash.update(
    JSON.stringify(
      await db
        .selectFrom('tag_aliases')
        .innerJoin('tags', 'tags.id', 'tag_aliases.tag_id')
        .select(['tags.slug', 'tag_aliases.alias_key', 'tag_aliases.alias'])
        .orderBy('tag_aliases.alias_key')
        .execute(),
    ),
  );
  for (const r of await listRedirects(db))
    hash.update(
      JSON.stringify([
        r.fromPath,
        r.toPath,
        r.articleId === null ? null : slugOf.get(r.articleId),
      ]),
    );
  return { counts, hash: hash.digest('hex') };
}
