import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../support/databases.ts';
import { TEST_NOW } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';

const CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const FIREFOX =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const GOOGLEBOT =
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const LIMIT = 40;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  routed: boolean;
}

/** Headers Node's http server adds to every response itself, whichever path answered. */
const PER_CONNECTION = ['date', 'connection', 'keep-alive'];
/** Headers whose value follows the clock or the count: compared by presence only. */
const COUNTING = ['x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'];
function comparable(headers: Answer['headers']): Answer['headers'] {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([k]) => !PER_CONNECTION.includes(k))
      .map(([k, v]) => [k, COUNTING.includes(k) ? 'present' : v]),
  );
}

/**
 * Beacons answered ahead of routing (http/site/beaconIntake.ts), over a real socket: the fast
 * path and the Fastify route (reached with a query string, which the fast path leaves alone)
 * give the same answers and count the same views and visitors. Which path answered is told by
 * an onRequest hook, which only Fastify's path runs.
 */
describeEachDialect('beacons answered ahead of routing', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  let base: URL;
  let routed = 0;
  let derby = 0;
  let finale = 0;
  let sportId = 0;
  let ecoId = 0;

  function post(
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const before = routed;
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, base),
        {
          method: 'POST',
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent': CHROME,
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              routed: routed > before,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Views per (article, section, referrer) and the visitor hashes, as stored. */
  async function stored() {
    await ctx.audience.flush();
    const hourly = await ctx.db
      .selectFrom('audience_hourly')
      .select(['article_id', 'section_id', 'referrer', 'views'])
      .execute();
    const views = new Map<string, number>();
    for (const r of hourly)
      views.set(
        `${r.article_id}|${r.section_id}|${r.referrer}`,
        Number(r.views),
      );
    const visitors = (
      await ctx.db.selectFrom('audience_visitors').selectAll().execute()
    ).length;
    return { views, visitors };
  }
  function added(
    before: Map<string, number>,
    after: Map<string, number>,
  ): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, n] of after) {
      const d = n - (before.get(k) ?? 0);
      if (d !== 0) out[k] = d;
    }
    return out;
  }

  /** The same beacons a day of readers sends, through one path or the other. */
  async function readers(query: string): Promise<Answer[]> {
    const url = `/beacon${query}`;
    const origin = 'https://journal.example';
    return [
      await post(
        url,
        JSON.stringify({ a: derby, r: 'https://www.google.com/' }),
      ),
      await post(url, JSON.stringify({ a: derby }), { 'user-agent': FIREFOX }),
      await post(url, JSON.stringify({ a: finale, m: 'newsletter' }), {
        origin,
      }),
      await post(url, JSON.stringify({ a: null, r: 'https://t.co/x' })),
      await post(url, JSON.stringify({ r: 'https://journal.example/\u0000' })),
      // Not counted: a bot, Do Not Track, GPC, no browser, another site, an unknown article.
      await post(url, JSON.stringify({ a: derby }), {
        'user-agent': GOOGLEBOT,
      }),
      await post(url, JSON.stringify({ a: derby }), { dnt: '1' }),
      await post(url, JSON.stringify({ a: derby }), { 'sec-gpc': '1' }),
      await post(url, JSON.stringify({ a: derby }), { 'user-agent': '' }),
      await post(url, JSON.stringify({ a: derby }), {
        origin: 'https://autre.example',
      }),
      await post(url, JSON.stringify({ a: 999_999 })),
    ];
  }

  test('setup', async () => {
    ctx = createServices(
      loadConfig({
        SITE_URL: 'https://journal.example',
        AUDIENCE_BEACONS_PER_MINUTE: String(LIMIT),
      }),
      getDb().handle,
      fixedClock(TEST_NOW),
    );
    app = await buildApp({ ...ctx, logger: false });
    app.addHook('onRequest', async () => {
      routed++;
    });
    const sport = await buildSection(ctx, { slug: 'sport', name: 'Sport' });
    const eco = await buildSection(ctx, { slug: 'eco', name: 'Économie' });
    sportId = sport.id;
    ecoId = eco.id;
    derby = (await buildArticle(ctx, { title: 'Derby', sectionId: sport.id }))
      .id;
    finale = (await buildArticle(ctx, { title: 'Finale', sectionId: eco.id }))
      .id;
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = new URL(
      `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    );
  });

  test('the fast path and the route count the same views and the same visitors', async () => {
    const start = await stored();
    const fast = await readers('');
    assert.ok(
      fast.every((a) => !a.routed),
      'every plain beacon is answered ahead of routing',
    );
    const afterFast = await stored();
    const routedAnswers = await readers('?via=route');
    assert.ok(routedAnswers.every((a) => a.routed));
    const afterRoute = await stored();

    assert.deepEqual(
      fast.map((a) => a.status),
      routedAnswers.map((a) => a.status),
    );
    assert.ok(fast.every((a) => a.status === 204 && a.body === ''));
    for (const [i, a] of fast.entries())
      assert.deepEqual(
        comparable(a.headers),
        comparable(routedAnswers[i]!.headers),
        `answer ${i}`,
      );

    const byFast = added(start.views, afterFast.views);
    const byRoute = added(afterFast.views, afterRoute.views);
    assert.deepEqual(byFast, byRoute);
    assert.deepEqual(byFast, {
      [`${derby}|${sportId}|search`]: 1,
      [`${derby}|${sportId}|direct`]: 1,
      [`${finale}|${ecoId}|newsletter`]: 1,
      '0|0|social': 1,
      '0|0|internal': 1,
    });
    // Two browsers on one address: two visitors, and the route hashed them the same way.
    assert.equal(afterFast.visitors - start.visitors, 2);
    assert.equal(afterRoute.visitors, afterFast.visitors);
  });

  test('bad beacons get the same 4xx in JSON on both paths and count nothing', async () => {
    const before = await stored();
    for (const raw of ['{', '{"a":"douze"}', '{"a":-1}', '{"a":1,"x":2}', '']) {
      const fast = await post('/beacon', raw, { 'user-agent': 'Bad/1' });
      const route = await post('/beacon?via=route', raw, {
        'user-agent': 'Bad/1',
      });
      assert.equal(fast.routed, false, raw);
      assert.equal(route.routed, true, raw);
      assert.equal(fast.status, 400, raw);
      assert.equal(route.status, 400, raw);
      assert.deepEqual(JSON.parse(fast.body), JSON.parse(route.body));
      assert.equal(JSON.parse(fast.body).error.code, 'invalid_input');
      assert.deepEqual(comparable(fast.headers), comparable(route.headers));
    }
    // Too large, or not the beacon's content type: left to the route, still a 4xx.
    const large = await post('/beacon', 'x'.repeat(5000));
    assert.ok(large.routed);
    assert.ok(large.status === 400 || large.status === 413);
    assert.equal(JSON.parse(large.body).error.code, 'invalid_input');
    const form = await post('/beacon', 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.ok(form.routed);
    assert.equal(form.status, 400);
    assert.deepEqual(added(before.views, (await stored()).views), {});
  });

  test('one rate limit per address and browser, shared by both paths', async () => {
    const before = await stored();
    const ua = { 'user-agent': `${CHROME} limit` };
    const body = JSON.stringify({ a: derby });
    const codes: number[] = [];
    for (let i = 0; i < LIMIT; i++)
      codes.push(
        (await post(i % 2 ? '/beacon?via=route' : '/beacon', body, ua)).status,
      );
    assert.deepEqual(new Set(codes), new Set([204]));
    const fast = await post('/beacon', body, ua);
    const route = await post('/beacon?via=route', body, ua);
    assert.equal(fast.routed, false);
    assert.deepEqual([fast.status, route.status], [429, 429]);
    assert.deepEqual(JSON.parse(fast.body), JSON.parse(route.body));
    assert.equal(JSON.parse(fast.body).error.code, 'rate_limited');
    assert.ok(fast.headers['retry-after']);
    assert.deepEqual(comparable(fast.headers), comparable(route.headers));
    const views = added(before.views, (await stored()).views);
    assert.equal(
      Object.values(views).reduce((n, v) => n + v, 0),
      LIMIT,
    );
  });

  test('teardown', async () => {
    await app.close();
  });
});

/**
 * Behind a trusted proxy the reader's address is the one X-Forwarded-For names, on both paths
 * (Fastify's trustProxy, config TRUST_PROXY): each forwarded reader has their own limit.
 */
describeEachDialect('beacons behind a trusted proxy', (getDb) => {
  let app: FastifyInstance;
  let base: URL;

  function post(forwardedFor: string, path = '/beacon'): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, base),
        {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            'user-agent': CHROME,
            'x-forwarded-for': forwardedFor,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  test('setup', async () => {
    const ctx = createServices(
      loadConfig({
        SITE_URL: 'https://journal.example',
        AUDIENCE_BEACONS_PER_MINUTE: '2',
        TRUST_PROXY: '127.0.0.1',
      }),
      getDb().handle,
      fixedClock(TEST_NOW),
    );
    app = await buildApp({ ...ctx, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = new URL(
      `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    );
  });

  test('each forwarded address has its own window, whichever path answers', async () => {
    assert.deepEqual(
      [
        await post('41.141.12.9'),
        await post('41.141.12.9', '/beacon?via=route'),
        await post('41.141.12.9'),
        await post('41.141.12.9', '/beacon?via=route'),
        await post('196.200.131.77'),
        await post('196.200.131.77', '/beacon?via=route'),
      ],
      [204, 204, 429, 429, 204, 204],
    );
  });

  test('teardown', async () => {
    await app.close();
  });
});
