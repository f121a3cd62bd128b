import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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
const BACKGROUND =
  /^(insert into|update|delete from) "live_readers"|^select .* from "events" where "id" >/i;

describeEachDialect('kept documents', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  let statements = 0;
  // The app's own timers (the bus polling for other processes' events, the live readers'
  // report) may run while a request waits (compressing a form not made yet): not its statements.
  const background = new WeakSet<object>();
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      const sql = ctx?.db
        .getExecutor()
        .compileQuery(args.node as RootOperationNode, args.queryId).sql;
      if (sql && BACKGROUND.test(sql)) background.add(args.queryId);
      return args.node;
    },
    transformResult: async (args) => {
      if (!background.has(args.queryId)) statements++;
      return args.result;
    },
  };
  const paths = ['/', '/feed.xml', '/sitemap.xml'];

  test('setup', async () => {
    const handle = getDb().handle;
    ctx = createServices(
      loadConfig({ SITE_URL: 'https://journal.example' }),
      { ...handle, db: handle.db.withPlugin(counting) },
      fixedClock(TEST_NOW),
    );
    app = await buildApp({ ...ctx, logger: false });
    await buildArticle(ctx, { title: 'Déjà en ligne' });
  });

  test('a second request for a kept document runs no statement', async () => {
    for (const url of paths)
      assert.equal((await app.inject(url)).statusCode, 200, url);
    for (const url of paths) {
      statements = 0;
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200);
      assert.equal(
        statements,
        0,
        `${url}: ${statements} statements for a kept document`,
      );
    }
  });

  test('right after a publication in this process the pages show it, then are kept again', async () => {
    const fresh = await buildArticle(ctx, { title: 'Publié à l’instant' });
    assert.match(
      (await app.inject('/')).body,
      /Publié à l’instant/,
      'no poll, no wait: the request caught the bus up',
    );
    assert.match((await app.inject('/feed.xml')).body, new RegExp(fresh.slug));
    statements = 0;
    assert.match((await app.inject('/')).body, /Publié à l’instant/);
    assert.equal(statements, 0);
  });

  test('a kept page is sent as it was kept: brotli or gzip by Accept-Encoding (q-values), each with its own ETag', async () => {
    const plain = await app.inject('/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers['vary']), /Accept-Encoding/);
    const cases: [string, string | undefined, (b: Buffer) => Buffer][] = [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      ['br;q=0, gzip', 'gzip', gunzipSync],
      ['gzip;q=0.5, br;q=0.9', 'br', brotliDecompressSync],
      ['deflate', undefined, (b) => b],
    ];
    const etags = new Set<string>();
    for (const [accept, expected, decode] of cases) {
      statements = 0;
      const res = await app.inject({
        url: '/',
        headers: { 'accept-encoding': accept },
      });
      assert.equal(res.headers['content-encoding'], expected, accept);
      assert.equal(
        decode(res.rawPayload).toString('utf8'),
        plain.body,
        `${accept}: the same page`,
      );
      assert.equal(statements, 0, `${accept}: still kept`);
      etags.add(String(res.headers['etag']));
    }
    assert.equal(etags.size, 3, 'one strong ETag per encoding');
    const br = await app.inject({
      url: '/',
      headers: { 'accept-encoding': 'br' },
    });
    const again = await app.inject({
      url: '/',
      headers: {
        'accept-encoding': 'br',
        'if-none-match': String(br.headers['etag']),
      },
    });
    assert.equal(again.statusCode, 304);
    const otherEncoding = await app.inject({
      url: '/',
      headers: {
        'accept-encoding': 'gzip',
        'if-none-match': String(br.headers['etag']),
      },
    });
    assert.equal(
      otherEncoding.statusCode,
      200,
      'the brotli ETag does not validate the gzip representation',
    );
  });

  test('a page sent once (an error) is compressed for the client that asked', async () => {
    const res = await app.inject({
      url: '/articles/nulle-part',
      headers: { 'accept-encoding': 'br' },
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(
      brotliDecompressSync(res.rawPayload).toString('utf8'),
      /introuvable/,
    );
  });

  test('teardown', async () => {
    await app.close();
  });
});
