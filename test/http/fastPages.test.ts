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

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Headers Node's http server adds to every response itself, whichever path answered. */
const PER_CONNECTION = ['date', 'connection', 'keep-alive'];

function comparable(headers: Answer['headers']): Answer['headers'] {
  return Object.fromEntries(
    Object.entries(headers).filter(([k]) => !PER_CONNECTION.includes(k)),
  );
}

/**
 * Kept pages answered ahead of routing (http/site/fastPath.ts), over a real socket: the same
 * status, headers and bytes as the normal path, and the normal path whenever it must decide.
 * Which path answered is told by an onRequest hook, which only Fastify's path runs.
 */
describeEachDialect('kept pages answered ahead of routing', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  let base: URL;
  let routed = 0;
  let articlePath = '';

  function get(
    path: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<Answer & { routed: boolean }> {
    const before = routed;
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, base), { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            routed: routed > before,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('setup', async () => {
    ctx = createServices(
      loadConfig({ SITE_URL: 'https://journal.example' }),
      getDb().handle,
      fixedClock(TEST_NOW),
    );
    app = await buildApp({ ...ctx, logger: false });
    app.addHook('onRequest', async () => {
      routed++;
    });
    const article = await buildArticle(ctx, { title: 'Déjà en ligne' });
    articlePath = `/articles/${article.slug}`;
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = new URL(
      `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    );
  });

  test('the second request for a kept page gets the same headers and bytes without routing', async () => {
    // Accept-Encoding (q-values) → the encoding sent; a variant is recorded per encoding.
    const encodings: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
    ];
    for (const path of ['/', articlePath]) {
      const normals = new Map<string | undefined, Answer>();
      for (const [accept, expected] of encodings) {
        const headers: Record<string, string> = accept
          ? { 'accept-encoding': accept }
          : {};
        if (!normals.has(expected)) {
          const normal = await get(path, headers);
          assert.equal(normal.status, 200, `${path} ${accept}`);
          assert.ok(normal.routed, 'the first answer is Fastify’s');
          normals.set(expected, normal);
        }
        const normal = normals.get(expected)!;
        const fast = await get(path, headers);
        assert.equal(fast.routed, false, `${path} ${accept}: answered ahead`);
        assert.equal(fast.status, 200);
        assert.deepEqual(
          comparable(fast.headers),
          comparable(normal.headers),
          `${path} ${accept}: same headers`,
        );
        assert.ok(
          fast.body.equals(normal.body),
          `${path} ${accept}: same bytes`,
        );
        assert.equal(fast.headers['content-encoding'], expected, accept);
        // The normal path's headers carry everything: security, cache, vary, etag.
        assert.ok(fast.headers['content-security-policy']);
        assert.ok(fast.headers['permissions-policy']);
        assert.match(String(fast.headers['cache-control']), /^public/);
        assert.match(String(fast.headers.vary), /Accept-Encoding/);
        assert.match(String(fast.headers.etag), /^"/);
        assert.equal(Number(fast.headers['content-length']), fast.body.length);
      }
    }
  });

  test('If-None-Match: the same 304, then from the fast path', async () => {
    const page = await get('/', { 'accept-encoding': 'br' });
    const etag = String(page.headers.etag);
    const conditional = { 'accept-encoding': 'br', 'if-none-match': etag };
    const normal = await get('/', conditional);
    assert.equal(normal.status, 304);
    const fast = await get('/', conditional);
    assert.equal(fast.status, 304);
    assert.equal(fast.routed, false);
    assert.deepEqual(comparable(fast.headers), comparable(normal.headers));
    assert.equal(fast.body.length, 0);
    const otherEncoding = await get('/', {
      'accept-encoding': 'gzip',
      'if-none-match': etag,
    });
    assert.equal(otherEncoding.status, 200, 'the br ETag does not match gzip');
    const stale = await get('/', {
      'accept-encoding': 'br',
      'if-none-match': '"autre"',
    });
    assert.equal(stale.status, 200);
    assert.equal(stale.routed, false);
  });

  test('it steps aside for cookies, other methods, conditions it does not judge and unknown pages', async () => {
    await get('/');
    assert.equal((await get('/')).routed, false, 'kept and answered ahead');
    const cookie = await get('/', { cookie: 'nd_session=quelquechose' });
    assert.ok(cookie.routed, 'a cookie: Fastify decides');
    assert.ok((await get('/', { cookie: 'autre=1' })).routed);
    assert.ok((await get('/', {}, 'HEAD')).routed, 'HEAD');
    assert.ok((await get('/', {}, 'POST')).routed, 'POST');
    assert.ok(
      (await get('/', { 'if-modified-since': new Date().toUTCString() }))
        .routed,
    );
    for (let i = 0; i < 2; i++) {
      const missing = await get('/articles/nulle-part');
      assert.equal(missing.status, 404);
      assert.ok(missing.routed, 'a 404 is never kept');
    }
    assert.ok((await get('/?page=2')).routed, 'another URL is another page');
  });

  test('right after a publication the page shows it (normal path), then is answered ahead again', async () => {
    assert.equal((await get('/')).routed, false);
    await buildArticle(ctx, { title: 'Publié à l’instant' });
    const after = await get('/');
    assert.ok(after.routed, 'the publication made the kept page stale');
    assert.match(after.body.toString('utf8'), /Publié à l’instant/);
    const again = await get('/');
    assert.equal(again.routed, false);
    assert.match(again.body.toString('utf8'), /Publié à l’instant/);
  });

  test('feeds, sitemaps and robots.txt: the same answers ahead of routing, 304s included', async () => {
    const paths = [
      '/feed.xml',
      '/feed.atom',
      '/feed.json',
      '/sitemap.xml',
      '/sitemaps/news.xml',
      '/robots.txt',
    ];
    for (const path of paths) {
      for (const accept of [undefined, 'gzip', 'gzip, deflate, br']) {
        const headers: Record<string, string> = accept
          ? { 'accept-encoding': accept }
          : {};
        const normal = await get(path, headers);
        assert.equal(normal.status, 200, `${path} ${accept}`);
        const fast = await get(path, headers);
        assert.equal(fast.routed, false, `${path} ${accept}: answered ahead`);
        assert.deepEqual(
          comparable(fast.headers),
          comparable(normal.headers),
          `${path} ${accept}: same headers`,
        );
        assert.ok(fast.body.equals(normal.body), `${path}: same bytes`);
        assert.match(String(fast.headers.vary), /Accept-Encoding/);
        const conditional = {
          ...headers,
          'if-none-match': String(fast.headers.etag),
        };
        const normal304 = await get(path, conditional);
        assert.equal(normal304.status, 304, `${path}: 304`);
        const fast304 = await get(path, conditional);
        assert.equal(fast304.status, 304);
        assert.equal(fast304.routed, false, `${path}: the 304 ahead`);
        assert.deepEqual(
          comparable(fast304.headers),
          comparable(normal304.headers),
        );
      }
    }
    // Feeds under a section, and what does not exist (never kept).
    const section = await buildSection(ctx);
    await buildArticle(ctx, {
      title: 'Dans sa rubrique',
      sectionId: section.id,
    });
    const sectionFeed = `/rubrique/${section.slug}/feed.xml`;
    await get(sectionFeed);
    assert.equal((await get(sectionFeed)).routed, false);
    for (let i = 0; i < 2; i++)
      assert.ok((await get('/rubrique/nulle-part/feed.xml')).routed);
  });

  test('a publication makes a kept feed stale: the normal path shows it, then the fast path again', async () => {
    await get('/feed.xml');
    assert.equal((await get('/feed.xml')).routed, false);
    await buildArticle(ctx, { title: 'Dernière dépêche du fil' });
    const after = await get('/feed.xml');
    assert.ok(after.routed, 'the publication made the kept feed stale');
    assert.match(after.body.toString('utf8'), /Dernière dépêche du fil/);
    const again = await get('/feed.xml');
    assert.equal(again.routed, false);
    assert.ok(again.body.equals(after.body));
  });

  test('teardown', async () => {
    await app.close();
  });
});
