import type { Queryable } from '../db/database.ts';
import {
  recordEvent,
  type NewEvent,
  type StoredEvent,
} from '../db/repos/events.ts';
import type { EventName } from './names.ts';

/**
 * A processor that keeps derived data (the search index, entity tags…) in step with content. It
 * runs inside the transaction that records the event, so the derived data commits or rolls back
 * with the change: never a published article missing from search, never an index entry for a
 * change that failed.
 */
export interface InlineProcessor {
  name: string;
  applicableEvents: readonly EventName[];
  handle(tx: Queryable, event: StoredEvent): Promise<void>;
}

/** Told after an event is recorded; may be called before the transaction commits (see EventSink). */
export type EventListener = () => void;

/**
 * Where commands record what they changed. `record` writes the event row, runs the inline
 * processors that apply, and pokes listeners (the live bus), which then read committed events
 * from the table by id: a poke for a transaction that rolls back finds nothing new.
 */
export class EventSink {
  readonly #processors: InlineProcessor[] = [];
  readonly #listeners = new Set<EventListener>();
  #lastRecorded: { id: number; at: number } | null = null;

  /**
   * The last event this process recorded, and when (wall clock, ms). It may not have committed
   * (yet, or ever): readers that must see their own writes compare it with the bus's position.
   */
  get lastRecorded(): { id: number; at: number } | null {
    return this.#lastRecorded;
  }

  register(processor: InlineProcessor): void {
    this.#processors.push(processor);
  }

  onRecorded(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async record(tx: Queryable, event: NewEvent): Promise<StoredEvent> {
    const id = await recordEvent(tx, event);
    if (id > (this.#lastRecorded?.id ?? 0))
      this.#lastRecorded = { id, at: Date.now() };
    const stored: StoredEvent = {
      id,
      name: event.name,
      articleId: event.articleId ?? null,
      actorId: event.actorId ?? null,
      payload: event.payload ?? {},
      createdAt: event.at,
    };
    for (const p of this.#processors) {
      if (p.applicableEvents.includes(event.name)) await p.handle(tx, stored);
    }
    // After the current microtask queue: by then the caller's transaction has usually committed;
    // listeners read from the table anyway, so early pokes are harmless.
    if (this.#listeners.size)
      setImmediate(() => {
        for (const l of this.#listeners) l();
      });
    return stored;
  }
}
