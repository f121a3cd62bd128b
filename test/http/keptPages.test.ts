import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { TEST_NOW } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';

/**
 * A kept page, feed or sitemap costs no database I/O: the caches learn of changes from the event
 * bus, not by asking the database on each request. Every statement the app runs is counted.
 */
describeEachDialect('kept documents', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => { statements++; return args.result; },
  };
  const paths = ['/', '/feed.xml', '/sitemap.xml'];

  test('setup', async () => {
    const handle = getDb().handle;
    ctx = createServices(loadConfig({ SITE_URL: 'https://journal.example' }), { ...handle, db: handle.db.withPlugin(counting) }, fixedClock(TEST_NOW));
    app = await buildApp({ ...ctx, logger: false });
    await buildArticle(ctx, { title: 'Déjà en ligne' });
  });

  test('a second request for a kept document runs no statement', async () => {
    for (const url of paths) assert.equal((await app.inject(url)).statusCode, 200, url);
    for (const url of paths) {
      statements = 0;
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200);
      assert.equal(statements, 0, `${url}: ${statements} statements for a kept document`);
    }
  });

  test('right after a publication in this process the pages show it, then are kept again', async () => {
    const fresh = await buildArticle(ctx, { title: 'Publié à l’instant' });
    assert.match((await app.inject('/')).body, /Publié à l’instant/, 'no poll, no wait: the request caught the bus up');
    assert.match((await app.inject('/feed.xml')).body, new RegExp(fresh.slug));
    statements = 0;
    assert.match((await app.inject('/')).body, /Publié à l’instant/);
    assert.equal(statements, 0);
  });

  test('teardown', async () => { await app.close(); });
});
