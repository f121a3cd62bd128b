import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { htmlValidator } from '../support/demoSite.ts';
import { systemActor } from '../../src/commands/context.ts';
import {
  addEdition,
  setSectionEditionCommand,
} from '../../src/commands/editions.ts';
import { ARABIC_DEMO_EDITION } from '../../src/demo/loadArabicDemo.ts';
import { buildUser, Client } from '../support/newsroom.ts';

/**
 * The Arabic edition's section, tag and author pages (issue #20): the French listings' window
 * (numbered pages, keyset pages `?avant=`) in the edition's frame, and every edition page in
 * the page cache, cleared by the events of a publication.
 */
const SITE = 'https://journal.example';
const COUNT = 23;

async function arabicSection(t: TestApp, slug: string) {
  const section = await buildSection(t.ctx, { slug, name: 'اقتصاد' });
  await setSectionEditionCommand(t.ctx, systemActor('test'), {
    slug,
    edition: 'ar',
  });
  return section;
}

describeEachDialect('edition listing pages and the page cache', (getDb) => {
  let t: TestApp;
  const arabic: { id: number; slug: string }[] = [];
  let frenchId = 0;
  let sharedTag = '';
  let frenchTag = '';
  let authorSlug = '';

  test('setup: 23 Arabic articles in one section, a tag shared with a French article', async () => {
    const first = await buildTestApp(getDb());
    await addEdition(first.ctx, systemActor('test'), ARABIC_DEMO_EDITION);
    const section = await arabicSection(first, 'iqtisad');
    const author = await buildAuthor(first.ctx, {
      slug: 'karim-berrada',
      name: 'Karim Berrada',
    });
    authorSlug = author.slug;
    const tag = await buildTag(first.ctx, { slug: 'bourse', name: 'البورصة' });
    const onlyFr = await buildTag(first.ctx);
    sharedTag = tag.slug;
    frenchTag = onlyFr.slug;
    const now = first.clock.now().getTime();
    for (let i = 0; i < COUNT; i++)
      arabic.push(
        await buildArticle(first.ctx, {
          title: `خبر اقتصادي رقم ${i + 1}`,
          lead: 'ملخص الخبر.',
          bodySource: 'نص الخبر.',
          sectionId: section.id,
          authorIds: [author.id],
          tagIds: i < 3 ? [tag.id] : [],
          publishedAt: new Date(now - (COUNT - i) * 60_000),
        }),
      );
    arabic.reverse(); // newest first, as listed
    frenchId = (
      await buildArticle(first.ctx, {
        title: 'La Bourse de Casablanca en hausse',
        tagIds: [tag.id, onlyFr.id],
      })
    ).id;
    await first.app.close();
    t = await buildTestApp(getDb());
  });

  const items = (body: string) => {
    const $ = cheerio.load(body);
    return $('.listing-item .teaser-title a')
      .map((_i, a) => decodeURI($(a).attr('href') ?? ''))
      .get();
  };

  test('a section page: right to left, counted in Arabic, numbered pages then keyset pages', async () => {
    const res = await t.app.inject('/ar/rubrique/iqtisad');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('html').attr('lang'), 'ar');
    assert.equal($('html').attr('dir'), 'rtl');
    assert.equal($('.listing-header .kicker').text(), 'قسم');
    assert.equal($('h1').text(), 'اقتصاد');
    assert.equal($('.listing-count').text(), '23 مقالا');
    assert.equal(
      $('.sections-nav a[aria-current=page]').attr('href'),
      `${SITE}/ar/rubrique/iqtisad`,
    );
    assert.deepEqual(
      items(res.body),
      arabic.slice(0, 20).map((a) => `${SITE}/ar/articles/${a.slug}`),
    );
    assert.equal(
      $('a[rel=next]').attr('href'),
      `${SITE}/ar/rubrique/iqtisad?page=2`,
    );
    assert.equal($('a[rel=next]').text(), 'الصفحة التالية ←');
    assert.equal($('.page-count').text(), 'الصفحة 1 من 2');
    for (const href of $('main a')
      .map((_i, a) => $(a).attr('href'))
      .get())
      assert.ok(href.startsWith(`${SITE}/ar/`), href);
    const report = await htmlValidator.validateString(res.body);
    assert.ok(report.valid, JSON.stringify(report.results, null, 1));

    const second = await t.app.inject('/ar/rubrique/iqtisad?page=2');
    assert.equal(second.statusCode, 200);
    assert.equal(items(second.body).length, COUNT - 20);
    // The keyset page after the 20th article is page 2, read from the edition's articles.
    const keyset = await t.app.inject(
      `/ar/rubrique/iqtisad?avant=${arabic[19]!.id}`,
    );
    assert.equal(keyset.statusCode, 200);
    assert.deepEqual(items(keyset.body), items(second.body));
    assert.equal(
      cheerio.load(keyset.body)('.pagination a').first().attr('href'),
      `${SITE}/ar/rubrique/iqtisad`,
    );
    for (const url of [
      `/ar/rubrique/iqtisad?avant=${frenchId}`,
      '/ar/rubrique/iqtisad?page=3',
      '/ar/rubrique/nope',
    ])
      assert.equal((await t.app.inject(url)).statusCode, 404, url);
    assert.equal(
      (await t.app.inject('/ar/rubrique/iqtisad?page=x')).statusCode,
      400,
    );
    // A French section is not the Arabic edition's.
    const fr = await buildSection(t.ctx, { slug: 'sport-fr' });
    await buildArticle(t.ctx, { sectionId: fr.id });
    assert.equal((await t.app.inject('/ar/rubrique/sport-fr')).statusCode, 404);
  });

  test('a tag page lists the edition’s articles with the tag; a tag no Arabic article carries has none', async () => {
    const res = await t.app.inject(`/ar/sujet/${sharedTag}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      items(res.body),
      arabic.slice(COUNT - 3).map((a) => `${SITE}/ar/articles/${a.slug}`),
    );
    assert.equal(cheerio.load(res.body)('.listing-count').text(), '3 مقالات');
    assert.equal(
      (await t.app.inject(`/ar/sujet/${frenchTag}`)).statusCode,
      404,
    );
    // The French tag page lists no Arabic article.
    const fr = await t.app.inject(`/sujet/${sharedTag}`);
    assert.equal(fr.statusCode, 200);
    assert.doesNotMatch(
      cheerio.load(fr.body)('main .listing').text(),
      /[\u0600-\u06ff]/,
    );
  });

  test('an author page: « مقالات » and the name isolated, the edition’s articles only', async () => {
    const res = await t.app.inject(`/ar/auteur/${authorSlug}`);
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1 bdi').text(), 'Karim Berrada');
    assert.match($('title').text(), /^مقالات Karim Berrada/);
    assert.equal(items(res.body).length, 20);
    const report = await htmlValidator.validateString(res.body);
    assert.ok(report.valid, JSON.stringify(report.results, null, 1));
  });

  test('edition pages are kept until an event: a silent change shows only after a publication', async () => {
    const before = await t.app.inject('/ar/rubrique/iqtisad');
    const home = await t.app.inject('/ar/');
    // Changed behind the app's back (no event): kept pages do not see it.
    await t.ctx.db
      .updateTable('articles')
      .set({ title: 'عنوان معدل بصمت' })
      .where('id', '=', arabic[0]!.id)
      .execute();
    const kept = await t.app.inject('/ar/rubrique/iqtisad');
    assert.equal(kept.body, before.body, 'the kept section page');
    assert.equal(kept.headers.etag, before.headers.etag);
    assert.equal((await t.app.inject('/ar/')).body, home.body);
    // A publication in the Arabic edition records an event: the Arabic pages are rebuilt.
    const section = await arabicSection(t, 'iqtisad-2');
    const fresh = await buildArticle(t.ctx, {
      title: 'خبر نشر الآن',
      sectionId: section.id,
    });
    const after = await t.app.inject('/ar/');
    assert.match(after.body, /خبر نشر الآن/);
    assert.match(after.body, /عنوان معدل بصمت/);
    assert.match(
      (await t.app.inject('/ar/rubrique/iqtisad')).body,
      /عنوان معدل بصمت/,
    );
    assert.equal(
      (await t.app.inject(`/ar/articles/${fresh.slug}`)).statusCode,
      200,
    );
  });

  test('the back office edits an Arabic article right to left, a French one left to right', async () => {
    const editor = await buildUser(t.ctx, 'editor');
    const client = new Client(t.app);
    await client.signIn(editor.email);
    const ar = await client.get(`/admin/articles/${arabic[0]!.id}`);
    assert.equal(ar.statusCode, 200);
    const $ = cheerio.load(ar.body);
    assert.equal($('html').attr('dir'), 'rtl');
    assert.equal($('html').attr('lang'), 'fr', 'the interface stays French');
    assert.equal($('textarea[name=bodySource]').attr('dir'), 'auto');
    const fr = await client.get(`/admin/articles/${frenchId}`);
    assert.equal(fr.statusCode, 200);
    assert.equal(cheerio.load(fr.body)('html').attr('dir'), undefined);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});

describeEachDialect(
  'an edition on its own host, answered ahead of routing',
  (getDb) => {
    let t: TestApp;
    let base: URL;
    let routed = 0;

    function get(
      path: string,
      host: string,
    ): Promise<{ status: number; body: string; routed: boolean }> {
      const before = routed;
      return new Promise((resolve, reject) => {
        const req = request(
          new URL(path, base),
          { headers: { host } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                routed: routed > before,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    }

    test('setup: the Arabic edition at ar.journal.example', async () => {
      const first = await buildTestApp(getDb());
      await addEdition(first.ctx, systemActor('test'), {
        ...ARABIC_DEMO_EDITION,
        host: 'ar.journal.example',
      });
      const section = await arabicSection(first, 'iqtisad');
      await buildArticle(first.ctx, {
        title: 'خبر من الرباط',
        sectionId: section.id,
      });
      await buildArticle(first.ctx, { title: 'Une nouvelle de Rabat' });
      await first.app.close();
      t = await buildTestApp(getDb());
      t.app.addHook('onRequest', async () => {
        routed++;
      });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = new URL(
        `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`,
      );
    });

    test('each host keeps its own home: the French one is never answered on the Arabic host', async () => {
      for (let round = 0; round < 2; round++) {
        const fr = await get('/', 'journal.example');
        assert.equal(fr.status, 200);
        assert.match(fr.body, /<html lang="fr/);
        const ar = await get('/', 'ar.journal.example');
        assert.equal(ar.status, 200);
        assert.match(ar.body, /<html lang="ar" dir="rtl">/);
        assert.match(ar.body, /خبر من الرباط/);
        const section = await get('/rubrique/iqtisad', 'ar.journal.example');
        assert.equal(section.status, 200);
        assert.match(section.body, /خبر من الرباط/);
        if (round === 1) {
          assert.equal(
            fr.routed,
            false,
            'the French home, kept, ahead of routing',
          );
          assert.equal(
            ar.routed,
            false,
            'the Arabic home, kept, ahead of routing',
          );
          assert.equal(section.routed, false);
        }
      }
    });

    test('teardown', async () => {
      await t.app.close();
    });
  },
);
