import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { listNotifications } from '../../src/db/repos/notifications.ts';

/**
 * Newsroom comments on an article (issue 16 item 8): posted beside the editor by whoever may
 * read the article; an `@login` mention notifies that member, nobody else, and never a member
 * who may not see the article; the text is shown escaped; only its author deletes a comment.
 */
describeEachDialect('article comments and mentions', (getDb) => {
  let t: TestApp;
  let journalist: Client;
  let editor: Client;
  let contributor: Client;
  let ids: {
    journalist: number;
    editor: number;
    other: number;
    contributor: number;
  };
  let articleId: number;

  const comment = async (c: Client, texte: string, accept?: string) =>
    c.post(
      `/admin/articles/${articleId}/commentaires`,
      { texte },
      {
        csrf: await c.csrf('/admin'),
        ...(accept ? { headers: { accept } } : {}),
      },
    );
  const kinds = async (userId: number) =>
    (await listNotifications(t.ctx.db, userId, 50)).map((n) => n.kind);
  const thread = async (c: Client) => {
    const res = await c.get(`/admin/articles/${articleId}`);
    assert.equal(res.statusCode, 200);
    return cheerio.load(res.body)('#commentaires');
  };

  test('setup: a journalist, an editor, another journalist, a contributor', async () => {
    t = await buildTestApp(getDb());
    const sectionId = (
      await buildSection(t.ctx, { slug: 'maroc', name: 'Maroc' })
    ).id;
    const j = await buildUser(t.ctx, 'journalist', {
      name: 'Samira Alaoui',
      email: 'samira.alaoui@redaction.example',
    });
    const e = await buildUser(t.ctx, 'editor', {
      name: 'Karim Bennani',
      email: 'karim.bennani@redaction.example',
    });
    const o = await buildUser(t.ctx, 'journalist', {
      name: 'Nadia Idrissi',
      email: 'nadia@redaction.example',
    });
    const c = await buildUser(t.ctx, 'contributor', {
      name: 'Youssef Pigiste',
      email: 'youssef@redaction.example',
    });
    ids = { journalist: j.id, editor: e.id, other: o.id, contributor: c.id };
    journalist = new Client(t.app);
    editor = new Client(t.app);
    contributor = new Client(t.app);
    assert.equal((await journalist.signIn(j.email)).statusCode, 303);
    assert.equal((await editor.signIn(e.email)).statusCode, 303);
    assert.equal((await contributor.signIn(c.email)).statusCode, 303);
    // Someone else's draft: the contributor may not see it.
    articleId = (await buildArticle(t.ctx, { status: 'draft', sectionId })).id;
  });

  test('a mention notifies the member mentioned, not the others, not one who cannot see the article', async () => {
    const res = await comment(
      journalist,
      'Le chiffre du 2e paragraphe, @karim.bennani ? Et @youssef aussi.',
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(
      res.headers['location'],
      `/admin/articles/${articleId}#commentaires`,
    );
    assert.deepEqual(await kinds(ids.editor), ['mentioned']);
    assert.deepEqual(await kinds(ids.other), [], 'not mentioned');
    assert.deepEqual(await kinds(ids.journalist), [], 'not the author');
    assert.deepEqual(await kinds(ids.contributor), [], 'may not see it');

    const $ = cheerio.load((await editor.get('/admin/notifications')).body);
    assert.match(
      $('.notification.unread').first().text(),
      /Samira Alaoui vous a mentionné dans un commentaire sur « /,
    );
    assert.match($('.notification q').first().text(), /Le chiffre du 2e/);
    assert.equal(
      $('.notification a').first().attr('href'),
      `/admin/articles/${articleId}`,
    );
  });

  test('the thread shows the comment, the mention set apart, to the newsroom', async () => {
    const $thread = await thread(editor);
    const items = $thread.find('li.comment');
    assert.equal(items.length, 1);
    assert.match(items.text(), /Samira Alaoui/);
    assert.deepEqual(
      items
        .find('strong.mention')
        .map((_, el) => cheerio.load(el).text())
        .get(),
      ['@karim.bennani', '@youssef'],
    );
    // The author may delete it; the editor only resolve it.
    assert.equal(items.find('form[action$="/supprimer"]').length, 0);
    assert.equal(items.find('form[action$="/resoudre"]').length, 1);
    assert.equal(
      (await thread(journalist)).find('form[action$="/supprimer"]').length,
      1,
    );
  });

  test('hostile text is shown as text, never as markup', async () => {
    const payload =
      '<script>alert(1)</script><img src=x onerror=alert(2)> "@nadia" & co';
    const res = await comment(editor, payload, 'application/json');
    assert.equal(res.statusCode, 200);
    const fragment = (res.json() as { html: string }).html;
    const page = (await journalist.get(`/admin/articles/${articleId}`)).body;
    for (const html of [fragment, page]) {
      assert.doesNotMatch(html, /<script>alert|<img src=x/);
      const $ = cheerio.load(html);
      assert.equal($('li.comment').length, 2);
      assert.equal($('li.comment img, li.comment script').length, 0);
      assert.equal($('li.comment .comment-text').last().text(), payload);
    }
    assert.deepEqual(await kinds(ids.other), ['mentioned'], '@nadia');
  });

  test('empty, too long, or on an article one may not see: a clear refusal', async () => {
    const empty = await comment(journalist, '   ', 'application/json');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Écrivez votre commentaire/);
    const long = await comment(journalist, 'a'.repeat(2_001));
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /2\s000 caractères au plus/);
    const hidden = await comment(contributor, 'Bonjour @karim.bennani');
    assert.equal(hidden.statusCode, 404);
    assert.equal((await thread(editor)).find('li.comment').length, 2);
    assert.deepEqual(await kinds(ids.editor), ['mentioned'], 'no new mention');
    const noCsrf = await journalist.post(
      `/admin/articles/${articleId}/commentaires`,
      { texte: 'Sans jeton' },
      { csrf: false },
    );
    assert.equal(noCsrf.statusCode, 403);
  });

  test('resolve, then delete: anyone who reads resolves, only the author deletes', async () => {
    const $ = await thread(journalist);
    const firstId = /commentaire-(\d+)/.exec(
      $.find('li.comment').first().attr('id') ?? '',
    )![1];
    const base = `/admin/articles/${articleId}/commentaires/${firstId}`;
    const notMine = await editor.post(
      `${base}/supprimer`,
      {},
      {
        csrf: await editor.csrf('/admin'),
      },
    );
    assert.equal(notMine.statusCode, 403);
    const resolved = await editor.post(
      `${base}/resoudre`,
      {},
      {
        csrf: await editor.csrf('/admin'),
      },
    );
    assert.equal(resolved.statusCode, 303);
    const after = await thread(journalist);
    assert.match(
      after.find('li.comment-resolved').text(),
      /Résolu par Karim Bennani/,
    );
    const deleted = await journalist.post(
      `${base}/supprimer`,
      {},
      {
        csrf: await journalist.csrf('/admin'),
      },
    );
    assert.equal(deleted.statusCode, 303);
    assert.equal((await thread(editor)).find('li.comment').length, 1);
  });

  test('the « @ » list finds members by name or login', async () => {
    const byName = await journalist.get('/admin/membres/mentions?q=benn');
    assert.equal(byName.statusCode, 200);
    assert.deepEqual((byName.json() as { members: unknown[] }).members, [
      { name: 'Karim Bennani', handle: 'karim.bennani' },
    ]);
    const byLogin = await journalist.get('/admin/membres/mentions?q=@nad');
    assert.deepEqual(
      (byLogin.json() as { members: { handle: string }[] }).members.map(
        (m) => m.handle,
      ),
      ['nadia'],
    );
    const tooLong = await journalist.get(
      `/admin/membres/mentions?q=${'x'.repeat(100)}`,
    );
    assert.equal(tooLong.statusCode, 400);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
