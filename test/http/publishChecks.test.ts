import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildSection,
  storyWords,
} from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import { internalArticleSlugs } from '../../src/commands/publishChecks.ts';

interface CheckJson {
  id: string;
  field: string;
  level: 'ok' | 'warning' | 'error';
  message: string | null;
}

/**
 * The publish checks: one module, asked by the checklist beside the editor (live, from unsaved
 * fields), by publish and schedule (errors block, warnings need a confirmation), and by the
 * Admin API (see adminApi.test.ts for its JSON answer).
 */
describeEachDialect('publish checks', (getDb) => {
  let t: TestApp;
  let editor: Client;
  let contributor: Client;
  let authorId: number;
  let sectionId: number;
  let liveSlug: string;
  let draftSlug: string;
  let othersDraftId: number;
  let n = 0;

  const levels = (checks: CheckJson[]) =>
    Object.fromEntries(checks.map((c) => [c.id, c.level]));
  const check = async (fields: Record<string, string>) => {
    const res = await editor.postJson('/admin/verifications-publication', {
      title: 'Un titre',
      lead: 'Un chapô.',
      bodySource: 'Texte.',
      sectionId: String(sectionId),
      author1: String(authorId),
      ...fields,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['cache-control']), /no-store/);
    return (res.json() as { checks: CheckJson[] }).checks;
  };
  const draft = async (fields: Record<string, string>) => {
    const k = ++n; // each its own story, so the duplicate guard leaves them alone
    const res = await editor.post(
      '/admin/articles',
      articleForm({
        title: `Brouillon ${storyWords(k + 300, 3).join(' ')}`,
        lead: storyWords(k + 350, 6).join(' '),
        bodySource: storyWords(k + 399, 12).join(' '),
        sectionId: String(sectionId),
        author1: String(authorId),
        ...fields,
      }),
    );
    assert.equal(res.statusCode, 303, 'a draft saves whatever the checks say');
    const id = Number(
      /\/admin\/articles\/(\d+)/.exec(String(res.headers['location']))![1],
    );
    return (await findArticleById(t.ctx.db, id))!;
  };

  test('setup', async () => {
    t = await buildTestApp(getDb());
    sectionId = (await buildSection(t.ctx, { slug: 'maroc', name: 'Maroc' }))
      .id;
    const u = await buildUser(t.ctx, 'editor');
    authorId = u.authorId;
    editor = new Client(t.app);
    assert.equal((await editor.signIn(u.email)).statusCode, 303);
    const c = await buildUser(t.ctx, 'contributor');
    contributor = new Client(t.app);
    assert.equal((await contributor.signIn(c.email)).statusCode, 303);
    liveSlug = (await buildArticle(t.ctx, { slug: 'deja-en-ligne' })).slug;
    draftSlug = (
      await buildArticle(t.ctx, { slug: 'encore-brouillon', status: 'draft' })
    ).slug;
    othersDraftId = (await buildArticle(t.ctx, { status: 'draft' })).id;
  });

  test('internal links are found in Markdown links and bare addresses, relative or on the site', () => {
    assert.deepEqual(
      internalArticleSlugs(
        'Voir [ceci](/articles/un-article) et http://localhost/articles/deux#x, pas https://ailleurs.ma/articles/trois.',
        'http://localhost',
      ),
      ['un-article', 'deux'],
    );
  });

  test('the checklist answers on unsaved fields: everything ok', async () => {
    const checks = await check({
      bodySource: `Lire [l’article](/articles/${liveSlug}).`,
    });
    assert.deepEqual(levels(checks), {
      section: 'ok',
      authors: 'ok',
      title: 'ok',
      seoTitle: 'ok',
      lead: 'ok',
      coverAlt: 'ok',
      duplicate: 'ok',
      internalLinks: 'ok',
    });
  });

  test('errors: no section, no author, a cover without alt, links to a missing or unpublished article', async () => {
    const checks = await check({
      sectionId: '',
      author1: '',
      coverUrl: 'https://images.example/a.jpg',
      coverAlt: '',
      bodySource: `[a](/articles/nulle-part) et [b](https://journal.example/articles/${draftSlug}) et [c](/articles/${liveSlug})`,
    });
    const l = levels(checks);
    assert.equal(l['section'], 'error');
    assert.equal(l['authors'], 'error');
    assert.equal(l['coverAlt'], 'error');
    assert.equal(l['internalLinks'], 'error');
    const links = checks.find((c) => c.id === 'internalLinks')!;
    assert.equal(links.field, 'bodySource');
    assert.match(links.message!, /\/articles\/nulle-part/);
    assert.match(links.message!, new RegExp(`/articles/${draftSlug}`));
    assert.doesNotMatch(links.message!, new RegExp(liveSlug));
  });

  test('warnings: a title above 110 characters, an SEO title above 70, no chapô', async () => {
    const l = levels(
      await check({
        title: 'x'.repeat(111),
        seoTitle: 'y'.repeat(71),
        lead: '',
      }),
    );
    assert.equal(l['title'], 'warning');
    assert.equal(l['seoTitle'], 'warning');
    assert.equal(l['lead'], 'warning');
    assert.equal(
      levels(await check({ title: 'x'.repeat(110), seoTitle: 'y'.repeat(70) }))[
        'title'
      ],
      'ok',
      '110 is still fine',
    );
    assert.equal(
      levels(await check({ title: 'x'.repeat(80), seoTitle: '' }))['seoTitle'],
      'warning',
      'without an SEO title, the title stands for it',
    );
  });

  test('policy: an article the member may not see is a 404; bad input a 400 in JSON', async () => {
    const res = await contributor.postJson('/admin/verifications-publication', {
      articleId: String(othersDraftId),
      title: 'x',
    });
    assert.equal(res.statusCode, 404);
    const bad = await editor.postJson('/admin/verifications-publication', {
      title: 42,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'invalid_input');
  });

  test('publish: a broken internal link blocks, the message next to the text field', async () => {
    const a = await draft({ bodySource: 'Voir [ici](/articles/nulle-part).' });
    const res = await editor.post(`/admin/articles/${a.id}/publier`, {
      version: String(a.version),
      avertissementsVus: '1',
    });
    assert.equal(res.statusCode, 400);
    const $ = cheerio.load(res.body);
    assert.match($('#f-bodySource-error').text(), /\/articles\/nulle-part/);
    assert.equal((await findArticleById(t.ctx.db, a.id))!.status, 'draft');
  });

  test('publish and schedule: warnings need a confirmation; with it, the article goes online', async () => {
    for (const [segment, extra, to] of [
      ['publier', {}, 'published'],
      ['programmer', { at_day: '01/06/2030', at_time: '10:00' }, 'scheduled'],
    ] as const) {
      // Long titles that share nothing, so the duplicate guard stays out of it.
      const a = await draft({
        title: storyWords(n * 37 + 11, 22)
          .join(' ')
          .slice(0, 130),
      });
      const page = cheerio.load(
        (await editor.get(`/admin/articles/${a.id}`)).body,
      );
      assert.equal(
        page('#publish-checklist [data-check="title"]').attr('class'),
        'check check-warning',
        'the editor shows the checklist',
      );
      assert.equal(page('#editor-presence').length, 1);
      const refused = await editor.post(`/admin/articles/${a.id}/${segment}`, {
        version: String(a.version),
        ...extra,
      });
      assert.equal(refused.statusCode, 409, segment);
      assert.match(
        cheerio.load(refused.body)('#f-title-error').text(),
        /au-delà de 110/,
      );
      assert.equal((await findArticleById(t.ctx.db, a.id))!.status, 'draft');
      const confirmed = await editor.post(
        `/admin/articles/${a.id}/${segment}`,
        {
          version: String(a.version),
          avertissementsVus: '1',
          ...extra,
        },
      );
      assert.equal(confirmed.statusCode, 303, segment);
      assert.equal((await findArticleById(t.ctx.db, a.id))!.status, to);
    }
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
