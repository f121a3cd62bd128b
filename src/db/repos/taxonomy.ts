import type { Queryable } from '../database.ts';
import { tagPubliclyCarried } from './publicScope.ts';

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
}
export interface Tag {
  id: number;
  slug: string;
  name: string;
  kind: string;
}
export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
  userId: number | null;
}

/** Every section, or those of one edition (the public site's navigation). */
export async function listSections(
  db: Queryable,
  edition?: string,
): Promise<Section[]> {
  let q = db
    .selectFrom('sections')
    .select(['id', 'slug', 'name', 'description', 'position']);
  if (edition !== undefined) q = q.where('edition', '=', edition);
  return q.orderBy('position').orderBy('id').execute();
}

/** Every section with its edition, in menu order: what the public site keeps in memory. */
export async function listSectionsWithEdition(
  db: Queryable,
): Promise<(Section & { edition: string })[]> {
  return db
    .selectFrom('sections')
    .select(['id', 'slug', 'name', 'description', 'position', 'edition'])
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The section with `slug`; with `edition`, only if it belongs to that edition. */
export async function findSectionBySlug(
  db: Queryable,
  slug: string,
  edition?: string,
): Promise<Section | null> {
  return (
    (await db
      .selectFrom('sections')
      .select(['id', 'slug', 'name', 'description', 'position'])
      .where('slug', '=', slug)
      .$if(edition !== undefined, (q) => q.where('edition', '=', edition!))
      .executeTakeFirst()) ?? null
  );
}

/** Which of `ids` name no section. */
export async function missingSectionIds(
  db: Queryable,
  ids: number[],
): Promise<number[]> {
  if (!ids.length) return [];
  const found = new Set(
    (
      await db
        .selectFrom('sections')
        .select('id')
        .where('id', 'in', ids)
        .execute()
    ).map((r) => r.id),
  );
  return ids.filter((id) => !found.has(id));
}

export async function insertSection(
  db: Queryable,
  s: Omit<Section, 'id'>,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('sections')
    .values({ ...s, created_at: at.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findTagBySlug(
  db: Queryable,
  slug: string,
): Promise<Tag | null> {
  return (
    (await db
      .selectFrom('tags')
      .select(['id', 'slug', 'name', 'kind'])
      .where('slug', '=', slug)
      .executeTakeFirst()) ?? null
  );
}

/** A tag as readers may reach it: only while a public article carries it. */
export async function findPublicTagBySlug(
  db: Queryable,
  slug: string,
  now: Date,
): Promise<Tag | null> {
  return (
    (await db
      .selectFrom('tags')
      .select(['id', 'slug', 'name', 'kind'])
      .where('slug', '=', slug)
      .where(tagPubliclyCarried(now))
      .executeTakeFirst()) ?? null
  );
}

/**
 * Tag names starting with `prefix` for the editor's suggestions. `limitedTo` (a contributor, who
 * sees only their own work) narrows them to tags on public articles and on that member's own.
 */
export async function suggestTagNames(
  db: Queryable,
  prefix: string,
  now: Date,
  limitedTo?: number,
): Promise<string[]> {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let q = db
    .selectFrom('tags')
    .select('name')
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', pattern));
  if (limitedTo !== undefined) {
    q = q.where((eb) =>
      eb.or([
        tagPubliclyCarried(now)(eb),
        eb.exists(
          eb
            .selectFrom('article_tags')
            .innerJoin('articles', 'articles.id', 'article_tags.article_id')
            .select('article_tags.article_id')
            .whereRef('article_tags.tag_id', '=', 'tags.id')
            .where((a) =>
              a.or([
                a('articles.created_by', '=', limitedTo),
                a.exists(
                  a
                    .selectFrom('article_authors')
                    .innerJoin(
                      'authors',
                      'authors.id',
                      'article_authors.author_id',
                    )
                    .select('article_authors.article_id')
                    .whereRef('article_authors.article_id', '=', 'articles.id')
                    .where('authors.user_id', '=', limitedTo),
                ),
              ]),
            ),
        ),
      ]),
    );
  }
  return (await q.orderBy('name').limit(20).execute()).map((r) => r.name);
}

export async function insertTag(
  db: Queryable,
  t: Omit<Tag, 'id'>,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('tags')
    .values({ ...t, created_at: at.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAuthorBySlug(
  db: Queryable,
  slug: string,
): Promise<Author | null> {
  const row = await db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio', 'user_id'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        slug: row.slug,
        name: row.name,
        bio: row.bio,
        userId: row.user_id,
      }
    : null;
}

export async function insertAuthor(
  db: Queryable,
  a: Omit<Author, 'id'>,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('authors')
    .values({
      slug: a.slug,
      name: a.name,
      bio: a.bio,
      user_id: a.userId,
      created_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every author, by name: the byline choices (staff have a user id, guests none). */
export async function listAuthors(db: Queryable): Promise<Author[]> {
  const rows = await db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio', 'user_id'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    bio: r.bio,
    userId: r.user_id,
  }));
}

export async function countArticles(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Articles per section id (null: no section), every status: the sections page's counts. */
export async function countArticlesBySection(
  db: Queryable,
): Promise<Map<number | null, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['section_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('section_id')
    .execute();
  return new Map(rows.map((r) => [r.section_id, Number(r.n)]));
}

export async function sectionExists(
  db: Queryable,
  id: number,
): Promise<boolean> {
  return (
    (await db
      .selectFrom('sections')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined
  );
}

/** Of these author ids, those that exist. */
export async function existingAuthorIds(
  db: Queryable,
  ids: readonly number[],
): Promise<number[]> {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('authors')
      .select('id')
      .where('id', 'in', [...ids])
      .execute()
  ).map((r) => r.id);
}

/** The user ids behind these bylines (guest authors have none). */
export async function userIdsOfAuthors(
  db: Queryable,
  authorIds: readonly number[],
): Promise<number[]> {
  if (!authorIds.length) return [];
  const rows = await db
    .selectFrom('authors')
    .select('user_id')
    .where('id', 'in', [...authorIds])
    .where('user_id', 'is not', null)
    .execute();
  return rows.map((r) => r.user_id!);
}
