import { sql } from 'kysely';
import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';

/** A newsroom comment as the thread shows it. */
export interface CommentRow {
  id: number;
  articleId: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
}

/** An active member who may be mentioned: the handle is the part of the e-mail before « @ ». */
export interface Mentionable {
  id: number;
  name: string;
  email: string;
}

export async function insertComment(
  db: Queryable,
  c: { articleId: number; authorId: number; body: string; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('article_comments')
    .values({
      article_id: c.articleId,
      author_id: c.authorId,
      body: c.body,
      created_at: c.at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An article's thread, oldest first (open and resolved). */
export async function listComments(
  db: Queryable,
  articleId: number,
  limit = 200,
): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom('article_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .leftJoin('users as r', 'r.id', 'c.resolved_by')
    .select([
      'c.id',
      'c.article_id',
      'c.author_id',
      'u.display_name as author_name',
      'c.body',
      'c.created_at',
      'c.resolved_at',
      'r.display_name as resolver_name',
    ])
    .where('c.article_id', '=', articleId)
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    createdAt: toDate(r.created_at),
    resolvedAt: toDate(r.resolved_at),
    resolvedByName: r.resolver_name ?? null,
  }));
}

/** One of an article's comments, or null. */
export async function findComment(
  db: Queryable,
  articleId: number,
  commentId: number,
): Promise<{ id: number; authorId: number; resolvedAt: Date | null } | null> {
  const row = await db
    .selectFrom('article_comments')
    .select(['id', 'author_id', 'resolved_at'])
    .where('id', '=', commentId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        authorId: row.author_id,
        resolvedAt: toDate(row.resolved_at),
      }
    : null;
}

export async function resolveComment(
  db: Queryable,
  commentId: number,
  by: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('article_comments')
    .set({ resolved_at: at.toISOString(), resolved_by: by })
    .where('id', '=', commentId)
    .where('resolved_at', 'is', null)
    .execute();
}

export async function deleteComment(
  db: Queryable,
  commentId: number,
): Promise<void> {
  await db.deleteFrom('article_comments').where('id', '=', commentId).execute();
}

/** Active members whose login (e-mail before « @ ») is one of `handles`, any case. */
export async function membersByHandles(
  db: Queryable,
  handles: readonly string[],
): Promise<Mentionable[]> {
  if (handles.length === 0) return [];
  const patterns = handles.map((h) => `${h.toLowerCase()}@%`);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or(patterns.map((p) => eb(sql<string>`lower(email)`, 'like', p))),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email }));
}

/** Active members whose display name or login starts a word with `prefix`: the « @ » list. */
export async function searchMentionable(
  db: Queryable,
  prefix: string,
  limit: number,
): Promise<Mentionable[]> {
  const p = prefix.toLowerCase().replace(/[\\%_]/g, '');
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(display_name)`, 'like', `${p}%`),
        eb(sql<string>`lower(display_name)`, 'like', `% ${p}%`),
        eb(sql<string>`lower(email)`, 'like', `${p}%`),
      ]),
    )
    .orderBy('display_name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email }));
}
