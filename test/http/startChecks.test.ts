import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import {
  MIGRATION_NAMES,
  migrationProvider,
} from '../../src/db/migrations/index.ts';
import { createServices } from '../../src/services.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { ensureSearchIndex } from '../../src/search/indexer.ts';
import { buildArticle } from '../support/factories.ts';

/**
 * What every start checks, made cheap (docs/ARCHITECTURE.md « Cold start »): an up-to-date
 * database is recognised by the migration names alone (database.ts), yet an old database is
 * still brought up to date and one with a migration this code does not know still refused;
 * the search index is built when empty only (one row read, not a count).
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

  test('the search index is built at start when empty, and only then', async () => {
    const ctx = createServices(
      loadConfig({ DATABASE_URL: getDb().url }),
      getDb().handle,
      systemClock,
    );
    await buildArticle(ctx, { status: 'published' });
    await ctx.search.clear(ctx.db);
    assert.equal(await ctx.search.isEmpty(ctx.db), true);
    const indexed = await ensureSearchIndex(ctx.db, ctx.search);
    assert.ok(indexed >= 1, `${indexed} articles indexed`);
    assert.equal(await ctx.search.count(ctx.db), indexed);
    assert.equal(await ctx.search.isEmpty(ctx.db), false);
    assert.equal(await ensureSearchIndex(ctx.db, ctx.search), 0);
    await ctx.bus.close();
  });
});
