import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType } from './dialect.ts';

/**
 * Webhooks: subscriptions (an endpoint, the events it wants, its signing secret), the outbox of
 * deliveries written in the same transaction as the event they announce, and every attempt
 * (status, duration, response excerpt) for the delivery log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    // Signing needs the secret itself (Standard Webhooks signs with a shared key), so it is kept.
    .addColumn('secret', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('disabled_at', time)
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'integer', (c) =>
      c.notNull().references('users.id'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('subscription_id', 'integer', (c) =>
      c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'varchar(60)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', time, (c) => c.notNull())
    // A worker holds a delivery while it sends it; a crashed worker's lease runs out and another takes over.
    .addColumn('locked_until', time)
    .addColumn('delivered_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    // One delivery per (subscription, event, type): an event is never queued twice for an endpoint.
    .addUniqueConstraint('webhook_deliveries_once', [
      'subscription_id',
      'event_id',
      'event_type',
    ])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('delivery_id', 'integer', (c) =>
      c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('subscription_id', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', time, (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_attempts_subscription_idx')
    .on('webhook_attempts')
    .columns(['subscription_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'webhook_attempts',
    'webhook_deliveries',
    'webhook_subscriptions',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
