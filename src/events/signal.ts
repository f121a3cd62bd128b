import type { DatabaseHandle, Queryable } from '../db/database.ts';
import { notifyChannel } from '../db/repos/events.ts';
import { listenChannel } from '../db/dialects/postgresListener.ts';
import type { EventSink } from './eventSink.ts';

/** The PostgreSQL channel every newsdesk process listens on. */
export const EVENTS_CHANNEL = 'newsdesk_events';

/**
 * How a process hears that committed events may be waiting in the events table. The signal only
 * wakes the reader (the bus), which then reads the table: a signal carries no data, so a
 * spurious one costs a query and a missed one is caught by the bus's poll.
 *
 * The one place the dialects differ for live updates: on SQLite the only writer is this process,
 * so the in-process sink is enough; on PostgreSQL other processes write too, and a NOTIFY sent
 * inside each recording transaction reaches every listener when that transaction commits.
 */
export interface EventSignal {
  /** Runs inside the transaction that records an event (as an inline processor). */
  announce(tx: Queryable): Promise<void>;
  /** Starts calling `wake` whenever events may have been committed; resolves to a stop function. */
  listen(wake: () => void, onError: (error: Error) => void): Promise<() => Promise<void>>;
}

/** SQLite: this process's own sink is the only source of events. */
export function inProcessSignal(sink: EventSink): EventSignal {
  return {
    announce: async () => {},
    listen: async (wake) => {
      const off = sink.onRecorded(wake);
      return async () => { off(); };
    },
  };
}

/**
 * PostgreSQL: NOTIFY in the recording transaction, LISTEN on a dedicated connection. The
 * in-process poke is kept as well: it costs nothing and lets a lone process skip the round trip.
 */
export function postgresSignal(sink: EventSink, connectionString: string): EventSignal {
  return {
    announce: (tx) => notifyChannel(tx, EVENTS_CHANNEL),
    listen: async (wake, onError) => {
      const off = sink.onRecorded(wake);
      const listener = await listenChannel({ connectionString, channel: EVENTS_CHANNEL, onNotify: wake, onError });
      return async () => { off(); await listener.close(); };
    },
  };
}

/** The signal for this database, chosen once from the dialect. */
export function createEventSignal(handle: DatabaseHandle, sink: EventSink): EventSignal {
  const { target } = handle;
  return target.dialect === 'postgres' ? postgresSignal(sink, target.connectionString) : inProcessSignal(sink);
}
