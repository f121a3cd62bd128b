import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import {
  SITEMAP_SCHEMAS_MISSING,
  validateSitemap,
  XMLLINT_MISSING,
} from '../support/xmllint.ts';
import {
  FEEDPARSER_MISSING,
  parseWithFeedExtractor,
  parseWithFeedsmith,
  parseWithPythonFeedparser,
  parseWithRssParser,
} from '../support/feedParsers.ts';
import { htmlValidator } from '../support/demoSite.ts';
import { loadArabicDemo } from '../../src/demo/loadArabicDemo.ts';
import { arabicDemoArticles } from '../../src/demo/arabicContent.ts';
import { demoArticles } from '../../src/demo/content.ts';
import { slugFromTitle } from '../../src/domain/slug.ts';
import { paths } from '../../src/presenters/urls.ts';

/**
 * Two editions (issue #20): the Arabic demo edition under /ar beside French articles, some of
 * them translations of each other. Pages right to left, hreflang both ways and the language
 * switch, feeds, sitemaps with xhtml:link alternates and the Google News sitemap per edition,
 * JSON-LD; the French pages list no Arabic article.
 */
const SITE = 'https://journal.example';
const BANK = arabicDemoArticles.find(
  (a) => a.key === 'ar-bank-al-maghrib-saar-al-faida',
)!;
const BANK_FR = demoArticles.find((a) => a.key === BANK.translationOf)!;

