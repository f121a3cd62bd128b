import type { SiteConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import {
  listEventsInRange,
  maxEventId,
  type StoredEvent,
} from '../db/repos/events.ts';
import type { Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/bus.ts';
import {
  FIL_INFO_EVENT_PREFIX,
  INVISIBLE_STEPS,
  filInfoMessages,
} from './filInfoMessages.ts';
import type { Frame, LiveSource } from './hub.ts';
import { sseFrame } from './sse.ts';

export interface FilInfoFeedDeps {
  bus: EventBus;
  db: Db;
  clock: Clock;
  site: SiteConfig;
  /** Beyond this many missed events, a client is told to reload. */
  replayMax: number;
}

/**
 * The fil info as a stream: follows the bus, turns each batch of events into messages once
 * (one lookup per batch, whatever the number of readers) and hands the frames to the hub.
 */
export class FilInfoFeed implements LiveSource {
  readonly #deps: FilInfoFeedDeps;
  readonly #broadcast: (frames: Frame[]) => void;
  #position = 0;
  #ready: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;
  #following = false;

  constructor(deps: FilInfoFeedDeps, broadcast: (frames: Frame[]) => void) {
    this.#deps = deps;
    this.#broadcast = broadcast;
  }

  get position(): number {
    return this.#position;
  }

  /** Whether `position` is live (the feed has started following the bus). */
  get following(): boolean {
    return this.#following;
  }

  ready(): Promise<void> {
    this.#ready ??= (async () => {
      this.#unsubscribe = await this.#deps.bus.subscribe((events) =>
        this.#onEvents(events),
      );
      // Subscribed before reading the position: a batch cannot slip between the two.
      this.#position = Math.max(this.#position, this.#deps.bus.position ?? 0);
      this.#following = true;
    })();
    this.#ready.catch(() => {
      this.#ready = null;
    });
    return this.#ready;
  }

  async replay(afterId: number, upToId: number): Promise<string | null> {
    const { db, clock, site, replayMax } = this.#deps;
    const events = await listEventsInRange(db, {
      afterId,
      upToId,
      prefix: FIL_INFO_EVENT_PREFIX,
      except: INVISIBLE_STEPS,
      limit: replayMax + 1,
    });
    if (events.length > replayMax) return null;
    const messages = await filInfoMessages(db, events, clock.now(), site);
    return messages.map(sseFrame).join('');
  }

  newestId(): Promise<number> {
    return maxEventId(this.#deps.db);
  }

  close(): void {
    this.#unsubscribe?.();
  }

  async #onEvents(events: StoredEvent[]): Promise<void> {
    const { db, clock, site } = this.#deps;
    const messages = await filInfoMessages(db, events, clock.now(), site);
    // MUST stay together, with no await between: a client attaching reads `position` and expects
    // every frame up to it to have been broadcast, and none after it. (A batch the bus was
    // already delivering when the feed subscribed may end at or below it: clients replay that.)
    const from = this.#position;
    this.#position = Math.max(from, events.at(-1)!.id);
    this.#broadcast(
      messages
        .filter((m) => m.id > from)
        .map((m) => ({ id: m.id, text: sseFrame(m) })),
    );
  }
}
