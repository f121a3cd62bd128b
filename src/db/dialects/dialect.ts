import type { Kysely } from 'kysely';
import type { DatabaseTarget } from '../../config.ts';
import type { Database } from '../schema.ts';
import type { Queryable } from '../database.ts';
import type { SearchProvider } from '../../search/provider.ts';

/** The PostgreSQL channel every newsdesk process listens on. */
export const EVENTS_CHANNEL = 'newsdesk_events';

/**
 * How a process hears that committed events may be waiting in the events table. The signal only
 * wakes the reader (the bus), which then reads the table: a signal carries no data, so a
 * spurious one costs a query and a missed one is caught by the bus's poll.
 */
export interface EventSignal {
  /** Runs inside the transaction that records an event (as an inline processor). */
  announce(tx: Queryable): Promise<void>;
  /** Starts calling `wake` whenever events may have been committed; resolves to a stop function. */
  listen(
    wake: () => void,
    onError: (error: Error) => void,
  ): Promise<() => Promise<void>>;
}

/** This process's own recordings (the EventSink): told after each event is recorded. */
export interface LocalEvents {
  onRecorded(listener: () => void): () => void;
}

export interface OpenOptions {
  poolSize?: number;
  /** How long a new PostgreSQL connection may take before the query fails (default: no limit). */
  connectionTimeoutMs?: number;
  /** A pooled PostgreSQL connection broke while idle (it is replaced on the next query). */
  onIdleError?: (error: Error) => void;
}

/**
 * Everything that differs between SQLite and PostgreSQL above the SQL Kysely writes, as one
 * object per dialect (`db/dialects/sqlite.ts`, `postgres.ts`). Code asks the object; nothing
 * switches on the dialect's name.
 */
export interface Dialect {
  name: DatabaseTarget['dialect'];
  /** SQLite allows one writer at a time: ids commit in order, and background jobs need no cross-process lock. */
  singleWriter: boolean;
  /** How long the event bus waits for a gap in event ids to fill (see events/cursor.ts). */
  eventGraceMs: number;
  open(target: DatabaseTarget, options: OpenOptions): Kysely<Database>;
  /** The full-text search engine: FTS5 or tsvector. */
  search: SearchProvider;
  /** How events recorded by this process, or by others, wake the bus. */
  changeSignal(target: DatabaseTarget, local: LocalEvents): EventSignal;
  /** After a bulk load (an import): the planner's statistics, so the first pages use their indexes. */
  refreshStatistics(db: Queryable): Promise<void>;
}

/** A dialect's own target, or an error naming the mix-up (a wiring bug, never user input). */
export function targetOf<K extends DatabaseTarget['dialect']>(
  target: DatabaseTarget,
  dialect: K,
): Extract<DatabaseTarget, { dialect: K }> {
  if (target.dialect !== dialect)
    throw new Error(
      `a ${target.dialect} database opened with the ${dialect} dialect`,
    );
  return target as Extract<DatabaseTarget, { dialect: K }>;
}

/** SQLite: this process's own sink is the only source of events. */
export function inProcessSignal(local: LocalEvents): EventSignal {
  return {
    announce: async () => {},
    listen: async (wake) => {
      const off = local.onRecorded(wake);
      return async () => {
        off();
      };
    },
  };
}
