import type { Queryable } from '../database.ts';
import type { EventName } from '../../events/names.ts';
import type { StoredEvent } from './events.ts';
import { fromJson, toDate } from '../schema.ts';

/** The newest event's id (0 for none): one index lookup, cheap enough to ask on every request. */
export async function maxEventId(db: Queryable): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The events among `ids` that exist now: how a follower picks up ones that committed late. */
export async function listEventsByIds(db: Queryable, ids: number[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('events').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name as EventName,
    articleId: r.article_id,
    actorId: r.actor_id,
    payload: fromJson<Record<string, unknown>>(r.payload),
    createdAt: toDate(r.created_at),
  }));
}
