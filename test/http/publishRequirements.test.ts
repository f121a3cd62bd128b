import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection, storyWords } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';

/**
 * A draft may lack a section or a byline; what goes online may not. A malformed id is the field's
 * error, never a silent "none".
 */
describeEachDialect('publishing requires a section and an author', (getDb) => {
  let t: TestApp;
  let editor: Client;
  let authorId: number;
  let sectionId: number;
  let drafts = 0;

  const idOf = (res: { headers: Record<string, unknown> }) =>
    Number(
      /\/admin\/articles\/(\d+)/.exec(String(res.headers['location']))![1],
    );
  const fieldError = (body: string, name: string) =>
    cheerio.load(body)(`#f-${name}-error`).text();
  const draft = async (fields: Record<string, string>) => {
    const n = ++drafts; // each its own story, so the duplicate guard leaves them alone
    const res = await editor.post(
      '/admin/articles',
      articleForm({
        title: `Brouillon ${storyWords(n, 3).join(' ')}`,
        lead: storyWords(n + 50, 6).join(' '),
        bodySource: storyWords(n + 99, 12).join(' '),
        ...fields,
      }),
    );
    assert.equal(res.statusCode, 303, 'a draft without them is still saved');
    return (await findArticleById(t.ctx.db, idOf(res)))!;
  };

  test('setup', async () => {
    t = await buildTestApp(getDb());
    sectionId = (await buildSection(t.ctx, { slug: 'maroc', name: 'Maroc' }))
      .id;
    const u = await buildUser(t.ctx, 'editor');
    authorId = u.authorId;
    editor = new Client(t.app);
    assert.equal((await editor.signIn(u.email)).statusCode, 303);
  });

  test('publishing or scheduling without a section is refused, with the message next to the field', async () => {
    for (const [segment, extra] of [
      ['publier', {}],
      ['programmer', { at: '2030-01-01T10:00' }],
    ] as const) {
      const a = await draft({ author1: String(authorId) });
      const res = await editor.post(`/admin/articles/${a.id}/${segment}`, {
        version: String(a.version),
        ...extra,
      });
      assert.equal(res.statusCode, 400, segment);
      assert.match(
        fieldError(res.body, 'sectionId'),
        /Choisissez une rubrique/,
      );
      assert.equal(
        (await findArticleById(t.ctx.db, a.id))!.status,
        'draft',
        'nothing went online',
      );
    }
  });

  test('publishing or scheduling without an author is refused, with the message next to the field', async () => {
    for (const [segment, extra] of [
      ['publier', {}],
      ['programmer', { at: '2030-01-01T10:00' }],
    ] as const) {
      const a = await draft({ sectionId: String(sectionId), author1: '' });
      const res = await editor.post(`/admin/articles/${a.id}/${segment}`, {
        version: String(a.version),
        ...extra,
      });
      assert.equal(res.statusCode, 400, segment);
      assert.match(fieldError(res.body, 'author1'), /au moins un auteur/);
      assert.equal((await findArticleById(t.ctx.db, a.id))!.status, 'draft');
    }
  });

  test('with both it goes online; a published article cannot then lose them', async () => {
    const a = await draft({
      sectionId: String(sectionId),
      author1: String(authorId),
    });
    const put = await editor.post(`/admin/articles/${a.id}/publier`, {
      version: String(a.version),
    });
    assert.equal(
      put.statusCode,
      303,
      cheerio.load(put.body)('[role="alert"]').text(),
    );
    const published = (await findArticleById(t.ctx.db, a.id))!;
    assert.equal(published.status, 'published');
    const stripped = await editor.post(
      `/admin/articles/${a.id}`,
      articleForm({
        title: published.title,
        sectionId: '',
        author1: '',
        version: String(published.version),
      }),
    );
    assert.equal(stripped.statusCode, 400);
    assert.match(
      fieldError(stripped.body, 'sectionId'),
      /Choisissez une rubrique/,
    );
    assert.match(fieldError(stripped.body, 'author1'), /au moins un auteur/);
    assert.equal(
      (await findArticleById(t.ctx.db, a.id))!.sectionId,
      sectionId,
      'still in its section',
    );
  });

  test('a malformed section or author id is a 400 naming the field, and keeps what was typed', async () => {
    for (const [field, value, message] of [
      ['sectionId', 'abc', /rubrique dans la liste/],
      ['sectionId', '99999999999', /rubrique dans la liste/],
      ['author1', 'x1', /auteur dans la liste/],
      ['author2', '-3', /auteur dans la liste/],
    ] as const) {
      const res = await editor.post(
        '/admin/articles',
        articleForm({
          title: 'Titre gardé',
          bodySource: 'Un texte tapé à la main.',
          [field]: value,
        }),
      );
      assert.equal(res.statusCode, 400, `${field}=${value}`);
      assert.match(fieldError(res.body, field), message, `${field}=${value}`);
      const $ = cheerio.load(res.body);
      assert.equal($('#f-title').attr('value'), 'Titre gardé');
      assert.equal($('#f-bodySource').text(), 'Un texte tapé à la main.');
    }
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
