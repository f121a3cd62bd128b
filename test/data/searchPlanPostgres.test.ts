import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices, type Services } from '../../src/services.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { parseQuery } from '../../src/search/query.ts';
import {
  createTestDatabase,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { seedArchive } from '../support/archive.ts';

/**
 * On PostgreSQL a reader's search finds its matches through the GIN index on the match lexemes
 * (search_documents_match_gin), never by reading search_documents whole: a sequential scan
 * costs seconds on a large archive where the index costs milliseconds (issue #14). Checked from
 * the server's own counters (pg_stat_user_indexes / _tables), which count the scans of every
 * statement, those inside the search_newest_public function included, where EXPLAIN of the
 * call would show only the function.
 */
const NOW = new Date('2026-11-28T11:03:00Z');

interface Scans {
  gin: number;
  sequential: number;
}

async function scans(services: Services): Promise<Scans> {
  const { rows } = await sql<{ gin: string; sequential: string }>`
    SELECT
      (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'search_documents_match_gin') AS gin,
      (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'search_documents') AS sequential`.execute(
    services.db,
  );
  return { gin: Number(rows[0]!.gin), sequential: Number(rows[0]!.sequential) };
}

describe('PostgreSQL: the reader search plan', { skip: POSTGRES_SKIP }, () => {
  let db: TestDatabase;
  let services: Services;
  before(async () => {
    db = await createTestDatabase('postgres');
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    // Seeded and indexed on connections of their own, closed after: a backend sends its
    // counters (the count and ANALYZE of the reindex) as it exits, so none arrive mid-test.
    const seeding = openDatabase(db.handle.target);
    const seeder = createServices(config, seeding, fixedClock(NOW));
    await seedArchive(seeder, 600, NOW);
    await reindexAll(seeder.db, seeder.search, { fresh: true });
    await seeder.bus.close();
    await seeding.close();
    services = createServices(config, db.handle, fixedClock(NOW));
    // The closed backends' counters land a moment after the close returns: wait for them.
    for (let last = await scans(services), i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await scans(services);
      if (now.sequential === last.sequential && i >= 2) break;
      last = now;
    }
  });
  after(async () => {
    await services.bus.close();
    await db.drop();
  });

  for (const [q, sort] of [
    ['événement', 'relevance'],
    ['chapô contexte', 'date'],
    ['"un événement"', 'relevance'],
    ['évén', 'relevance'],
  ] as const)
    test(`« ${q} » (${sort}) reads the GIN index, never the whole table`, async () => {
      const before = await scans(services);
      const page = await services.db.transaction().execute(async (tx) => {
        const found = await services.search.searchPublic(tx, {
          query: parseQuery(q),
          now: NOW,
          sort,
          ranking: services.config.search,
          limit: 20,
          offset: 0,
        });
        // Counters reach the shared statistics when the transaction ends, at once with this.
        await sql`SELECT pg_stat_force_next_flush()`.execute(tx);
        return found;
      });
      assert.equal(page.hits.length, 20);
      assert.ok(page.total > 500, `total ${page.total}`);
      const now = await scans(services);
      assert.ok(now.gin > before.gin, `GIN scans ${before.gin} → ${now.gin}`);
      assert.equal(now.sequential, before.sequential);
    });
});