describeEachDialect('editions: French and Arabic', (getDb) => {
  let t: TestApp;
  const arSlug = slugFromTitle(BANK.title);
  const arPath = `/ar${paths.article(arSlug)}`;
  const frPath = paths.article(slugFromTitle(BANK_FR.title));
  let frOnlyPath = '';

  test('setup: French articles, then the Arabic demo edition linked to two of them', async () => {
    const first = await buildTestApp(getDb());
    const economie = await buildSection(first.ctx, {
      slug: 'economie',
      name: 'Économie',
    });
    for (const key of [BANK.translationOf, 'oncf-trafic-voyageurs-hausse']) {
      const f = demoArticles.find((a) => a.key === key)!;
      await buildArticle(first.ctx, {
        title: f.title,
        lead: f.lead,
        bodySource: f.body,
        sectionId: economie.id,
      });
    }
    frOnlyPath = paths.article(
      (
        await buildArticle(first.ctx, {
          title: 'Un article sans traduction',
          sectionId: economie.id,
        })
      ).slug,
    );
    assert.equal(await loadArabicDemo(first.ctx), arabicDemoArticles.length);
    assert.equal(
      await loadArabicDemo(first.ctx),
      0,
      'loading twice adds nothing',
    );
    await first.app.close();
    // Edition routes are registered when the app is built.
    t = await buildTestApp(getDb());
  });

  test('the Arabic home is right to left, in Arabic, with its typeface preloaded', async () => {
    const res = await t.app.inject('/ar/');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('html').attr('lang'), 'ar');
    assert.equal($('html').attr('dir'), 'rtl');
    assert.equal($('.a-la-une .block-title').text(), 'أبرز الأخبار');
    assert.match($('.lead-title').text(), /الماء/);
    assert.ok($('.home-fil .fil-list li').length >= 10);
    const preload = $('link[rel=preload][as=font]').attr('href')!;
    assert.match(preload, /^\/assets\/noto-sans-arabic-regular\.woff2\?v=/);
    const font = await t.app.inject(preload);
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    assert.equal(font.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2');
    const css = $('link[rel=stylesheet]')
      .map((_, l) => $(l).attr('href'))
      .get();
    // site.css is inlined in <head> (as on French pages); the right-to-left additions are linked.
    assert.equal($('head style').length, 1, 'the inlined site stylesheet');
    assert.equal(css.length, 1, 'the right-to-left additions');
    const rtl = await t.app.inject(css[0]!);
    assert.match(rtl.body, /font-display: swap/);
    assert.ok(
      rtl.body.includes(preload),
      'the @font-face names the hashed URL',
    );
    // Every Arabic home's links go to the Arabic edition.
    for (const href of $('main a')
      .map((_, a) => $(a).attr('href'))
      .get())
      assert.ok(href.startsWith(`${SITE}/ar/`), href);
    // French names are isolated inside Arabic copy.
    const report = await htmlValidator.validateString(res.body);
    assert.ok(report.valid, JSON.stringify(report.results, null, 1));
  });

  test('French pages list no Arabic article, and are unchanged without translations', async () => {
    const home = await t.app.inject('/');
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(
      home.body,
      /[\u0600-\u06ff]/,
      'no Arabic on the French home',
    );
    const $ = cheerio.load(home.body);
    assert.equal($('html').attr('dir'), undefined);
    const plain = await t.app.inject(frOnlyPath);
    assert.equal(plain.statusCode, 200);
    assert.doesNotMatch(plain.body, /hreflang|lang-switch/);
    // An Arabic article is not at a French address.
    assert.equal((await t.app.inject(paths.article(arSlug))).statusCode, 404);
  });

  test('linked translations: hreflang both ways with x-default, and the language switch', async () => {
    const ar = await t.app.inject(arPath);
    assert.equal(ar.statusCode, 200);
    const $ar = cheerio.load(ar.body);
    const alt = (c: cheerio.CheerioAPI) =>
      Object.fromEntries(
        c('link[rel=alternate][hreflang]')
          .map((_, l) => [[c(l).attr('hreflang'), c(l).attr('href')]])
          .get(),
      );
    assert.deepEqual(alt($ar), {
      ar: SITE + arPath,
      fr: SITE + frPath,
      'x-default': SITE + frPath,
    });
    assert.equal($ar('link[rel=canonical]').attr('href'), SITE + arPath);
    const toFr = $ar('.lang-switch a');
    assert.equal(toFr.text(), 'Lire en français');
    assert.equal(toFr.attr('lang'), 'fr');
    assert.equal(toFr.attr('href'), SITE + frPath);
    assert.equal($ar('h1').text(), BANK.title);
    assert.match($ar('.chapo').html()!, /<bdi>Bank Al-Maghrib<\/bdi>/);

    const fr = await t.app.inject(frPath);
    assert.equal(fr.statusCode, 200);
    const $fr = cheerio.load(fr.body);
    assert.deepEqual(alt($fr), {
      fr: SITE + frPath,
      ar: SITE + arPath,
      'x-default': SITE + frPath,
    });
    const toAr = $fr('.lang-switch a');
    assert.equal(toAr.text(), 'اقرأ بالعربية');
    assert.equal(toAr.attr('href'), SITE + arPath);
    // The switch's href, followed, is the Arabic page.
    const followed = await t.app.inject(new URL(toAr.attr('href')!).pathname);
    assert.equal(followed.statusCode, 200);
    const report = await htmlValidator.validateString(ar.body);
    assert.ok(report.valid, JSON.stringify(report.results, null, 1));
  });

  test('JSON-LD of an Arabic article: NewsArticle in Arabic, its own URL, the edition as publisher', async () => {
    const $ = cheerio.load((await t.app.inject(arPath)).body);
    const docs = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()) as Record<string, unknown>)
      .get() as Record<string, unknown>[];
    const a = docs.find((d) => d['@type'] === 'NewsArticle')!;
    assert.ok(a, 'a NewsArticle');
    assert.equal(a['headline'], BANK.title);
    assert.equal(a['inLanguage'], 'ar');
    assert.equal(a['url'], SITE + arPath);
    assert.deepEqual(a['mainEntityOfPage'], {
      '@type': 'WebPage',
      '@id': SITE + arPath,
    });
    assert.equal((a['publisher'] as { name: string }).name, 'صحيفة الأطلس');
    assert.match(
      String(a['datePublished']),
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
    );
  });

  test('the Arabic feeds, RSS, Atom and JSON Feed: parsers agree, in Arabic, Arabic URLs only', async () => {
    for (const [file, type] of [
      ['feed.xml', /rss\+xml/],
      ['feed.atom', /atom\+xml/],
      ['feed.json', /feed\+json/],
    ] as const) {
      const res = await t.app.inject(`/ar/${file}`);
      assert.equal(res.statusCode, 200, file);
      assert.match(res.headers['content-type'] as string, type);
      const parsed =
        file === 'feed.json'
          ? [
              parseWithFeedsmith(res.body, 'json'),
              parseWithFeedExtractor(res.body),
            ]
          : [
              await parseWithRssParser(res.body),
              parseWithFeedsmith(
                res.body,
                file === 'feed.xml' ? 'rss' : 'atom',
              ),
            ];
      for (const p of parsed) {
        assert.equal(p.title, 'صحيفة الأطلس', file);
        assert.equal(p.items.length, arabicDemoArticles.length, file);
        for (const i of p.items)
          assert.ok(i.link.startsWith(`${SITE}/ar/articles/`), i.link);
      }
      if (file === 'feed.json') {
        const json = JSON.parse(res.body) as {
          language: string;
          feed_url: string;
        };
        assert.equal(json.language, 'ar');
        assert.equal(json.feed_url, `${SITE}/ar/feed.json`);
      } else {
        assert.match(
          res.body,
          file === 'feed.xml' ? /<language>ar<\/language>/ : /xml:lang="ar"/,
        );
        if (!FEEDPARSER_MISSING) {
          const fp = parseWithPythonFeedparser(res.body);
          assert.equal(fp.bozo, false, fp.error);
          assert.equal(fp.items.length, arabicDemoArticles.length);
        }
      }
    }
    // A section's feed, and the French feed lists no Arabic article.
    const section = await t.app.inject('/ar/rubrique/iqtisad/feed.atom');
    assert.equal(section.statusCode, 200);
    assert.ok(parseWithFeedsmith(section.body, 'atom').items.length > 0);
    assert.equal(
      (await t.app.inject('/ar/rubrique/economie/feed.xml')).statusCode,
      404,
    );
    assert.doesNotMatch(
      (await t.app.inject('/feed.xml')).body,
      /[\u0600-\u06ff]/,
    );
    // The first address of the feed moved for good.
    const old = await t.app.inject('/ar/rss.xml');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `${SITE}/ar/feed.xml`);
  });

  test('the Arabic sitemap index: XSD-valid, paginated by month like the French one, xhtml:link alternates', {
    skip: XMLLINT_MISSING || SITEMAP_SCHEMAS_MISSING,
  }, async () => {
    const index = await t.app.inject('/ar/sitemap.xml');
    assert.equal(index.statusCode, 200);
    assert.ok(
      validateSitemap(index.body).valid,
      validateSitemap(index.body).output,
    );
    const locs = cheerio
      .load(index.body, { xml: true })('sitemap > loc')
      .map((_, l) => cheerio.load(l).text())
      .get();
    assert.ok(
      locs.includes(`${SITE}/ar/sitemaps/sections.xml`),
      locs.join(' '),
    );
    assert.ok(locs.includes(`${SITE}/ar/sitemaps/news.xml`));
    const months = locs.filter((l) => l.includes('/ar/sitemaps/articles-'));
    assert.ok(months.length >= 1, locs.join(' '));
    let urls = 0;
    let linked = 0;
    for (const loc of locs) {
      const res = await t.app.inject(loc.slice(SITE.length));
      assert.equal(res.statusCode, 200, loc);
      // shared/schemas has no XSD for the xhtml namespace: the sitemap part is validated without
      // the links, and the links are checked one by one.
      const v = validateSitemap(res.body.replace(/<xhtml:link [^>]*\/>/g, ''));
      assert.ok(v.valid, `${loc}: ${v.output}`);
      const $ = cheerio.load(res.body, { xml: true });
      for (const l of $('loc')
        .map((_, x) => $(x).text())
        .get())
        assert.ok(l.startsWith(`${SITE}/ar/`), l);
      if (!months.includes(loc)) continue;
      urls += $('url').length;
      linked += $('url').filter(
        (_, u) => $(u).children('xhtml\\:link').length > 0,
      ).length;
      const entry = $('url').filter(
        (_, u) => $(u).children('loc').text() === SITE + arPath,
      );
      if (entry.length)
        assert.deepEqual(
          entry
            .children('xhtml\\:link')
            .map(
              (_, l) =>
                `${$(l).attr('rel')} ${$(l).attr('hreflang')} ${$(l).attr('href')}`,
            )
            .get(),
          [`alternate ar ${SITE}${arPath}`, `alternate fr ${SITE}${frPath}`],
        );
    }
    assert.equal(urls, arabicDemoArticles.length, 'every Arabic article once');
    assert.equal(
      linked,
      arabicDemoArticles.filter((a) =>
        [
          'bank-al-maghrib-baisse-taux-directeur',
          'oncf-trafic-voyageurs-hausse',
        ].includes(a.translationOf ?? ''),
      ).length,
    );
    // robots.txt names the edition's sitemaps beside the French ones.
    assert.match(
      (await t.app.inject('/robots.txt')).body,
      /\/ar\/sitemap\.xml/,
    );
  });

  test('the French monthly sitemap: xhtml:link alternates on the translated articles only, XSD-valid', {
    skip: XMLLINT_MISSING || SITEMAP_SCHEMAS_MISSING,
  }, async () => {
    const res = await t.app.inject('/sitemaps/articles-2025-07.xml');
    assert.equal(res.statusCode, 200);
    const v = validateSitemap(res.body.replace(/<xhtml:link [^>]*\/>/g, ''));
    assert.ok(v.valid, v.output);
    const $ = cheerio.load(res.body, { xml: true });
    const entry = $('url').filter(
      (_, u) => $(u).children('loc').text() === SITE + frPath,
    );
    assert.deepEqual(
      entry
        .children('xhtml\\:link')
        .map((_, l) => `${$(l).attr('hreflang')} ${$(l).attr('href')}`)
        .get(),
      [`fr ${SITE}${frPath}`, `ar ${SITE}${arPath}`],
    );
    const plain = $('url').filter(
      (_, u) => $(u).children('loc').text() === SITE + frOnlyPath,
    );
    assert.equal(plain.length, 1);
    assert.equal(plain.children('xhtml\\:link').length, 0);
  });

  test('the Arabic Google News sitemap: XSD-valid, the edition’s name and language', {
    skip: XMLLINT_MISSING || SITEMAP_SCHEMAS_MISSING,
  }, async () => {
    const moved = await t.app.inject('/ar/sitemap-news.xml');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `${SITE}/ar/sitemaps/news.xml`);
    const res = await t.app.inject('/ar/sitemaps/news.xml');
    assert.equal(res.statusCode, 200);
    const v = validateSitemap(res.body);
    assert.ok(v.valid, v.output);
    const $ = cheerio.load(res.body, { xml: true });
    assert.ok($('url').length >= 10);
    assert.deepEqual(
      [
        ...new Set(
          $('news\\:name')
            .map((_, n) => $(n).text())
            .get(),
        ),
      ],
      ['صحيفة الأطلس'],
    );
    assert.deepEqual(
      [
        ...new Set(
          $('news\\:language')
            .map((_, n) => $(n).text())
            .get(),
        ),
      ],
      ['ar'],
    );
    // The French Google News sitemap has none of them.
    const fr = await t.app.inject('/sitemaps/news.xml');
    assert.doesNotMatch(fr.body, /[\u0600-\u06ff]/);
  });

  test('the Arabic edition’s search: its articles only, Arabic variants, highlighted extracts', async () => {
    const res = await t.app.inject(
      `/ar/recherche?q=${encodeURIComponent('الحكومه')}`,
    );
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('html').attr('dir'), 'rtl');
    const titles = $('.search-results .teaser-title')
      .map((_, h) => $(h).text())
      .get();
    assert.ok(
      titles.some((x) => x.startsWith('الماء:')),
      titles.join(' | '),
    );
    assert.ok(
      $('.search-results mark')
        .map((_, m) => $(m).text())
        .get()
        .includes('الحكومة'),
    );
    for (const href of $('.search-results a')
      .map((_, a) => $(a).attr('href'))
      .get())
      assert.ok(href.startsWith(`${SITE}/ar/articles/`), href);
    const report = await htmlValidator.validateString(res.body);
    assert.ok(report.valid, JSON.stringify(report.results, null, 1));
    // Mixed script, and the French search does not list Arabic articles.
    const mixed = cheerio.load(
      (
        await t.app.inject(
          `/ar/recherche?q=${encodeURIComponent('ONCF القطارات')}`,
        )
      ).body,
    );
    assert.equal(mixed('.search-results li').length, 1);
    const french = await t.app.inject(
      `/api/search?q=${encodeURIComponent('الحكومه')}`,
    );
    assert.equal((french.json() as { total: number }).total, 0);
    for (const q of ['', '"', '%', 'a'.repeat(300)])
      assert.ok(
        (await t.app.inject(`/ar/recherche?q=${encodeURIComponent(q)}`))
          .statusCode < 500,
      );
  });

  test('the legal notice of the edition, and unknown Arabic addresses answer 404', async () => {
    const res = await t.app.inject('/ar/mentions-legales');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /88\.13/);
    assert.equal((await t.app.inject('/ar/articles/nope')).statusCode, 404);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
