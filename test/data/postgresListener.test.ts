import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase, POSTGRES_SKIP } from '../support/databases.ts';
import { listenChannel } from '../../src/db/dialects/postgresListener.ts';

/**
 * The event bus's LISTEN connection on PostgreSQL (db/dialects/postgresListener.ts): it hears
 * NOTIFY, and when its connection is ended (a server restart, an administrator) it reports the
 * error and comes back by itself, counting the reconnection as a notification (whatever was sent
 * meanwhile was lost, so readers must look).
 */
test('the LISTEN connection hears NOTIFY, and comes back by itself when it is ended', {
  skip: POSTGRES_SKIP,
}, async () => {
  const testDb = await createTestDatabase('postgres');
  await testDb.handle.close();
  const admin = new pg.Client({ connectionString: testDb.url });
  await admin.connect();
  let notified = 0;
  const errors: Error[] = [];
  const waitFor = async (what: string, ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.ok(ok(), what);
  };
  const listener = await listenChannel({
    connectionString: testDb.url,
    channel: 'newsdesk_test_events',
    retryMs: 20,
    onNotify: () => {
      notified++;
    },
    onError: (error) => errors.push(error),
  });
  try {
    assert.equal(notified, 1, 'connecting counts as a notification');
    await admin.query('NOTIFY newsdesk_test_events');
    await waitFor('a NOTIFY is heard', () => notified === 2);
    await admin.query('NOTIFY some_other_channel');

    const listening = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
    );
    assert.equal(listening.rowCount, 1, 'one LISTEN connection');
    await admin.query('SELECT pg_terminate_backend($1)', [
      listening.rows[0]!.pid,
    ]);
    await waitFor('the ended connection is reported', () => errors.length >= 1);
    await waitFor(
      'it reconnects, and that counts as a notification',
      () => notified === 3,
    );
    const again = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
    );
    assert.equal(again.rowCount, 1);
    assert.notEqual(
      again.rows[0]!.pid,
      listening.rows[0]!.pid,
      'on a new connection',
    );
    await admin.query('NOTIFY newsdesk_test_events');
    await waitFor('NOTIFY is heard again', () => notified === 4);

    await listener.close();
    await admin.query('NOTIFY newsdesk_test_events');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(notified, 4, 'nothing after close');
  } finally {
    await listener.close();
    await admin.end();
    await testDb.drop();
  }
});
