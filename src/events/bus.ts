import type { Db } from '../db/database.ts';
import {
  listEventsAfter,
  listEventsByIds,
  maxEventId,
  type StoredEvent,
} from '../db/repos/events.ts';
import {
  advanceCursor,
  lateIds,
  newCursor,
  settleLate,
  type EventCursor,
} from './cursor.ts';
import type { EventSignal } from '../db/dialects/dialect.ts';

/** Told of committed events, in id order, a batch at a time; the bus waits for it before the next batch. */
export type EventBatchListener = (
  events: StoredEvent[],
) => void | Promise<void>;

export interface SubscribeOptions {
  /**
   * Also be told of events that committed after the bus had given up waiting for them (see
   * cursor.ts): out of order, in a batch of their own. For followers that need to know *that*
   * something changed (caches, WebSub), not for those that need order (the live fil info).
   */
  late?: boolean;
}

export interface EventBusOptions {
  db: Db;
  signal: EventSignal;
  /** Read the table this often even without a signal. */
  pollMs: number;
  /** How long a row may wait behind a gap in ids (see cursor.ts). */
  graceMs: number;
  batchSize?: number;
  onError?: (error: Error) => void;
  /** Wall-clock milliseconds, for the grace period (not the app clock: this measures real waiting). */
  now?: () => number;
}

/**
 * Committed events, read from the events table by id and handed to subscribers in order. The
 * table is the source of truth, so nothing lives only in this process's memory: a signal (the
 * in-process sink, PostgreSQL NOTIFY) only says "read now", a poll covers lost signals, and a
 * new process starts from the newest id.
 *
 * Starts on the first subscription: a process nobody listens to holds no extra connection.
 * It is the one reader of the table in a process: the live fil info, the page, feed and sitemap
 * caches (ChangeTracker) and WebSub all subscribe here.
 */
export class EventBus {
  readonly #options: EventBusOptions;
  readonly #listeners = new Map<EventBatchListener, SubscribeOptions>();
  #cursor: EventCursor | null = null;
  #starting: Promise<void> | null = null;
  #stopSignal: (() => Promise<void>) | null = null;
  #draining: Promise<void> | null = null;
  #delivered: number | null = null;
  #dirty = false;
  #closed = false;
  #pollTimer: NodeJS.Timeout | null = null;
  #followUp: NodeJS.Timeout | null = null;
  #graceTimer: NodeJS.Timeout | null = null;

  constructor(options: EventBusOptions) {
    this.#options = options;
  }

  /** The last event id handed to subscribers, or null before the bus has started. */
  get position(): number | null {
    return this.#cursor?.position ?? null;
  }

  /** The last event id every subscriber has finished with (`position` moves when a batch is read). */
  get delivered(): number | null {
    return this.#delivered;
  }

  /** Adds a listener and starts the bus if needed; resolves once it is reading. */
  async subscribe(
    listener: EventBatchListener,
    options: SubscribeOptions = {},
  ): Promise<() => void> {
    this.#listeners.set(listener, options);
    await this.start();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  start(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('event bus closed'));
    this.#starting ??= (async () => {
      this.#cursor = newCursor(await maxEventId(this.#options.db));
      this.#delivered = this.#cursor.position;
      this.#stopSignal = await this.#options.signal.listen(
        () => this.wake(),
        (error) => this.#report(error),
      );
      this.#pollTimer = setInterval(
        () => this.#drainSoon(),
        this.#options.pollMs,
      );
      this.#pollTimer.unref();
    })();
    // A failed start (database down) is not remembered: the next subscriber tries again.
    this.#starting.catch(() => {
      this.#starting = null;
      this.#cursor = null;
      this.#delivered = null;
    });
    return this.#starting;
  }

  /**
   * Reads the table now, and once more shortly after: an in-process poke can come before the
   * transaction it announces has committed, and on SQLite no other signal would follow it.
   */
  wake(): void {
    if (!this.#cursor || this.#closed) return;
    this.#drainSoon();
    if (this.#followUp) return;
    this.#followUp = setTimeout(() => {
      this.#followUp = null;
      this.#drainSoon();
    }, 150);
    this.#followUp.unref();
  }

  /**
   * Reads the table now and resolves once what it found has been handed to every subscriber
   * (rows held behind a gap excepted: they follow within the grace). A request that must see a
   * change this process just committed awaits it; nothing is read if the bus has not started.
   */
  async catchUp(): Promise<void> {
    if (!this.#cursor || this.#closed) return;
    this.#drainSoon();
    await this.#draining;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of [this.#pollTimer, this.#followUp, this.#graceTimer])
      if (timer) clearTimeout(timer);
    await this.#starting?.catch(() => {});
    await this.#stopSignal?.().catch(() => {});
    await this.#draining;
    this.#listeners.clear();
  }

  /** Single-flight: signals during a read make it read again instead of running in parallel. */
  #drainSoon(): void {
    this.#dirty = true;
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    const { db, graceMs, batchSize = 500 } = this.#options;
    const now = this.#options.now ?? Date.now;
    while (this.#dirty && !this.#closed && this.#cursor) {
      this.#dirty = false;
      try {
        const rows = await listEventsAfter(
          db,
          this.#cursor.position,
          batchSize,
        );
        const { count, retryAt } = advanceCursor(
          this.#cursor,
          rows.map((r) => r.id),
          now(),
          graceMs,
        );
        if (count > 0) await this.#deliver(rows.slice(0, count), false);
        this.#delivered = this.#cursor.position;
        if (count === batchSize) this.#dirty = true;
        if (retryAt !== null) this.#retryAt(retryAt, now());
        await this.#deliverLate(now());
      } catch (error) {
        // The poll will try again; a database hiccup must not kill the bus.
        this.#report(error);
      }
    }
  }

  /** Skipped ids that have committed since: to the subscribers that take late events. */
  async #deliverLate(now: number): Promise<void> {
    if (!this.#cursor || this.#cursor.skipped.size === 0) return;
    const ids = lateIds(this.#cursor, now);
    if (ids.length === 0) return;
    const late = await listEventsByIds(this.#options.db, ids);
    settleLate(
      this.#cursor,
      late.map((e) => e.id),
    );
    if (late.length) await this.#deliver(late, true);
  }

  async #deliver(events: StoredEvent[], late: boolean): Promise<void> {
    for (const [listener, options] of this.#listeners) {
      if (late && !options.late) continue;
      try {
        await listener(events);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  #retryAt(at: number, now: number): void {
    if (this.#graceTimer) return;
    this.#graceTimer = setTimeout(
      () => {
        this.#graceTimer = null;
        this.#drainSoon();
      },
      Math.max(0, at - now) + 5,
    );
    this.#graceTimer.unref();
  }

  #report(error: unknown): void {
    this.#options.onError?.(
      error instanceof Error ? error : new Error(String(error)),
    );
  }
}
