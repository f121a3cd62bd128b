import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import Fastify from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { updateArticleForTest } from '../support/editorial.ts';
import {
  SITEMAP_SCHEMAS_MISSING,
  XMLLINT_MISSING,
  validateSitemap,
} from '../support/xmllint.ts';
import { systemActor } from '../../src/commands/context.ts';
import { setSectionInNewsSitemap } from '../../src/commands/setSectionInNewsSitemap.ts';
import { registerDistribution } from '../../src/http/site/distribution.ts';

const HOUR = 3_600_000;
const locs = (xml: string) =>
  cheerio
    .load(xml, { xml: true })('loc')
    .map((_, el) => cheerio.load(el, { xml: true }).text())
    .get();

describeEachDialect('sitemaps and robots.txt', (getDb) => {
  let t: TestApp;
  let now: number;
  const hiddenSlugs: string[] = [];
  let updatedId = 0;

  test('setup: articles in June and July, an opinion section kept out of Google News, hidden articles', async () => {
    t = await buildTestApp(getDb());
    now = t.clock.now().getTime();
    const news = await buildSection(t.ctx, {
      slug: 'societe',
      name: 'Société',
    });
    const opinion = await buildSection(t.ctx, {
      slug: 'opinions',
      name: 'Opinions',
    });
    await buildSection(t.ctx, { slug: 'vide', name: 'Rubrique vide' });
    await setSectionInNewsSitemap(t.ctx, systemActor('test'), {
      slug: 'opinions',
      include: false,
    });
    const author = await buildAuthor(t.ctx, {
      slug: 'nadia-tazi',
      name: 'Nadia Tazi',
    });
    const tag = await buildTag(t.ctx, { slug: 'eau', name: 'Eau' });
    const common = {
      sectionId: news.id,
      authorIds: [author.id],
      tagIds: [tag.id],
    };
    await buildArticle(t.ctx, {
      ...common,
      slug: 'juin-avec-photo',
      title: 'Un article de juin',
      publishedAt: new Date('2025-06-15T08:00:00Z'),
      cover: {
        url: '/media/barrage.jpg',
        alt: 'Le barrage',
        caption: null,
        credit: null,
      },
    });
    const fresh = await buildArticle(t.ctx, {
      ...common,
      slug: 'une-heure',
      title: 'Publié il y a une heure',
      publishedAt: new Date(now - HOUR),
    });
    updatedId = fresh.id;
    await buildArticle(t.ctx, {
      ...common,
      slug: 'quarante-sept-heures',
      title: 'Publié il y a 47 heures',
      publishedAt: new Date(now - 47 * HOUR),
    });
    await buildArticle(t.ctx, {
      ...common,
      slug: 'cinquante-heures',
      title: 'Publié il y a 50 heures',
      publishedAt: new Date(now - 50 * HOUR),
    });
    await buildArticle(t.ctx, {
      sectionId: opinion.id,
      authorIds: [author.id],
      slug: 'tribune',
      title: 'Une tribune',
      publishedAt: new Date(now - 2 * HOUR),
    });
    for (const status of [
      'draft',
      'review',
      'scheduled',
      'unpublished',
      'trashed',
    ] as const) {
      await buildArticle(t.ctx, {
        ...common,
        slug: `cache-${status}`,
        title: `Caché ${status}`,
        status,
      });
      hiddenSlugs.push(`cache-${status}`);
    }
    // Published, but under embargo for another two hours.
    await buildArticle(t.ctx, {
      ...common,
      slug: 'embargo',
      title: 'Sous embargo',
      publishedAt: new Date(now + 2 * HOUR),
    });
    hiddenSlugs.push('embargo');
  });

  test('the index lists the listing sitemaps, the news sitemap and one file per month, with lastmod', async () => {
    const res = await t.app.inject('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/xml/);
    assert.deepEqual(locs(res.body), [
      'https://journal.example/sitemaps/sections.xml',
      'https://journal.example/sitemaps/tags.xml',
      'https://journal.example/sitemaps/authors.xml',
      'https://journal.example/sitemaps/news.xml',
      'https://journal.example/sitemaps/articles-2025-06.xml',
      'https://journal.example/sitemaps/articles-2025-07.xml',
    ]);
    const $ = cheerio.load(res.body, { xml: true });
    assert.equal(
      $('sitemap').length,
      $('sitemap lastmod').length,
      'every file has a lastmod',
    );
    assert.equal(
      $('sitemap').last().find('lastmod').text(),
      '2025-07-10T11:03:00+01:00',
      'July last changed when its newest article came out, an hour ago',
    );
  });

  test('every sitemap validates against the sitemaps.org and Google XSDs (xmllint --schema)', {
    skip: XMLLINT_MISSING || SITEMAP_SCHEMAS_MISSING,
  }, async () => {
    const index = (await t.app.inject('/sitemap.xml')).body;
    const files = [
      '/sitemap.xml',
      ...locs(index).map((u) => new URL(u).pathname),
    ];
    assert.equal(files.length, 7);
    for (const file of files) {
      const res = await t.app.inject(file);
      assert.equal(res.statusCode, 200, file);
      const verdict = validateSitemap(res.body);
      assert.ok(
        verdict.valid,
        `${file} is invalid:\n${verdict.output}\n${res.body.slice(0, 2000)}`,
      );
    }
    // The validator can fail: a sitemap with a bad date is refused.
    const bad = (await t.app.inject('/sitemaps/news.xml')).body.replace(
      /<news:publication_date>[^<]+/,
      '<news:publication_date>hier',
    );
    assert.equal(validateSitemap(bad).valid, false);
  });

  test('a monthly sitemap lists that month’s public articles with lastmod and the cover as image:image', async () => {
    const june = cheerio.load(
      (await t.app.inject('/sitemaps/articles-2025-06.xml')).body,
      { xml: true },
    );
    assert.deepEqual(
      june('url > loc')
        .map((_, el) => june(el).text())
        .get(),
      ['https://journal.example/articles/juin-avec-photo'],
    );
    assert.equal(june('url > lastmod').text(), '2025-06-15T09:00:00+01:00');
    assert.equal(
      june('image\\:loc').text(),
      'https://journal.example/media/barrage.jpg',
    );
    const july = locs(
      (await t.app.inject('/sitemaps/articles-2025-07.xml')).body,
    );
    assert.deepEqual(
      july.sort(),
      ['cinquante-heures', 'quarante-sept-heures', 'tribune', 'une-heure']
        .map((s) => `https://journal.example/articles/${s}`)
        .sort(),
    );
  });

  test('the news sitemap: last 48 hours only, publication name and language, first-publication date with offset, title; opinion left out', async () => {
    const res = await t.app.inject('/sitemaps/news.xml');
    const $ = cheerio.load(res.body, { xml: true });
    const urls = $('url')
      .map((_, el) => ({
        loc: $(el).find('loc').text(),
        name: $(el).find('news\\:name').text(),
        lang: $(el).find('news\\:language').text(),
        date: $(el).find('news\\:publication_date').text(),
        title: $(el).find('news\\:title').text(),
      }))
      .get();
    assert.deepEqual(urls, [
      {
        loc: 'https://journal.example/articles/une-heure',
        name: 'Le Quotidien de l’Atlas',
        lang: 'fr',
        date: '2025-07-10T11:03:00+01:00',
        title: 'Publié il y a une heure',
      },
      {
        loc: 'https://journal.example/articles/quarante-sept-heures',
        name: 'Le Quotidien de l’Atlas',
        lang: 'fr',
        date: '2025-07-08T13:03:00+01:00',
        title: 'Publié il y a 47 heures',
      },
    ]);
  });

  test('an update does not change the news publication date; the article drops out 48 hours after first publication', async () => {
    const before = cheerio.load(
      (await t.app.inject('/sitemaps/news.xml')).body,
      { xml: true },
    );
    const dateOf = ($: cheerio.CheerioAPI, slug: string) =>
      $('url')
        .filter((_, el) => $(el).find('loc').text().endsWith(`/${slug}`))
        .find('news\\:publication_date')
        .text();
    assert.equal(dateOf(before, 'une-heure'), '2025-07-10T11:03:00+01:00');
    t.clock.advance(30 * 60_000);
    await updateArticleForTest(t.ctx, updatedId, {
      title: 'Publié il y a une heure (mis à jour)',
    });
    const after = cheerio.load(
      (await t.app.inject('/sitemaps/news.xml')).body,
      { xml: true },
    );
    assert.equal(
      dateOf(after, 'une-heure'),
      '2025-07-10T11:03:00+01:00',
      'still the first publication',
    );
    assert.match(after.text(), /mis à jour/, 'the title follows the update');
    assert.ok(
      dateOf(after, 'quarante-sept-heures'),
      '47 h 30 old: still listed',
    );
    // No event marks the 48th hour: the cached sitemap expires by itself.
    t.clock.advance(31 * 60_000);
    const later = cheerio.load(
      (await t.app.inject('/sitemaps/news.xml')).body,
      { xml: true },
    );
    assert.equal(
      dateOf(later, 'quarante-sept-heures'),
      '',
      '48 h 01 old: dropped',
    );
    assert.ok(dateOf(later, 'une-heure'));
    t.clock.set(new Date(now));
  });

  test('an embargoed article appears when its time comes, without any event', async () => {
    assert.doesNotMatch(
      (await t.app.inject('/sitemaps/news.xml')).body,
      /embargo/,
    );
    t.clock.set(new Date(now + 2 * HOUR + 1000));
    assert.match(
      (await t.app.inject('/sitemaps/news.xml')).body,
      /\/articles\/embargo/,
    );
    assert.match(
      (await t.app.inject('/sitemaps/articles-2025-07.xml')).body,
      /\/articles\/embargo/,
    );
    t.clock.set(new Date(now));
  });

  test('no sitemap lists a hidden article', async () => {
    t.clock.set(new Date(now));
    const index = (await t.app.inject('/sitemap.xml')).body;
    for (const file of [
      '/sitemap.xml',
      ...locs(index).map((u) => new URL(u).pathname),
    ]) {
      const body = (await t.app.inject(file)).body;
      for (const slug of hiddenSlugs)
        assert.ok(!body.includes(`/articles/${slug}`), `${file} lists ${slug}`);
    }
  });

  test('sections, tags and authors sitemaps list pages that have articles', async () => {
    assert.deepEqual(
      locs((await t.app.inject('/sitemaps/sections.xml')).body),
      [
        'https://journal.example/',
        'https://journal.example/rubrique/societe',
        'https://journal.example/rubrique/opinions',
      ],
    );
    assert.deepEqual(locs((await t.app.inject('/sitemaps/tags.xml')).body), [
      'https://journal.example/sujet/eau',
    ]);
    assert.deepEqual(locs((await t.app.inject('/sitemaps/authors.xml')).body), [
      'https://journal.example/auteur/nadia-tazi',
    ]);
  });

  test('cached by events: a change without an event is not seen, the event brings it; other months are left alone', async () => {
    const db = t.ctx.db;
    await db
      .updateTable('articles')
      .set({ title: 'Titre changé en douce' })
      .where('slug', '=', 'une-heure')
      .execute();
    await db
      .updateTable('articles')
      .set({ slug: 'juin-renomme' })
      .where('slug', '=', 'juin-avec-photo')
      .execute();
    assert.doesNotMatch(
      (await t.app.inject('/sitemaps/news.xml')).body,
      /changé en douce/,
      'served from the cache',
    );
    await updateArticleForTest(t.ctx, updatedId, { lead: 'Nouveau chapô.' });
    assert.match(
      (await t.app.inject('/sitemaps/news.xml')).body,
      /changé en douce/,
      'rebuilt after articles.update',
    );
    assert.match(
      (await t.app.inject('/sitemaps/articles-2025-06.xml')).body,
      /juin-avec-photo/,
      'June was not touched by a July event',
    );
    await db
      .updateTable('articles')
      .set({ slug: 'juin-avec-photo' })
      .where('slug', '=', 'juin-renomme')
      .execute();
  });

  test('cache headers: Cache-Control with s-maxage, ETag and 304, Last-Modified, Surrogate-Key', async () => {
    const res = await t.app.inject('/sitemaps/articles-2025-06.xml');
    assert.match(
      res.headers['cache-control'] as string,
      /s-maxage=86400/,
      'a past month is settled',
    );
    assert.equal(res.headers['surrogate-key'], 'sitemaps sitemap:2025-06');
    assert.ok(res.headers['last-modified']);
    const etag = res.headers['etag'] as string;
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(
      (
        await t.app.inject({
          url: '/sitemaps/articles-2025-06.xml',
          headers: { 'if-none-match': etag },
        })
      ).statusCode,
      304,
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/sitemaps/articles-2025-06.xml',
          headers: {
            'if-modified-since': res.headers['last-modified'] as string,
          },
        })
      ).statusCode,
      304,
    );
    const news = await t.app.inject('/sitemaps/news.xml');
    assert.match(news.headers['cache-control'] as string, /s-maxage=60\b/);
    assert.match(
      (await t.app.inject('/sitemaps/articles-2025-07.xml')).headers[
        'cache-control'
      ] as string,
      /s-maxage=60\b/,
      'the current month is fresh',
    );
  });

  test('brotli or gzip for clients that take it (compressed once, when built), the plain XML for the others', async () => {
    const plain = await t.app.inject('/sitemaps/articles-2025-07.xml');
    const brotli = await t.app.inject({
      url: '/sitemaps/articles-2025-07.xml',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(
      brotliDecompressSync(brotli.rawPayload).toString('utf8'),
      plain.body,
    );
    const zipped = await t.app.inject({
      url: '/sitemaps/articles-2025-07.xml',
      headers: { 'accept-encoding': 'gzip, deflate' },
    });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers['vary'], 'Accept-Encoding');
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body);
    assert.equal(
      new Set([
        plain.headers['etag'],
        zipped.headers['etag'],
        brotli.headers['etag'],
      ]).size,
      3,
      'one ETag per representation',
    );
    const refused = await t.app.inject({
      url: '/sitemaps/articles-2025-07.xml',
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.body, plain.body);
  });

  test('names that are no sitemap are 404, never 500', async () => {
    for (const url of [
      '/sitemaps/articles-2025-13.xml',
      '/sitemaps/articles-2025-6.xml',
      '/sitemaps/articles-abc.xml',
      '/sitemaps/articles-2031-01.xml',
      '/sitemaps/articles-2025-06-2.xml',
      '/sitemaps/articles-2025-06-0.xml',
      '/sitemaps/nope.xml',
    ]) {
      assert.equal((await t.app.inject(url)).statusCode, 404, url);
    }
  });

  test('robots.txt lists the index and the news sitemap', async () => {
    const res = await t.app.inject('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    assert.match(res.body, /^User-agent: \*$/m);
    assert.match(
      res.body,
      /^Sitemap: https:\/\/journal\.example\/sitemap\.xml$/m,
    );
    assert.match(
      res.body,
      /^Sitemap: https:\/\/journal\.example\/sitemaps\/news\.xml$/m,
    );
  });

  test('past the per-file limit a month is split, and the index lists every part', async () => {
    const app = Fastify();
    app.setErrorHandler((error: { status?: number }, _request, reply) =>
      reply.code(error.status ?? 500).send(),
    );
    await registerDistribution(
      app,
      {
        ...t.ctx,
        config: (await import('../../src/config.ts')).loadConfig({
          SITE_URL: 'https://journal.example',
        }),
        dialect: getDb().handle.dialect,
      },
      { sitemapPageSize: 2 },
    );
    const index = locs((await app.inject('/sitemap.xml')).body).filter((u) =>
      u.includes('articles-2025-07'),
    );
    assert.deepEqual(
      index.map((u) => new URL(u).pathname),
      ['/sitemaps/articles-2025-07.xml', '/sitemaps/articles-2025-07-2.xml'],
    );
    const first = locs(
      (await app.inject('/sitemaps/articles-2025-07.xml')).body,
    );
    const second = locs(
      (await app.inject('/sitemaps/articles-2025-07-2.xml')).body,
    );
    assert.equal(first.length, 2);
    assert.equal(second.length, 2);
    assert.equal(new Set([...first, ...second]).size, 4);
    assert.equal(
      (await app.inject('/sitemaps/articles-2025-07-3.xml')).statusCode,
      404,
    );
    await app.close();
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
