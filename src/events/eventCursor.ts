import type { Queryable } from '../db/database.ts';
import { listEventsAfter, listEventsByIds, maxEventId, type StoredEvent } from '../db/repos/events.ts';

/** How long a missing event id is awaited before it is taken for a rolled-back transaction. */
const GAP_GRACE_MS = 60_000;
const MAX_PENDING = 1_000;

/**
 * Reads the events table forward, for followers outside the writing transaction (caches,
 * WebSub). On PostgreSQL ids are handed out at insert but become visible at commit, so event 12
 * can appear after 13 has been read: a cursor that simply moved past 13 would never see 12. This
 * one remembers the ids it skipped and looks for them again for a minute.
 */
export class EventCursor {
  readonly #db: Queryable;
  readonly #now: () => number;
  #position: number;
  /** Skipped ids → when they were first noticed missing (ms). */
  readonly #pending = new Map<number, number>();

  constructor(db: Queryable, start: number, now: () => number = Date.now) {
    this.#db = db;
    this.#position = start;
    this.#now = now;
  }

  /** A cursor at the newest event: it will report only what happens from now on. */
  static async atEnd(db: Queryable): Promise<EventCursor> {
    return new EventCursor(db, await maxEventId(db));
  }

  get position(): number { return this.#position; }
  get hasPending(): boolean { return this.#pending.size > 0; }

  /** Events committed since the last poll, oldest first; `more` when a page was full. */
  async poll(limit = 500): Promise<{ events: StoredEvent[]; more: boolean }> {
    const fresh = await listEventsAfter(this.#db, this.#position, limit);
    const now = this.#now();
    let expected = this.#position + 1;
    for (const e of fresh) {
      for (let id = expected; id < e.id && this.#pending.size < MAX_PENDING; id++) this.#pending.set(id, now);
      expected = e.id + 1;
    }
    if (fresh.length) this.#position = fresh.at(-1)!.id;
    const late: StoredEvent[] = [];
    if (this.#pending.size) {
      for (const [id, since] of this.#pending) if (now - since > GAP_GRACE_MS) this.#pending.delete(id);
      for (const e of await listEventsByIds(this.#db, [...this.#pending.keys()])) {
        this.#pending.delete(e.id);
        late.push(e);
      }
    }
    const events = late.length ? [...late, ...fresh].sort((a, b) => a.id - b.id) : fresh;
    return { events, more: fresh.length === limit };
  }
}
