import { sql } from 'kysely';
import type { Queryable } from '../database.ts';
import type { EventName } from '../../events/names.ts';
import { fromJson, toDate } from '../schema.ts';

export interface StoredEvent {
  id: number;
  name: EventName;
  articleId: number | null;
  actorId: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface NewEvent {
  name: EventName;
  articleId?: number | null;
  actorId?: number | null;
  payload?: Record<string, unknown>;
  at: Date;
}

/** Appends an event; call it inside the transaction that makes the change it names. */
export async function recordEvent(
  db: Queryable,
  event: NewEvent,
): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({
      name: event.name,
      article_id: event.articleId ?? null,
      actor_id: event.actorId ?? null,
      payload: JSON.stringify(event.payload ?? {}),
      created_at: event.at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Deletes the `name` events recorded before `before` and says how many: for announcements
 * worth nothing once heard (presence), which would otherwise pile up in the table. Reads the
 * (name, id) index, so it walks only that name's rows.
 */
export async function deleteEventsBefore(
  db: Queryable,
  name: EventName,
  before: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('name', '=', name)
    .where('created_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Events after `afterId`, oldest first: how processors and live readers catch up. */
export async function listEventsAfter(
  db: Queryable,
  afterId: number,
  limit = 500,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toStoredEvent);
}

/** Events with ids in (afterId, upToId] whose name starts with `prefix` (less `except`), oldest first: a live reader's replay. */
export async function listEventsInRange(
  db: Queryable,
  range: {
    afterId: number;
    upToId: number;
    prefix: string;
    except?: readonly string[];
    limit: number;
  },
): Promise<StoredEvent[]> {
  let query = db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', range.afterId)
    .where('id', '<=', range.upToId)
    .where('name', 'like', `${range.prefix}%`);
  if (range.except?.length)
    query = query.where('name', 'not in', [...range.except]);
  const rows = await query.orderBy('id').limit(range.limit).execute();
  return rows.map(toStoredEvent);
}

/** The newest event's id, 0 when there is none: where a new reader of the log starts. */
/** The events among `ids` that exist now: how a follower picks up ones that committed late. */
export async function listEventsByIds(
  db: Queryable,
  ids: number[],
): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map(toStoredEvent);
}

export async function maxEventId(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * PostgreSQL only: wakes every session LISTENing on `channel`. Issued inside the recording
 * transaction, the notification is delivered when (and only if) it commits, so listeners are
 * woken exactly when the event row becomes visible. Identical notifications in one transaction
 * are folded into one, hence the empty payload.
 */
export async function notifyChannel(
  tx: Queryable,
  channel: string,
): Promise<void> {
  await sql`select pg_notify(${channel}, '')`.execute(tx);
}

function toStoredEvent(r: {
  id: number;
  name: string;
  article_id: number | null;
  actor_id: number | null;
  payload: unknown;
  created_at: Date | string;
}): StoredEvent {
  return {
    id: r.id,
    name: r.name as EventName,
    articleId: r.article_id,
    actorId: r.actor_id,
    payload: fromJson<Record<string, unknown>>(r.payload),
    createdAt: toDate(r.created_at),
  };
}
