import type { Queryable } from '../database.ts';

export interface Section { id: number; slug: string; name: string; description: string; position: number }
export interface Tag { id: number; slug: string; name: string; kind: string }
export interface Author { id: number; slug: string; name: string; bio: string; userId: number | null }

export async function listSections(db: Queryable): Promise<Section[]> {
  return db.selectFrom('sections').select(['id', 'slug', 'name', 'description', 'position']).orderBy('position').orderBy('id').execute();
}

export async function findSectionBySlug(db: Queryable, slug: string): Promise<Section | null> {
  return (await db.selectFrom('sections').select(['id', 'slug', 'name', 'description', 'position']).where('slug', '=', slug).executeTakeFirst()) ?? null;
}

export async function insertSection(db: Queryable, s: Omit<Section, 'id'>, at: Date): Promise<number> {
  const row = await db.insertInto('sections').values({ ...s, created_at: at.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findTagBySlug(db: Queryable, slug: string): Promise<Tag | null> {
  return (await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst()) ?? null;
}

export async function insertTag(db: Queryable, t: Omit<Tag, 'id'>, at: Date): Promise<number> {
  const row = await db.insertInto('tags').values({ ...t, created_at: at.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findAuthorBySlug(db: Queryable, slug: string): Promise<Author | null> {
  const row = await db.selectFrom('authors').select(['id', 'slug', 'name', 'bio', 'user_id']).where('slug', '=', slug).executeTakeFirst();
  return row ? { id: row.id, slug: row.slug, name: row.name, bio: row.bio, userId: row.user_id } : null;
}

export async function insertAuthor(db: Queryable, a: Omit<Author, 'id'>, at: Date): Promise<number> {
  const row = await db.insertInto('authors').values({ slug: a.slug, name: a.name, bio: a.bio, user_id: a.userId, created_at: at.toISOString() })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Every author, by name: the byline choices (staff have a user id, guests none). */
export async function listAuthors(db: Queryable): Promise<Author[]> {
  const rows = await db.selectFrom('authors').select(['id', 'slug', 'name', 'bio', 'user_id']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, bio: r.bio, userId: r.user_id }));
}

export async function countArticles(db: Queryable): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
