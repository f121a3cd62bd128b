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
export async function recordEvent(db: Queryable, event: NewEvent): Promise<number> {
  const row = await db.insertInto('events').values({
    name: event.name,
    article_id: event.articleId ?? null,
    actor_id: event.actorId ?? null,
    payload: JSON.stringify(event.payload ?? {}),
    created_at: event.at.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Events after `afterId`, oldest first: how processors and live readers catch up. */
export async function listEventsAfter(db: Queryable, afterId: number, limit = 500): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name as EventName,
    articleId: r.article_id,
    actorId: r.actor_id,
    payload: fromJson<Record<string, unknown>>(r.payload),
    createdAt: toDate(r.created_at),
  }));
}
