import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import {
  MIGRATION_NAMES,
  migrationProvider,
} from '../../src/db/migrations/index.ts';

/**
 * A start on an up-to-date database reads the migration names only (database.ts); anything
 * else must still go through Kysely's migrator: an old database is brought up to date, a
 * database with a migration this code does not know is refused.
 */
describeEachDialect('migrateToLatest', (getDb) => {
  const last = MIGRATION_NAMES.at(-1)!;
  const tables = async () =>
    (await getDb().handle.db.introspection.getTables()).map((t) => t.name);

  test('an up-to-date database: nothing is applied', async () => {
    assert.deepEqual(await migrateToLatest(getDb().handle.db), []);
  });

  test('an old database: the migrations it lacks are applied', async () => {
    const { db } = getDb().handle;
    const migrator = new Migrator({ db, provider: migrationProvider });
    const down = await migrator.migrateDown();
    assert.equal(down.error, undefined);
    assert.deepEqual(
      down.results?.map((r) => r.migrationName),
      [last],
    );
    const before = await tables();
    assert.deepEqual(await migrateToLatest(db), [last]);
    const after = await tables();
    assert.ok(
      after.length > before.length,
      `${last} created its tables again (${before.length} → ${after.length})`,
    );
    assert.deepEqual(await migrateToLatest(db), []);
  });

  test('a migration this code does not know: refused, as the migrator does', async () => {
    const { db } = getDb().handle;
    const now = new Date().toISOString();
    await sql`insert into kysely_migration (name, timestamp) values (${'20990101_unknown'}, ${now})`.execute(
      db,
    );
    try {
      await assert.rejects(migrateToLatest(db), /20990101_unknown/);
    } finally {
      await sql`delete from kysely_migration where name = ${'20990101_unknown'}`.execute(
        db,
      );
    }
    assert.deepEqual(await migrateToLatest(db), []);
  });
});
