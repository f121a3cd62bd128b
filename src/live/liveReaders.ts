import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import {
  forgetLiveReaders,
  otherNodesLiveReaders,
  reportLiveReaders,
} from '../db/repos/liveReaders.ts';

/**
 * Live readers across processes (issue 19): every process writes its own number of open live
 * streams every `everyMs`, and « now » is this process's count plus the other processes' rows
 * seen within three intervals. Each stream is held by exactly one process, so nobody is counted
 * twice; a process killed without a goodbye drops out after three intervals.
 */
export class LiveReaders {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #count: () => number;
  readonly #everyMs: number;
  readonly #nodeId = randomUUID();
  #timer: NodeJS.Timeout | null = null;

  constructor(options: {
    db: Db;
    clock: Clock;
    count: () => number;
    everyMs: number;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#count = options.count;
    this.#everyMs = options.everyMs;
  }

  start(onError: (error: unknown) => void): void {
    const tick = () => {
      this.report().catch(onError);
      this.#timer = setTimeout(tick, this.#everyMs).unref();
    };
    tick();
  }

  report(): Promise<void> {
    return reportLiveReaders(
      this.#db,
      this.#nodeId,
      this.#count(),
      this.#clock.now(),
    );
  }

  async now(): Promise<number> {
    const since = new Date(this.#clock.now().getTime() - 3 * this.#everyMs);
    return (
      this.#count() +
      (await otherNodesLiveReaders(this.#db, this.#nodeId, since))
    );
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await forgetLiveReaders(this.#db, this.#nodeId);
  }
}
