import { Webhook } from 'standardwebhooks';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/dialects/dialect.ts';
import type { Clock } from '../domain/clock.ts';
import type { WebhookConfig } from '../config.ts';
import type { EventBus } from '../events/bus.ts';
import {
  claimDueDeliveries,
  findSubscription,
  finishAttempt,
  releaseDelivery,
  setSubscriptionStatus,
  type AttemptRecord,
  type ClaimedDelivery,
} from '../db/repos/webhooks.ts';

export interface DispatcherDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: WebhookConfig;
  onError: (error: unknown) => void;
  onDisabled?: (subscriptionId: number) => void;
}

const EXCERPT_CHARS = 1_000;
/** A delivery is held for twice its timeout: past that, its worker is gone and another may take it over. */
const LEASE_FACTOR = 2;
const BATCH = 20;
/** A send is not started with less time than this left before its deadline. */
const MIN_SEND_MS = 100;

/**
 * Sends the outbox's deliveries, signed per Standard Webhooks, from any number of processes:
 * each takes due rows under a lease (see claimDueDeliveries), so a row is sent by one worker at
 * a time, and a worker killed mid-way loses only its lease. Wakes on the event bus (new events
 * mean new deliveries) and polls for retries that come due.
 */
export class WebhookDispatcher {
  readonly #deps: DispatcherDeps;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(deps: DispatcherDeps) {
    this.#deps = deps;
  }

  async start(bus: EventBus): Promise<void> {
    this.#unsubscribe = await bus.subscribe(() => this.wake());
    this.#timer = setInterval(() => this.wake(), this.#deps.config.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Single-flight: a wake during a run makes it run once more. */
  wake(): void {
    if (this.#stopped) return;
    this.#again = true;
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
    });
  }

  /** Stops taking new deliveries and waits for those in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#running;
  }

  /** Takes and sends one batch; returns how many it sent (tests and the benchmark drive it). */
  async runOnce(): Promise<number> {
    const { db, dialect, clock, config } = this.#deps;
    const now = clock.now();
    // One UPDATE … RETURNING: atomic by itself, no transaction needed around it.
    const claimed = await claimDueDeliveries(db, {
      now,
      leaseUntil: new Date(now.getTime() + config.timeoutMs * LEASE_FACTOR),
      limit: BATCH,
      rowLocks: !dialect.singleWriter,
    });
    // Each send must be over within `timeoutMs` of the claim, half the lease: the other half is for
    // recording it. So no worker ever sends a delivery whose lease another may already have taken.
    const deadline = now.getTime() + config.timeoutMs;
    await Promise.all(claimed.map((d) => this.#deliver(d, deadline)));
    return claimed.length;
  }

  async #loop(): Promise<void> {
    while (this.#again && !this.#stopped) {
      this.#again = false;
      try {
        if ((await this.runOnce()) === BATCH) this.#again = true;
      } catch (error) {
        this.#deps.onError(error);
      }
    }
  }

  async #deliver(d: ClaimedDelivery, deadline: number): Promise<void> {
    const { db, clock, config } = this.#deps;
    const subscription = await findSubscription(db, d.subscriptionId);
    if (!subscription) return;
    const remaining = deadline - clock.now().getTime();
    if (remaining < MIN_SEND_MS) {
      // Too late to send safely under this lease (a slow batch): hand it back untried.
      await releaseDelivery(db, d);
      return;
    }
    // The signature's timestamp is the wall clock's: receivers check it against theirs (replay protection).
    const attempt = await send(
      subscription.url,
      subscription.secret,
      d,
      new Date(),
      Math.min(config.timeoutMs, remaining),
    );
    const delivered =
      attempt.statusCode !== null &&
      attempt.statusCode >= 200 &&
      attempt.statusCode < 300;
    const delay = config.retryDelaysMs[d.attempts - 1];
    const at = clock.now();
    const retryAt =
      delivered || delay === undefined ? null : new Date(at.getTime() + delay);
    const recorded = await finishAttempt(
      db,
      d,
      attempt,
      { delivered, retryAt },
      at,
    );
    if (recorded && !delivered && retryAt === null) {
      // Retries exhausted (about three days of failures): stop sending until an admin re-enables it.
      await setSubscriptionStatus(
        db,
        subscription.id,
        'disabled',
        at,
        `Échecs répétés : la livraison ${d.id} (${d.eventType}) a échoué ${d.attempts} fois.`,
      );
      this.#deps.onDisabled?.(subscription.id);
    }
  }
}

/** One signed POST; never throws (a refused connection is an attempt with an error). */
async function send(
  url: string,
  secret: string,
  d: ClaimedDelivery,
  now: Date,
  timeoutMs: number,
): Promise<AttemptRecord> {
  const id = `msg_${d.id}`;
  const signature = new Webhook(secret).sign(id, now, d.payload);
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      body: d.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'newsdesk-webhooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
    });
    const excerpt = await readExcerpt(res);
    return {
      statusCode: res.status,
      durationMs: Math.round(performance.now() - started),
      responseExcerpt: excerpt,
      error: null,
    };
  } catch (error) {
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? `${error.message}: ${error.cause.message}`
          : error.message
        : String(error);
    return {
      statusCode: null,
      durationMs: Math.round(performance.now() - started),
      responseExcerpt: '',
      error: message.slice(0, 500),
    };
  }
}

/** The first characters of the answer, for the delivery log, without reading a huge body whole. */
async function readExcerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, EXCERPT_CHARS);
}
