import type { Queryable } from '../database.ts';
import { fromJson, toDate } from '../schema.ts';

export interface WebhookSubscription {
  id: number;
  name: string;
  url: string;
  events: string[];
  secret: string;
  status: 'active' | 'disabled';
  disabledAt: Date | null;
  disabledReason: string | null;
  createdBy: number;
  createdAt: Date;
}

type SubscriptionRow = {
  id: number;
  name: string;
  url: string;
  events: string;
  secret: string;
  status: string;
  disabled_at: Date | string | null;
  disabled_reason: string | null;
  created_by: number;
  created_at: Date | string;
};

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  name: r.name,
  url: r.url,
  events: fromJson<string[]>(r.events),
  secret: r.secret,
  status: r.status as WebhookSubscription['status'],
  disabledAt: toDate(r.disabled_at),
  disabledReason: r.disabled_reason,
  createdBy: r.created_by,
  createdAt: toDate(r.created_at),
});

export async function insertSubscription(
  db: Queryable,
  s: {
    name: string;
    url: string;
    events: string[];
    secret: string;
    createdBy: number;
  },
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({
      name: s.name,
      url: s.url,
      events: JSON.stringify(s.events),
      secret: s.secret,
      created_by: s.createdBy,
      created_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSubscriptions(
  db: Queryable,
): Promise<WebhookSubscription[]> {
  return (
    await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .orderBy('id')
      .execute()
  ).map(toSubscription);
}

export async function findSubscription(
  db: Queryable,
  id: number,
): Promise<WebhookSubscription | null> {
  const row = await db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** Active subscriptions; the outbox processor filters them by type (a site has a handful). */
export async function listActiveSubscriptions(
  db: Queryable,
): Promise<WebhookSubscription[]> {
  return (
    await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .execute()
  ).map(toSubscription);
}

export async function setSubscriptionStatus(
  db: Queryable,
  id: number,
  status: 'active' | 'disabled',
  at: Date,
  reason: string | null,
): Promise<void> {
  await db
    .updateTable('webhook_subscriptions')
    .set({
      status,
      disabled_at: status === 'disabled' ? at.toISOString() : null,
      disabled_reason: status === 'disabled' ? reason : null,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSubscription(
  db: Queryable,
  id: number,
): Promise<void> {
  await db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
}

export interface NewDelivery {
  subscriptionId: number;
  eventId: number;
  eventType: string;
  payload: string;
}

/** Queues deliveries (the outbox); an event already queued for a subscription is not queued again. */
export async function insertDeliveries(
  db: Queryable,
  deliveries: NewDelivery[],
  at: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(
      deliveries.map((d) => ({
        subscription_id: d.subscriptionId,
        event_id: d.eventId,
        event_type: d.eventType,
        payload: d.payload,
        next_attempt_at: at.toISOString(),
        created_at: at.toISOString(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['subscription_id', 'event_id', 'event_type']).doNothing(),
    )
    .execute();
}

export interface ClaimedDelivery {
  id: number;
  subscriptionId: number;
  eventId: number;
  eventType: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  lease: string;
}

/**
 * Takes up to `limit` due deliveries for this worker, holding each until `leaseUntil`: another
 * worker skips them (PostgreSQL: FOR UPDATE SKIP LOCKED, so two never take the same row; SQLite
 * has one writer at a time, so the UPDATE alone is atomic). A worker that dies loses its lease.
 */
export async function claimDueDeliveries(
  db: Queryable,
  options: { now: Date; leaseUntil: Date; limit: number; rowLocks: boolean },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString();
  const lease = options.leaseUntil.toISOString();
  const rows = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ locked_until: lease, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where(
          'subscription_id',
          'in',
          eb
            .selectFrom('webhook_subscriptions')
            .select('id')
            .where('status', '=', 'active'),
        )
        .where((w) =>
          w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit);
      if (options.rowLocks) due = due.forUpdate().skipLocked();
      return due;
    })
    .returning([
      'id',
      'subscription_id',
      'event_id',
      'event_type',
      'payload',
      'attempts',
      'created_at',
      'locked_until',
    ])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: toDate(r.created_at),
    lease: toDate(r.locked_until!).toISOString(),
  }));
}

export interface AttemptRecord {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string;
  error: string | null;
}

/**
 * Records an attempt and its outcome, if this worker still holds the delivery (its lease):
 * delivered, retried at `retryAt`, or failed for good (`retryAt` null). False when the lease was lost.
 */
export async function finishAttempt(
  db: Queryable,
  d: ClaimedDelivery,
  attempt: AttemptRecord,
  outcome: { delivered: boolean; retryAt: Date | null },
  at: Date,
): Promise<boolean> {
  const status = outcome.delivered
    ? 'delivered'
    : outcome.retryAt
      ? 'pending'
      : 'failed';
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status,
      locked_until: null,
      delivered_at: outcome.delivered ? at.toISOString() : null,
      next_attempt_at: (outcome.retryAt ?? at).toISOString(),
    })
    .where('id', '=', d.id)
    .where('locked_until', '=', d.lease)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db
    .insertInto('webhook_attempts')
    .values({
      delivery_id: d.id,
      subscription_id: d.subscriptionId,
      attempted_at: at.toISOString(),
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      response_excerpt: attempt.responseExcerpt,
      error: attempt.error,
    })
    .execute();
  return true;
}

/** Gives back a claimed delivery that was not tried (its attempt is not counted), if still held. */
export async function releaseDelivery(
  db: Queryable,
  d: ClaimedDelivery,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', d.id)
    .where('locked_until', '=', d.lease)
    .execute();
}

/** Puts a delivery back in the queue now (manual replay from the back office). */
export async function replayDelivery(
  db: Queryable,
  id: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: at.toISOString(),
      locked_until: null,
      delivered_at: null,
    })
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface DeliveryLogRow {
  id: number;
  eventType: string;
  eventId: number;
  status: string;
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastExcerpt: string | null;
  lastError: string | null;
}

/** A subscription's latest deliveries, each with its last attempt: the delivery log. */
export async function listDeliveryLog(
  db: Queryable,
  subscriptionId: number,
  limit: number,
): Promise<DeliveryLogRow[]> {
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      deliveries.map((d) => d.id),
    )
    .orderBy('id')
    .execute();
  const last = new Map(attempts.map((a) => [a.delivery_id, a]));
  return deliveries.map((d) => {
    const a = last.get(d.id);
    return {
      id: d.id,
      eventType: d.event_type,
      eventId: d.event_id,
      status: d.status,
      attempts: d.attempts,
      createdAt: toDate(d.created_at),
      deliveredAt: toDate(d.delivered_at),
      lastStatusCode: a?.status_code ?? null,
      lastDurationMs: a?.duration_ms ?? null,
      lastExcerpt: a?.response_excerpt ?? null,
      lastError: a?.error ?? null,
    };
  });
}

export async function findDeliverySubscriptionId(
  db: Queryable,
  deliveryId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('subscription_id')
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  return row?.subscription_id ?? null;
}
