import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';

/** Issue #12, item 11: the smaller defects a newsroom meets on its first day. */
describeEachDialect('small hardening', (getDb) => {
  let t: TestApp;
  let editor: Client;
  before(async () => {
    t = await buildTestApp(getDb());
    await buildSection(t.ctx, { slug: 'economie', name: 'Économie' });
    const e = await buildUser(t.ctx, 'editor');
    editor = new Client(t.app);
    await editor.signIn(e.email);
  });

  test('a 10 MB body is a 413 with a French page, or JSON for a script', async () => {
    const form = await editor.post(
      '/admin/articles',
      articleForm({ bodySource: 'x'.repeat(10 * 1024 * 1024) }),
    );
    assert.equal(form.statusCode, 413);
    assert.match(form.headers['content-type'] as string, /text\/html/);
    assert.match(form.body, /Envoi trop volumineux/);
    assert.match(form.body, /1 Mo au plus/);
    const json = await editor.postJson('/admin/apercu', {
      bodySource: 'x'.repeat(10 * 1024 * 1024),
    });
    assert.equal(json.statusCode, 413);
    assert.equal(
      (json.json() as { error: { code: string } }).error.code,
      'payload_too_large',
    );
  });

  test('an article text over the limit comes back in the editor, kept, with the limit', async () => {
    const typed = `Début du texte tapé. ${'Une phrase de plus. '.repeat(10_001)}Fin du texte tapé.`;
    assert.ok(typed.length > 200_000 && typed.length < 1_000_000);
    const res = await editor.post(
      '/admin/articles',
      articleForm({ title: 'Un très long texte', bodySource: typed }),
    );
    assert.equal(res.statusCode, 400);
    const $ = cheerio.load(res.body);
    assert.equal(
      $('textarea[name="bodySource"]').text(),
      typed,
      'every character typed is still in the form',
    );
    assert.equal($('input[name="title"]').attr('value'), 'Un très long texte');
    assert.match($('#f-bodySource-error').text(), /la limite est de 200\s000/);
  });

  test('?ok= and ?erreur= name only their own messages: constructor prints nothing', async () => {
    const article = await buildArticle(t.ctx, { status: 'draft' });
    for (const url of [
      `/admin/articles/${article.id}?ok=constructor`,
      `/admin/articles/${article.id}?erreur=constructor`,
      '/admin?ok=constructor',
      '/admin?ok=__proto__',
      `/admin/articles/${article.id}?ok=toString`,
    ]) {
      const res = await editor.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /function|native code|\[object/, url);
    }
    assert.match(
      (await editor.get(`/admin/articles/${article.id}?ok=enregistre`)).body,
      /Modifications enregistrées/,
    );
  });

  test('/favicon.ico is an icon, and both layouts link to it', async () => {
    const icon = await t.app.inject('/favicon.ico');
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/x-icon');
    assert.deepEqual(
      [...icon.rawPayload.subarray(0, 4)],
      [0, 0, 1, 0],
      'an ICO header',
    );
    for (const res of [await t.app.inject('/'), await editor.get('/admin')]) {
      assert.equal(
        cheerio.load(res.body)('link[rel="icon"]').attr('href'),
        '/favicon.ico',
      );
    }
  });

  test('each search landmark has its own label', async () => {
    for (const res of [
      await t.app.inject('/recherche?q=maroc'),
      await editor.get('/admin'),
    ]) {
      const labels = cheerio
        .load(res.body)('[role="search"]')
        .toArray()
        .map((el) => el.attribs['aria-label'] ?? '');
      assert.ok(
        labels.every((l) => l.length > 0),
        `labelled: ${labels.join(' | ')}`,
      );
      assert.equal(
        new Set(labels).size,
        labels.length,
        `distinct: ${labels.join(' | ')}`,
      );
    }
  });

  test('out-of-range search parameters fall back with a French notice; the API stays strict', async () => {
    const cases: [string, RegExp][] = [
      ['q=maroc&page=0', /numéro de page n’est pas valide/],
      ['q=maroc&page=abc', /numéro de page n’est pas valide/],
      ['q=maroc&page=51', /s’arrêtent à la page 50/],
      ['q=maroc&tri=popularite', /Ce tri n’existe pas/],
      ['q=maroc&rubrique=inconnue', /Cette rubrique n’existe pas/],
      ['q=maroc&du=2025-07-10&au=2025-07-01', /deux dates ont été inversées/],
      ['q=maroc&du=2025-02-30', /n’est pas une date valide/],
      ['q=a&q=b', /^/],
    ];
    for (const [qs, notice] of cases) {
      const page = await t.app.inject(`/recherche?${qs}`);
      assert.equal(page.statusCode, 200, qs);
      assert.match(
        cheerio.load(page.body)('.search-notices').text() || '',
        notice,
        qs,
      );
      const api = await t.app.inject(`/api/search?${qs}`);
      assert.equal(api.statusCode, 400, `/api/search?${qs}`);
    }
    const swapped = cheerio.load(
      (await t.app.inject('/recherche?q=maroc&du=2025-07-10&au=2025-07-01'))
        .body,
    );
    assert.equal(swapped('#search-from').attr('value'), '2025-07-01');
    assert.equal(swapped('#search-to').attr('value'), '2025-07-10');
    const known = cheerio.load(
      (await t.app.inject('/recherche?q=maroc&rubrique=economie')).body,
    );
    assert.equal(
      known('.search-notices').length,
      0,
      'a known section: no notice',
    );
  });
});
