import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import * as cheerio from 'cheerio';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describeEachDialect } from '../support/databases.ts';
import { TEST_NOW } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { readFileSync } from 'node:fs';
import { buildApp } from '../../src/app.ts';
import { loadEditionAssets } from '../../src/http/site/editionRoutes.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';

const DECODERS: Record<string, (b: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

/** Accept-Encoding (q-values) → the encoding expected. */
const CASES: [string | undefined, string | undefined][] = [
  [undefined, undefined],
  ['gzip, deflate, br', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0, gzip', 'gzip'],
  ['gzip;q=0.4, br;q=0.8', 'br'],
  ['identity', undefined],
];

/**
 * Everything that pays is sent compressed, negotiated by Accept-Encoding with its q-values,
 * `Vary: Accept-Encoding`, a strong ETag per encoding and 304s that match only their own.
 */
describeEachDialect('compression', (getDb) => {
  let app: FastifyInstance;
  let ctx: Services;
  const urls: Record<string, string> = {};

  test('setup', async () => {
    ctx = createServices(
      loadConfig({ SITE_URL: 'https://journal.example' }),
      getDb().handle,
      fixedClock(TEST_NOW),
    );
    app = await buildApp({ ...ctx, logger: false });
    // Enough results for a search answer worth compressing (over 1 KB).
    for (let i = 0; i < 6; i++)
      await buildArticle(ctx, {
        title: `Un article à compresser, le ${i + 1}`,
      });
    const home = cheerio.load((await app.inject('/')).body);
    // The public stylesheet is inlined in each page; the back office's is still a file.
    const login = cheerio.load((await app.inject('/admin/connexion')).body);
    urls['stylesheet'] = login('link[rel=stylesheet]').attr('href')!;
    urls['script'] = home('script[src*="/assets/"]').first().attr('src')!;
    assert.ok(urls['stylesheet'] && urls['script']);
  });

  async function check(url: string): Promise<void> {
    const plain = await app.inject(url);
    assert.equal(plain.statusCode, 200, url);
    assert.equal(plain.headers['content-encoding'], undefined);
    const etags = new Set<string>();
    for (const [accept, expected] of CASES) {
      const res = await app.inject({
        url,
        headers: accept ? { 'accept-encoding': accept } : {},
      });
      assert.equal(res.statusCode, 200);
      assert.equal(
        res.headers['content-encoding'],
        expected,
        `${url} ${accept}`,
      );
      assert.match(String(res.headers.vary), /Accept-Encoding/i, url);
      const body = expected
        ? DECODERS[expected]!(res.rawPayload)
        : res.rawPayload;
      assert.ok(body.equals(plain.rawPayload), `${url} ${accept}: same bytes`);
      if (expected)
        assert.ok(
          res.rawPayload.length < plain.rawPayload.length,
          `${url} ${accept}: compressed`,
        );
      const etag = String(res.headers.etag);
      assert.match(etag, /^"/, 'a strong ETag');
      etags.add(etag);
      const revalidated = await app.inject({
        url,
        headers: {
          ...(accept ? { 'accept-encoding': accept } : {}),
          'if-none-match': etag,
        },
      });
      assert.equal(revalidated.statusCode, 304, `${url} ${accept}: 304`);
    }
    assert.equal(etags.size, 3, `${url}: one ETag per encoding`);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    const gzipWithBrTag = await app.inject({
      url,
      headers: {
        'accept-encoding': 'gzip',
        'if-none-match': String(br.headers.etag),
      },
    });
    assert.equal(
      gzipWithBrTag.statusCode,
      200,
      `${url}: br's ETag is not gzip's`,
    );
  }

  test('the stylesheet and scripts, precompressed at start', async () => {
    await check(urls['stylesheet']!);
    await check(urls['script']!);
    const css = await app.inject(urls['stylesheet']!);
    assert.match(String(css.headers['cache-control']), /immutable/);
    assert.match(String(css.headers['content-type']), /^text\/css/);
  });

  test('a binary asset (the Arabic typeface) is sent byte for byte in every encoding', async () => {
    const font = readFileSync(
      new URL(
        '../../src/assets/fonts/noto-sans-arabic-regular.woff2',
        import.meta.url,
      ),
    );
    const url = loadEditionAssets().regular.url;
    for (const [accept, expected] of CASES) {
      const res = await app.inject({
        url,
        headers: accept ? { 'accept-encoding': accept } : {},
      });
      assert.equal(res.statusCode, 200, `${url} ${accept}`);
      const body = expected
        ? DECODERS[expected]!(res.rawPayload)
        : res.rawPayload;
      assert.ok(body.equals(font), `${url} ${accept}: the file's own bytes`);
    }
  });

  test('pages, feeds and sitemaps', async () => {
    for (const url of ['/', '/feed.xml', '/sitemap.xml']) await check(url);
  });

  test('JSON answered to GET (search API), never the admin API’s versions', async () => {
    await check('/api/search?q=compresser');
    const small = await app.inject({
      url: '/api/search?q=introuvablemot',
      headers: { 'accept-encoding': 'br' },
    });
    assert.equal(small.statusCode, 200);
    assert.equal(
      small.headers['content-encoding'],
      undefined,
      'a small answer is sent as is',
    );
  });

  test('teardown', async () => {
    await app.close();
  });
});
