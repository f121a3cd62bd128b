import type { Clock } from '../../domain/clock.ts';
import type { ChangeScope, ChangeTracker } from '../../events/changeTracker.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';

/** What a builder returns: the value, its weight in memory, and until when it holds regardless of events. */
export interface Built<T> {
  value: T;
  bytes: number;
  validUntil: Date | null;
}

interface Entry {
  value: unknown;
  bytes: number;
  validUntil: number | null;
  builtAt: number;
  builtTime: number;
  scopes: readonly ChangeScope[];
}

/** 32 MB: every monthly sitemap of a large archive would not fit, and need not (see README). */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Feeds and sitemaps, rendered once and kept until an event touches what they show (see
 * ChangeTracker, told by the event bus) or a time passes (an embargo ends, an article turns 48
 * hours old). A request for a kept entry costs no I/O. Entries are forgotten least recently used
 * first, past a memory budget; concurrent requests for one missing entry share one build.
 * While the database is out of reach (a restart), a kept entry is served even if stale
 * (stale-if-error): readers get the last page rather than an error.
 */
export class DerivedCache {
  readonly #tracker: ChangeTracker;
  readonly #clock: Clock;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  readonly #building = new Map<string, Promise<unknown>>();
  /** The key each kept object value was stored under (the fast path finds a document's entry by it). */
  readonly #keys = new WeakMap<object, string>();
  #bytes = 0;
  /** The key moved last most recently (see #used). */
  #last: string | undefined;

  constructor(
    tracker: ChangeTracker,
    clock: Clock,
    maxBytes = DEFAULT_MAX_BYTES,
  ) {
    this.#tracker = tracker;
    this.#clock = clock;
    this.#maxBytes = maxBytes;
  }

  /** The tracker's generation (caught up on this process's own writes); pass it to the `get` calls that follow. */
  sync(): Promise<number> {
    return this.#tracker.sync();
  }

  /**
   * The value under `key`, rebuilt when one of `scopes` changed since it was built or it
   * expired. `generation` comes from `sync()` when the caller already synced in this request.
   */
  async get<T>(
    key: string,
    scopes: readonly ChangeScope[],
    build: () => Promise<Built<T>>,
    generation?: number,
  ): Promise<T> {
    const entry = this.#entries.get(key);
    try {
      return await this.#fresh(
        key,
        entry,
        scopes,
        build,
        generation ?? (await this.sync()),
      );
    } catch (error) {
      if (entry && isDatabaseUnavailable(error)) return entry.value as T;
      throw error;
    }
  }

  /**
   * The value under `key` if it is kept, fresh and nothing this process wrote is still on its
   * way through the bus; undefined otherwise (the caller then takes the `get` path). No I/O and
   * no await: for answers that must not leave the event loop's current turn.
   */
  peek(key: string): unknown {
    if (!this.#tracker.settled) return undefined;
    const entry = this.#entries.get(key);
    if (!entry || !this.#timely(entry, this.#clock.now().getTime()))
      return undefined;
    if (!this.#tracker.isFresh(entry.scopes, entry.builtAt)) return undefined;
    this.#used(key, entry);
    return entry.value;
  }

  /**
   * Moves `key` last (most recently used). A page asked again and again (the home page under
   * load) is already last: re-inserting it would only churn the map, which a Map pays for by
   * rehashing every entry once deletions pile up.
   */
  #used(key: string, entry: Entry): void {
    if (this.#last === key) return;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#last = key;
  }

  #timely(entry: Entry, now: number): boolean {
    // A clock set back (tests, a corrected server clock) must not serve what was built "later".
    return (
      now >= entry.builtTime &&
      (entry.validUntil === null || now < entry.validUntil)
    );
  }

  async #fresh<T>(
    key: string,
    entry: Entry | undefined,
    scopes: readonly ChangeScope[],
    build: () => Promise<Built<T>>,
    gen: number,
  ): Promise<T> {
    const now = this.#clock.now().getTime();
    if (
      entry &&
      this.#timely(entry, now) &&
      this.#tracker.isFresh(entry.scopes, entry.builtAt)
    ) {
      this.#used(key, entry);
      return entry.value as T;
    }
    const flightKey = `${key}@${gen}`;
    let flight = this.#building.get(flightKey) as Promise<T> | undefined;
    if (!flight) {
      flight = build()
        .then((built) => {
          this.#store(key, {
            value: built.value,
            bytes: built.bytes,
            validUntil: built.validUntil?.getTime() ?? null,
            builtAt: gen,
            builtTime: now,
            scopes,
          });
          return built.value;
        })
        .finally(() => this.#building.delete(flightKey));
      this.#building.set(flightKey, flight);
    }
    return flight;
  }

  /**
   * The key `value` is kept under, if it is a value this cache holds right now (the very object
   * `get` returned); undefined otherwise. No I/O.
   */
  keyOf(value: object): string | undefined {
    const key = this.#keys.get(value);
    return key !== undefined && this.#entries.get(key)?.value === value
      ? key
      : undefined;
  }

  /** Entries and bytes held, for the benchmark and tests. */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #store(key: string, entry: Entry): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    if (entry.bytes > this.#maxBytes) return;
    this.#entries.set(key, entry);
    this.#last = key;
    this.#bytes += entry.bytes;
    if (typeof entry.value === 'object' && entry.value !== null)
      this.#keys.set(entry.value, key);
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
  }
}
