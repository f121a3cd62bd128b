import type { Queryable } from '../database.ts';
import { fromJson, toDate } from '../schema.ts';
import { publiclyVisible } from './publicScope.ts';

export type LiveState = 'live' | 'ended';

/** A score or result box: two sides (teams, candidates…) and a line such as « 62e minute ». */
export interface Scoreboard {
  home: string;
  homeScore: string;
  away: string;
  awayScore: string;
  status: string;
}

export interface LiveBlog {
  articleId: number;
  state: LiveState;
  startedAt: Date;
  endedAt: Date | null;
  scoreboard: Scoreboard | null;
}

export interface LiveEntry {
  id: number;
  articleId: number;
  authorUserId: number | null;
  authorName: string | null;
  bodySource: string;
  bodyHtml: string;
  keyMoment: boolean;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export async function findLiveBlog(
  db: Queryable,
  articleId: number,
): Promise<LiveBlog | null> {
  const row = await db
    .selectFrom('live_blogs')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    articleId: row.article_id,
    state: row.state as LiveState,
    startedAt: toDate(row.started_at),
    endedAt: toDate(row.ended_at),
    scoreboard:
      row.scoreboard === null ? null : fromJson<Scoreboard>(row.scoreboard),
  };
}

export async function saveLiveBlog(
  db: Queryable,
  blog: LiveBlog,
  at: Date,
): Promise<void> {
  const values = {
    state: blog.state,
    started_at: blog.startedAt.toISOString(),
    ended_at: blog.endedAt?.toISOString() ?? null,
    scoreboard: blog.scoreboard ? JSON.stringify(blog.scoreboard) : null,
    updated_at: at.toISOString(),
  };
  await db
    .insertInto('live_blogs')
    .values({ article_id: blog.articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}

export async function insertLiveEntry(
  db: Queryable,
  e: {
    articleId: number;
    authorUserId: number | null;
    authorName: string | null;
    bodySource: string;
    bodyHtml: string;
    keyMoment: boolean;
  },
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('live_entries')
    .values({
      article_id: e.articleId,
      author_user_id: e.authorUserId,
      author_name: e.authorName,
      body_source: e.bodySource,
      body_html: e.bodyHtml,
      key_moment: e.keyMoment,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLiveEntry(
  db: Queryable,
  id: number,
  changes: {
    bodySource?: string;
    bodyHtml?: string;
    keyMoment?: boolean;
    deletedAt?: Date;
  },
  at: Date,
): Promise<void> {
  await db
    .updateTable('live_entries')
    .set({
      ...(changes.bodySource !== undefined
        ? { body_source: changes.bodySource }
        : {}),
      ...(changes.bodyHtml !== undefined
        ? { body_html: changes.bodyHtml }
        : {}),
      ...(changes.keyMoment !== undefined
        ? { key_moment: changes.keyMoment }
        : {}),
      ...(changes.deletedAt
        ? { deleted_at: changes.deletedAt.toISOString() }
        : {}),
      updated_at: at.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

const entryColumns = [
  'live_entries.id',
  'live_entries.article_id',
  'live_entries.author_user_id',
  'live_entries.author_name',
  'users.display_name',
  'live_entries.body_source',
  'live_entries.body_html',
  'live_entries.key_moment',
  'live_entries.created_at',
  'live_entries.updated_at',
  'live_entries.deleted_at',
] as const;

function toEntry(r: {
  id: number;
  article_id: number;
  author_user_id: number | null;
  author_name: string | null;
  display_name: string | null;
  body_source: string;
  body_html: string;
  key_moment: boolean | number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}): LiveEntry {
  return {
    id: r.id,
    articleId: r.article_id,
    authorUserId: r.author_user_id,
    authorName: r.author_name ?? r.display_name,
    bodySource: r.body_source,
    bodyHtml: r.body_html,
    keyMoment: Boolean(r.key_moment),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    deletedAt: toDate(r.deleted_at),
  };
}

/** An entry, deleted or not (the stream tells readers to remove deleted ones). */
export async function findLiveEntry(
  db: Queryable,
  id: number,
): Promise<LiveEntry | null> {
  const row = await db
    .selectFrom('live_entries')
    .leftJoin('users', 'users.id', 'live_entries.author_user_id')
    .select(entryColumns)
    .where('live_entries.id', '=', id)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** Entries of a live blog, newest first, `limit` of them, older than `beforeId` if given. */
export async function listLiveEntries(
  db: Queryable,
  articleId: number,
  options: { limit: number; beforeId?: number; keyMomentsOnly?: boolean },
): Promise<LiveEntry[]> {
  let q = db
    .selectFrom('live_entries')
    .leftJoin('users', 'users.id', 'live_entries.author_user_id')
    .select(entryColumns)
    .where('live_entries.article_id', '=', articleId)
    .where('live_entries.deleted_at', 'is', null);
  if (options.beforeId !== undefined)
    q = q.where('live_entries.id', '<', options.beforeId);
  if (options.keyMomentsOnly) q = q.where('live_entries.key_moment', '=', true);
  const rows = await q
    .orderBy('live_entries.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toEntry);
}

export interface LiveBlogTeaser {
  articleId: number;
  slug: string;
  title: string;
  state: LiveState;
  startedAt: Date;
}

/** Public live blogs that are live, or ended after `endedSince`: live ones first, newest first. */
export async function listHomeLiveBlogs(
  db: Queryable,
  now: Date,
  endedSince: Date,
  limit: number,
): Promise<LiveBlogTeaser[]> {
  // CROSS JOIN keeps live_blogs (a handful of rows) the outer loop on SQLite: joined, the
  // planner walked every public article and looked each up in live_blogs (2.4 s for the first
  // home page at 100,000 articles). PostgreSQL plans it as the inner join it is.
  const rows = await db
    .selectFrom('live_blogs')
    .crossJoin('articles')
    .whereRef('articles.id', '=', 'live_blogs.article_id')
    .where(publiclyVisible(now))
    .where((eb) =>
      eb.or([
        eb('live_blogs.state', '=', 'live'),
        eb('live_blogs.ended_at', '>=', endedSince.toISOString()),
      ]),
    )
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'live_blogs.state',
      'live_blogs.started_at',
    ])
    .orderBy('live_blogs.state', 'desc')
    .orderBy('live_blogs.started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    articleId: r.id,
    slug: r.slug,
    title: r.title,
    state: r.state as LiveState,
    startedAt: toDate(r.started_at),
  }));
}

/** The live blog state of each article among `ids` that is one (the fil info's « En direct »). */
export async function liveStatesOf(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, LiveState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('live_blogs')
    .select(['article_id', 'state'])
    .where('article_id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.article_id, r.state as LiveState]));
}
