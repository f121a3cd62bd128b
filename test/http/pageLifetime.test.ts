import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { TEST_NOW } from '../support/app.ts';
import { buildArticle, buildAuthor } from '../support/factories.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';

const MINUTE = 60_000;

/**
 * A kept page lives as long as what it shows holds, not a fixed minute: until an event, the end
 * of the day in Africa/Casablanca, an embargo ending, or a block built from counters (« Les plus
 * lus », five minutes). Whether a request rebuilt the page is told by the statements it ran.
 */
describeEachDialect('kept pages: lifetime', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  let authorPage = '';
  let statements = 0;
  const clock = fixedClock(TEST_NOW); // 12:03 in Casablanca
  const counting: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      statements++;
      return args.result;
    },
  };
  async function rebuilt(url: string): Promise<boolean> {
    statements = 0;
    const res = await app.inject(url);
    assert.equal(res.statusCode, 200, url);
    return statements > 0;
  }

  test('setup', async () => {
    const handle = getDb().handle;
    ctx = createServices(
      loadConfig({ SITE_URL: 'https://journal.example' }),
      { ...handle, db: handle.db.withPlugin(counting) },
      clock,
    );
    app = await buildApp({ ...ctx, logger: false });
    const author = await buildAuthor(ctx);
    await buildArticle(ctx, { authorIds: [author.id] });
    authorPage = `/auteur/${author.slug}`;
  });

  test('a page with nothing timed in it is kept past the old minute, until midnight', async () => {
    assert.ok(await rebuilt(authorPage), 'first build');
    clock.advance(10 * MINUTE);
    assert.equal(await rebuilt(authorPage), false, 'ten minutes later: kept');
    clock.set('2025-07-10T22:59:00Z'); // 23:59 in Casablanca
    assert.equal(await rebuilt(authorPage), false, '23:59: still kept');
    clock.advance(2 * MINUTE); // 00:01, the next day
    assert.ok(await rebuilt(authorPage), 'after midnight: rebuilt');
  });

  test('a page showing « Les plus lus » is kept five minutes', async () => {
    clock.set('2025-07-11T10:00:00Z');
    assert.ok(await rebuilt('/'));
    clock.advance(4 * MINUTE);
    assert.equal(await rebuilt('/'), false, 'four minutes: kept');
    clock.advance(2 * MINUTE);
    assert.ok(await rebuilt('/'), 'six minutes: rebuilt');
  });

  test('an embargo ending renews the pages at that moment', async () => {
    clock.set('2025-07-11T12:00:00Z');
    assert.ok(await rebuilt(authorPage));
    const embargoed = await buildArticle(ctx, {
      title: 'Sous embargo',
      publishedAt: new Date(clock.now().getTime() + 20 * MINUTE),
    });
    assert.equal(embargoed.status, 'published');
    assert.ok(await rebuilt(authorPage), 'its publication is an event');
    clock.advance(10 * MINUTE);
    assert.equal(await rebuilt(authorPage), false, 'before the embargo ends');
    clock.advance(11 * MINUTE);
    assert.ok(await rebuilt(authorPage), 'once it ended');
  });

  test('teardown', async () => {
    await app.close();
  });
});
