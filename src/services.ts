import type { Config } from './config.ts';
import type { DatabaseHandle, Db, DialectInfo } from './db/database.ts';
import type { Clock } from './domain/clock.ts';
import { EventSink } from './events/eventSink.ts';
import { editorialIndexProcessor } from './events/processors/editorialIndex.ts';

/**
 * The stateful parts of a running newsdesk, built once and passed down explicitly: no module
 * singletons, no container. main.ts and the tests both build them here, so they wire the same way.
 */
export interface Services {
  config: Config;
  db: Db;
  dialect: DialectInfo;
  clock: Clock;
  events: EventSink;
}

export function createServices(config: Config, handle: DatabaseHandle, clock: Clock): Services {
  const events = new EventSink();
  // Inline processors (search index, entity tags…) register here, in the order they must run.
  events.register(editorialIndexProcessor);
  return { config, db: handle.db, dialect: handle.dialect, clock, events };
}
