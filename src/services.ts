import type { Config } from './config.ts';
import type { DatabaseHandle, Db } from './db/database.ts';
import type { Dialect } from './db/dialects/dialect.ts';
import type { Clock } from './domain/clock.ts';
import { EventSink } from './events/eventSink.ts';
import { EVENT_NAMES } from './events/names.ts';
import { EventBus } from './events/bus.ts';
import { ChangeTracker } from './events/changeTracker.ts';
import type { SearchProvider } from './search/provider.ts';
import { searchIndexProcessor } from './search/indexProcessor.ts';
import { editorialIndexProcessor } from './events/processors/editorialIndex.ts';
import { notificationsProcessor } from './notifications/processor.ts';
import { createMediaServices, type MediaServices } from './media/library.ts';
import { webhookOutboxProcessor } from './webhooks/outboxProcessor.ts';
import { AudienceCollector } from './audience/collector.ts';

/**
 * The stateful parts of a running newsdesk, built once and passed down explicitly: no module
 * singletons, no container. main.ts and the tests both build them here, so they wire the same way.
 */
export interface Services {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  events: EventSink;
  /** Committed events, in order, from any process (starts on first subscription; the app closes it). */
  bus: EventBus;
  /** What the events delivered by the bus changed, for the page, feed and sitemap caches. */
  changes: ChangeTracker;
  search: SearchProvider;
  /** Picture files (disk or S3) and their renditions. */
  media: MediaServices;
  /** Page views counted in memory, added to the database every few seconds (the app flushes it on close). */
  audience: AudienceCollector;
}

export function createServices(
  config: Config,
  handle: DatabaseHandle,
  clock: Clock,
): Services {
  const events = new EventSink();
  const { dialect } = handle;
  const search = dialect.search;
  // Inline processors (search index, entity tags…) register here, in the order they must run.
  events.register(searchIndexProcessor(search));
  events.register(editorialIndexProcessor);
  events.register(notificationsProcessor);
  // Webhook deliveries are queued with the change that causes them (the outbox), never after it.
  events.register(webhookOutboxProcessor(config.site));
  const signal = dialect.changeSignal(handle.target, events);
  // NOTIFY is delivered at commit, so where this runs among the processors does not matter.
  events.register({
    name: 'announce-to-other-processes',
    applicableEvents: EVENT_NAMES,
    handle: (tx) => signal.announce(tx),
  });
  const bus = new EventBus({
    db: handle.db,
    signal,
    pollMs: config.live.pollMs,
    graceMs: config.live.graceMs ?? dialect.eventGraceMs,
    onError: (error) => console.error(`newsdesk event bus: ${error.message}`),
  });
  const changes = new ChangeTracker({ db: handle.db, bus, sink: events });
  const audience = new AudienceCollector({
    db: handle.db,
    clock,
    timeZone: config.site.timeZone,
    flushMs: config.audience.flushMs,
    onError: (error) =>
      console.error(
        `newsdesk audience: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  return {
    config,
    db: handle.db,
    dialect,
    clock,
    events,
    bus,
    changes,
    search,
    media: createMediaServices(config.media),
    audience,
  };
}
