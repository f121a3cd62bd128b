import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection, publishedArticleRow } from '../support/factories.ts';
import { reindexAll, toIndexDocument } from '../../src/search/indexer.ts';
import { listIndexSources } from '../../src/db/repos/search/documents.ts';
import type { Queryable } from '../../src/db/database.ts';

/**
 * SQLite only: a rebuild loads the FTS5 index with merging off, one segment per batch, and
 * `optimize` merges them in bounded steps (db/repos/search/sqlite.ts). The steps must end where
 * FTS5's own `optimize` would: one segment, every article still found.
 */

/** Segments in FTS5's structure record (fts5_index.c: cookie, optional V2 flag, nLevel, nSegment). */
async function segments(db: Queryable): Promise<number> {
  const r = await sql<{
    block: Uint8Array;
  }>`SELECT block FROM search_fts_data WHERE id = 10`.execute(db);
  const b = Buffer.from(r.rows[0]!.block);
  let i = b.readUInt32BE(4) === 0xff000001 ? 8 : 4;
  const varint = () => {
    let v = 0;
    for (let k = 0; k < 9; k++) {
      const c = b[i++]!;
      v = v * 128 + (c & 0x7f);
      if (!(c & 0x80)) break;
    }
    return v;
  };
  varint(); // levels
  return varint();
}

let db: TestDatabase;
let t: TestApp;
before(async () => {
  db = await createTestDatabase('sqlite');
  t = await buildTestApp(db);
  const section = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
  const now = t.clock.now().getTime();
  const rows = [];
  for (let i = 0; i < 120; i++) {
    const at = new Date(now - (i + 1) * 3_600_000).toISOString();
    rows.push(
      publishedArticleRow({
        slug: `match-${i}`,
        title: `Match numéro ${i}`,
        lead: `Le club joue sa rencontre ${i} à domicile.`,
        bodyHtml: `<p>Les supporters du stade ${i} chantent.</p>`,
        sectionId: section.id,
        at,
      }),
    );
  }
  await t.ctx.db.insertInto('articles').values(rows).execute();
});
after(async () => {
  await t?.app.close();
  await db?.drop();
});

test('a rebuild in many batches ends with the index in one segment, every article found', async () => {
  const { indexed } = await reindexAll(t.ctx.db, t.ctx.search, {
    fresh: true,
    batchSize: 4,
  });
  assert.equal(indexed, 120);
  assert.equal(await segments(t.ctx.db), 1);
  const found = (await t.app.inject('/api/search?q=supporters')).json() as {
    total: number;
  };
  assert.equal(found.total, 120);
});

test('the check can tell: the same batches without the last step leave many segments', async () => {
  const { search, db: handle } = t.ctx;
  await search.clear(handle);
  for (let after = 0; ; ) {
    const batch = await listIndexSources(handle, after, 4);
    if (batch.length === 0) break;
    await handle
      .transaction()
      .execute((tx) => search.upsert(tx, batch.map(toIndexDocument)));
    after = batch.at(-1)!.id;
  }
  const unmerged = await segments(handle);
  assert.ok(unmerged > 1, `${unmerged} segment(s) before merging`);
  await search.optimize(handle);
  assert.equal(await segments(handle), 1);
});
