import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
} from '../support/factories.ts';

/** The readers' search page and its JSON twin: markup, pagination, empty state, bad input. */
describeEachDialect('search page and API', (getDb) => {
  let t: TestApp;

  test('setup: 45 articles about the port, one with markup in its title', async () => {
    t = await buildTestApp(getDb());
    const now = t.clock.now().getTime();
    const section = await buildSection(t.ctx, {
      slug: 'regions',
      name: 'Régions',
    });
    const author = await buildAuthor(t.ctx, {
      slug: 'nadia-tazi',
      name: 'Nadia Tazi',
    });
    for (let i = 0; i < 45; i++) {
      await buildArticle(t.ctx, {
        title: `Le port de Nador, épisode ${i}`,
        lead: `Le chantier portuaire avance (${i}).`,
        bodySource: `Premier paragraphe sans rapport.\n\n## Suite\n\nLes grues du port de Nador ont déchargé ${i} navires.`,
        sectionId: section.id,
        authorIds: [author.id],
        publishedAt: new Date(now - (i + 1) * 3_600_000),
      });
    }
    await buildArticle(t.ctx, {
      title: 'Balise <script>alert("x")</script> & « guillemets » au port',
      sectionId: section.id,
      authorIds: [author.id],
    });
  });

  test('every page has a search form in the header', async () => {
    for (const url of ['/', '/rubrique/regions', '/recherche']) {
      const $ = cheerio.load((await t.app.inject(url)).body);
      const form = $('header.site-header form[role=search]');
      assert.equal(form.attr('action'), '/recherche', url);
      assert.equal(form.find('input[name=q]').length, 1, url);
      assert.equal(
        $(`label[for="${form.find('input').attr('id')}"]`).length,
        1,
        'the input has a label',
      );
    }
  });

  test('results: count, section, highlighted title and extract, byline, French date, pagination', async () => {
    const res = await t.app.inject('/recherche?q=port+nador');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /s-maxage/);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').length, 1);
    assert.equal($('#search-q').attr('value'), 'port nador');
    assert.equal($('.search-count').text(), '45 résultats pour « port nador »');
    assert.equal($('.search-result').length, 20);
    const first = $('.search-result').first();
    assert.equal(first.find('.kicker a').text(), 'Régions');
    assert.deepEqual(
      first
        .find('.teaser-title mark')
        .map((_, m) => $(m).text())
        .get(),
      ['port', 'Nador'],
    );
    assert.match(
      first.find('.search-snippet').html()!,
      /<mark>port<\/mark> de <mark>Nador<\/mark>/,
    );
    assert.match(
      first.find('.teaser-meta').text(),
      /^Par Nadia Tazi · (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ \d{4} à \d{2}:\d{2}$/,
    );
    assert.equal($('meta[name=robots]').attr('content'), 'noindex');
    assert.equal(
      $('a[rel=next]').attr('href'),
      '/recherche?q=port+nador&page=2',
    );
    const last = cheerio.load(
      (await t.app.inject('/recherche?q=port+nador&page=3')).body,
    );
    assert.equal(last('.search-result').length, 5);
    assert.equal(
      last('a[rel=prev]').attr('href'),
      '/recherche?q=port+nador&page=2',
    );
    assert.equal(last('a[rel=next]').length, 0);
  });

  test('pagination keeps the filters and the sort', async () => {
    const $ = cheerio.load(
      (
        await t.app.inject(
          '/recherche?q=nador&rubrique=regions&du=2025-07-01&au=2025-07-10&tri=date',
        )
      ).body,
    );
    assert.equal(
      $('a[rel=next]').attr('href'),
      '/recherche?q=nador&rubrique=regions&du=2025-07-01&au=2025-07-10&tri=date&page=2',
    );
    assert.equal(
      $('#search-section option[selected]').attr('value'),
      'regions',
    );
    assert.equal($('#search-sort option[selected]').attr('value'), 'date');
  });

  test('markup in titles and queries is escaped; only <mark> is added', async () => {
    const q = '<script>balise</script>';
    const res = await t.app.inject(`/recherche?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('<script>'), 'no script tag at all');
    const $ = cheerio.load(res.body);
    // Only our audience beacon, by its hashed URL: nothing from the query or the titles.
    assert.deepEqual(
      $('script')
        .map((_, el) =>
          /^\/assets\/beacon\.js\?v=\w+$/.test($(el).attr('src') ?? ''),
        )
        .get(),
      [true],
    );
    assert.equal(
      $('.search-result .teaser-title a').text(),
      // Escaped, and in French typography (U+202F inside « »), as every reader-facing title.
      'Balise <script>alert(«\u202Fx\u202F»)</script> & «\u202Fguillemets\u202F» au port',
    );
    assert.deepEqual(
      $('.search-result .teaser-title mark')
        .map((_, m) => $(m).text())
        .get(),
      ['Balise', 'script', 'script'],
    );
    assert.equal($('#search-q').attr('value'), q);
  });

  test('empty state: French, with suggestions and a way out of the filters', async () => {
    const $ = cheerio.load(
      (await t.app.inject('/recherche?q=hippocampe&rubrique=regions')).body,
    );
    assert.equal(
      $('.search-empty h2').text(),
      'Aucun résultat pour « hippocampe »',
    );
    assert.match($('.search-empty').text(), /Vérifiez l’orthographe/);
    assert.equal(
      $('.search-empty a[href="/recherche?q=hippocampe"]').length,
      1,
    );
    assert.ok($('.search-browse a[href="/rubrique/regions"]').length === 1);
    const blank = cheerio.load((await t.app.inject('/recherche')).body);
    assert.equal(
      blank('.search-empty, .search-results').length,
      0,
      'no query: just the form',
    );
  });

  test('JSON: { items, total, page } with allowlisted fields', async () => {
    const res = await t.app.inject('/api/search?q=nador&page=2');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/json/);
    const body = res.json() as {
      items: Record<string, unknown>[];
      total: number;
      page: number;
    };
    assert.equal(body.total, 45);
    assert.equal(body.page, 2);
    assert.equal(body.items.length, 20);
    assert.deepEqual(Object.keys(body.items[0]!).sort(), [
      'authors',
      'id',
      'publishedAt',
      'publishedLabel',
      'section',
      'snippetHtml',
      'title',
      'titleHtml',
      'url',
    ]);
    assert.match(
      body.items[0]!['url'] as string,
      /^https:\/\/journal\.example\/articles\//,
    );
    const none = (await t.app.inject('/api/search?q=')).json() as {
      items: unknown[];
      total: number;
    };
    assert.deepEqual([none.items.length, none.total], [0, 0]);
  });

  test('bad parameters: the page falls back with a notice (see smallHardening.test.ts); JSON 400 under /api', async () => {
    const bad = [
      'du=2025-02-30',
      'au=hier',
      'du=2025-07-10&au=2025-07-01',
      'tri=popularite',
      'rubrique=inconnue',
      'page=0',
      'page=51',
      'page=abc',
      'q=a&q=b',
    ];
    for (const qs of bad) {
      const page = await t.app.inject(`/recherche?${qs}`);
      assert.equal(page.statusCode, 200, qs);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      const api = await t.app.inject(`/api/search?${qs}`);
      assert.equal(api.statusCode, 400, qs);
      const error = (api.json() as { error: { code: string; message: string } })
        .error;
      assert.ok(
        ['invalid_search', 'invalid_page'].includes(error.code),
        `${qs}: ${error.code}`,
      );
    }
  });

  test('a result page is kept until an article changes: a repeated query is not searched again', async () => {
    const search = t.ctx.search;
    const searchPublic = search.searchPublic;
    let searches = 0;
    search.searchPublic = (db, request) => {
      searches++;
      return searchPublic.call(search, db, request);
    };
    try {
      const url = '/recherche?q=grues+nador';
      const first = await t.app.inject(url);
      assert.equal(first.statusCode, 200);
      const again = await t.app.inject(url);
      assert.equal(again.body, first.body);
      assert.equal(
        searches,
        1,
        'the second request is answered from the page cache',
      );
      await t.app.inject('/recherche?q=grues+nador&page=2');
      assert.equal(searches, 2, 'another URL is another search');
      await buildArticle(t.ctx, {
        title: 'Les grues de Nador à l’arrêt',
        bodySource: 'Les grues du port de Nador sont à l’arrêt.',
      });
      const after = cheerio.load((await t.app.inject(url)).body);
      assert.equal(searches, 3, 'a publication forgets the kept page');
      assert.equal(
        after('.search-result .teaser-title').first().text(),
        'Les grues de Nador à l’arrêt',
      );
    } finally {
      search.searchPublic = searchPublic;
    }
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
