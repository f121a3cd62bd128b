import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestDatabase, POSTGRES_SKIP } from '../support/databases.ts';
import { openDatabase } from '../../src/db/database.ts';

/**
 * A pooled PostgreSQL connection that breaks while idle (a server restart, an administrator ending
 * it) must not end the process: the pool reports it, drops it, and the next query opens another.
 * Without a listener, node-postgres raises it as an uncaught 'error' event.
 */
test('an idle PostgreSQL connection that is ended is reported and replaced, not fatal', {
  skip: POSTGRES_SKIP,
}, async () => {
  const testDb = await createTestDatabase('postgres');
  await testDb.handle.close();
  const lost: Error[] = [];
  const handle = openDatabase(
    { dialect: 'postgres', connectionString: testDb.url },
    { onIdleError: (error) => lost.push(error) },
  );
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => {
    uncaught.push(error);
  };
  process.on('uncaughtException', onUncaught);
  try {
    const before = await sql<{
      pid: number;
    }>`select pg_backend_pid() as pid`.execute(handle.db);
    const pid = before.rows[0]!.pid;
    const admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    // The pool hears of it when the server closes the socket.
    for (let i = 0; i < 50 && lost.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(lost.length, 1, 'the broken idle connection is reported once');
    assert.match(lost[0]!.message, /terminat/);
    assert.deepEqual(uncaught, []);
    const after = await sql<{
      pid: number;
    }>`select pg_backend_pid() as pid`.execute(handle.db);
    assert.notEqual(
      after.rows[0]!.pid,
      pid,
      'the next query runs on a new connection',
    );
  } finally {
    process.off('uncaughtException', onUncaught);
    await handle.close();
    await testDb.drop();
  }
});
