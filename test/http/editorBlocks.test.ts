import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';

const articleIdFrom = (location: string | undefined) =>
  Number(/\/admin\/articles\/(\d+)/.exec(location ?? '')![1]);

const RAW = '```html\n<p>Un <sup>2</sup><script>alert(1)</script></p>\n```';

/**
 * The editor's server side: raw HTML blocks are the editors' alone (and sanitised), « Lire
 * aussi » resolves the article's address at save, embeds are facades, the « Lire aussi »
 * search answers within the member's scope, and the reader's preview draws unsaved fields.
 */
describeEachDialect('editor blocks and preview', (getDb) => {
  let t: TestApp;
  let journalist: Awaited<ReturnType<typeof buildUser>>;
  let editor: Awaited<ReturnType<typeof buildUser>>;
  let section: { id: number };

  test('setup', async () => {
    t = await buildTestApp(getDb());
    journalist = await buildUser(t.ctx, 'journalist');
    editor = await buildUser(t.ctx, 'editor');
    section = await buildSection(t.ctx, { slug: 'economie', name: 'Économie' });
  });

  test('a journalist may not add a raw HTML block; an editor may, sanitised; the journalist keeps it while editing', async () => {
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    const refused = await j.post(
      '/admin/articles',
      articleForm({ title: 'Avec du HTML', bodySource: `Texte.\n\n${RAW}` }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /Seuls les éditeurs peuvent ajouter ou modifier un bloc HTML/,
    );

    const e = new Client(t.app);
    await e.signIn(editor.email);
    const created = await e.post(
      '/admin/articles',
      articleForm({
        title: 'Un tableau de chiffres',
        bodySource: `Texte.\n\n${RAW}`,
        sectionId: String(section.id),
        author1: String(journalist.authorId),
      }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    assert.equal(created.statusCode, 303);
    const id = articleIdFrom(created.headers.location as string);
    const stored = (await findArticleById(t.ctx.db, id))!;
    assert.match(stored.bodyHtml, /<p>Un <sup>2<\/sup><\/p>/);
    assert.doesNotMatch(stored.bodyHtml, /script/);

    // The journalist edits the text around the editor's block: accepted.
    const page = await j.get(`/admin/articles/${id}`);
    const version = cheerio
      .load(page.body)('input[name="version"]')
      .first()
      .val();
    const edited = await j.post(
      `/admin/articles/${id}`,
      articleForm({
        title: 'Un tableau de chiffres',
        bodySource: `Texte revu.\n\n${RAW}`,
        sectionId: String(section.id),
        author1: String(journalist.authorId),
        version: String(version),
      }),
      { csrf: await j.csrf(`/admin/articles/${id}`) },
    );
    assert.equal(edited.statusCode, 303, edited.body.slice(0, 300));
    assert.match(
      (await findArticleById(t.ctx.db, id))!.bodySource,
      /Texte revu/,
    );
  });

  test('« Lire aussi » takes the article’s current address; embeds are facades; the search finds by title', async () => {
    const e = new Client(t.app);
    await e.signIn(editor.email);
    const target = await e.post(
      '/admin/articles',
      articleForm({ title: 'La Bourse de Casablanca termine en hausse' }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    const targetId = articleIdFrom(target.headers.location as string);
    const found = await e.get('/admin/articles.json?q=Bourse');
    assert.equal(found.statusCode, 200);
    assert.ok(
      (found.json() as { items: { id: number }[] }).items.some(
        (i) => i.id === targetId,
      ),
    );
    assert.equal((await e.get('/admin/articles.json?q=')).statusCode, 200);
    const created = await e.post(
      '/admin/articles',
      articleForm({
        title: 'Avec des liens',
        bodySource: `Texte.\n\n[Lire aussi : la Bourse](article:${targetId})\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ`,
      }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    const stored = (await findArticleById(
      t.ctx.db,
      articleIdFrom(created.headers.location as string),
    ))!;
    const target2 = (await findArticleById(t.ctx.db, targetId))!;
    assert.match(
      stored.bodyHtml,
      new RegExp(
        `<aside class="read-also">.*href="/articles/${target2.slug}">La Bourse de Casablanca termine en hausse</a>`,
      ),
    );
    assert.match(stored.bodyHtml, /<figure class="embed embed-youtube"/);
    assert.doesNotMatch(stored.bodyHtml, /<iframe/);
  });

  test('the reader’s preview draws the unsaved fields in the public layout, never cached', async () => {
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    const res = await j.post(
      '/admin/apercu/page',
      articleForm({
        title: 'Un titre pas encore enregistré',
        lead: 'Un chapô de l’aperçu.',
        bodySource:
          'Texte.\n\n## Un intertitre\n\nhttps://x.com/redaction/status/123',
        sectionId: String(section.id),
        author1: String(journalist.authorId),
      }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const $ = cheerio.load(res.body);
    assert.equal(
      $('h1#article-title').text(),
      'Un titre pas encore enregistré',
    );
    assert.equal($('.article-header .chapo').text(), 'Un chapô de l’aperçu.');
    assert.equal($('.breadcrumb a').last().text(), 'Économie');
    assert.equal($('figure.embed-x').length, 1);
    assert.equal($('meta[name="robots"]').attr('content'), 'noindex');
    assert.equal(
      $('.search-snippet .snippet-title').text(),
      'Un titre pas encore enregistré',
    );
    assert.equal($('script[src^="/assets/embeds.js"]').length, 1);

    const bad = await j.post('/admin/apercu/page', articleForm({ title: '' }), {
      csrf: await j.csrf('/admin/articles/nouveau'),
    });
    assert.equal(bad.statusCode, 400, 'a French message, not a 5xx');
    const anonymous = new Client(t.app);
    assert.notEqual(
      (
        await anonymous.post('/admin/apercu/page', articleForm(), {
          csrf: false,
        })
      ).statusCode,
      200,
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
