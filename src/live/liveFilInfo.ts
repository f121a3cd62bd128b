import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/bus.ts';
import { maxEventId } from '../db/repos/events.ts';
import { FilInfoFeed } from './filInfoFeed.ts';
import { LiveHub } from './hub.ts';

/** The live fil info of one process: the feed (events → frames) and the hub (open streams). */
export interface LiveFilInfo {
  feed: FilInfoFeed;
  hub: LiveHub;
  /**
   * The event id a page rendered now is up to date with, for its script to resume from: the
   * feed's position once it runs (settled, in order), else the newest id. A few ids too low only
   * means a line the page already shows is sent again, and the client replaces it in place.
   */
  resumeId(): Promise<number>;
  /** Ends every stream and stops following events (the bus itself is closed with the app). */
  close(): void;
}

/** What the live fil info needs of the running services. */
export interface LiveDeps {
  config: Config;
  db: Db;
  clock: Clock;
  bus: EventBus;
}

export function createLiveFilInfo(
  services: LiveDeps,
  onError: (error: Error) => void,
): LiveFilInfo {
  const { config } = services;
  // The feed broadcasts through the hub, which reads from the feed: tie the knot with a closure.
  const feed: FilInfoFeed = new FilInfoFeed(
    {
      bus: services.bus,
      db: services.db,
      clock: services.clock,
      site: config.site,
      replayMax: config.live.replayMax,
    },
    (frames) => hub.broadcast(frames),
  );
  const hub = new LiveHub(feed, {
    maxClients: config.live.maxClients,
    maxPerIp: config.live.maxPerIp,
    heartbeatMs: config.live.heartbeatMs,
    onError,
  });
  return {
    feed,
    hub,
    resumeId: async () =>
      feed.following ? feed.position : maxEventId(services.db),
    close: () => {
      hub.close();
      feed.close();
    },
  };
}
