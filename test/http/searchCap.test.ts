import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection, publishedArticleRow } from '../support/factories.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { MAX_CANDIDATES } from '../../src/search/provider.ts';

/**
 * A query that matches more than MAX_CANDIDATES articles ranks the most recent ones only, says
 * « Plus de 1 000 résultats », and pages as deep as that and no deeper. The articles are 15 hours
 * apart, so they span nearly two years: on PostgreSQL the newest matches are gathered across
 * rings of time, the last of which holds more than it needs (db/repos/search/postgres.ts).
 */
describeEachDialect('search over more matches than are ranked', (getDb) => {
  let t: TestApp;
  const COUNT = MAX_CANDIDATES + 5;

  test('setup: 1,005 published articles on the same subject over two years, loaded in bulk and reindexed', async () => {
    t = await buildTestApp(getDb());
    const section = await buildSection(t.ctx, {
      slug: 'environnement',
      name: 'Environnement',
    });
    const now = t.clock.now().getTime();
    for (let start = 0; start < COUNT; start += 200) {
      const rows = [];
      for (let k = start; k < Math.min(COUNT, start + 200); k++) {
        // Oldest first, as a newsroom writes them: the index's physical order is no date order.
        const i = COUNT - 1 - k;
        const at = new Date(now - (i + 1) * 15 * 3_600_000).toISOString();
        rows.push(
          publishedArticleRow({
            slug: `maree-noire-${i}`,
            title: `Marée noire, jour ${i}`,
            lead: 'Le nettoyage des plages continue.',
            bodyHtml: '<p>Les bénévoles sont mobilisés.</p>',
            sectionId: section.id,
            at,
          }),
        );
      }
      await t.ctx.db.insertInto('articles').values(rows).execute();
    }
    const { indexed } = await reindexAll(t.ctx.db, t.ctx.search, {
      fresh: true,
    });
    assert.equal(indexed, COUNT);
  });

  test('the total is capped and says so; the most recent matches are the ones ranked', async () => {
    const first = (await t.app.inject('/api/search?q=maree+noire')).json() as {
      total: number;
      totalIsExact: boolean;
      pageCount: number;
      items: { title: string }[];
    };
    assert.deepEqual(
      [first.total, first.totalIsExact, first.pageCount],
      [MAX_CANDIDATES, false, 50],
    );
    assert.equal(
      first.items[0]!.title,
      'Marée noire, jour 0',
      'equal relevance: the newest first',
    );
    const last = (
      await t.app.inject('/api/search?q=maree+noire&page=50&tri=date')
    ).json() as { items: { title: string }[] };
    assert.equal(last.items.length, 20);
    assert.equal(
      last.items.at(-1)!.title,
      `Marée noire, jour ${MAX_CANDIDATES - 1}`,
    );
    assert.equal(
      (await t.app.inject('/api/search?q=maree+noire&page=51')).statusCode,
      400,
    );
    const $ = cheerio.load(
      (await t.app.inject('/recherche?q=maree+noire')).body,
    );
    assert.equal(
      $('.search-count').text(),
      'Plus de 1\u202f000 résultats pour « maree noire »',
    );
  });

  test('a narrower query is counted exactly', async () => {
    const res = (
      await t.app.inject('/api/search?q=%22jour+1004%22')
    ).json() as { total: number; totalIsExact: boolean };
    assert.deepEqual([res.total, res.totalIsExact], [1, true]);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
