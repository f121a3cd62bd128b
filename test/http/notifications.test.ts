import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection, storyWords } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';

/**
 * In-app notifications (issue 16 item 8), written by a bus processor: a submission tells the
 * editors, a return (with its note) and a publication tell the article's creator, never the
 * member who acted; the header counts the unread ones and the page marks them read.
 */
describeEachDialect('newsroom notifications', (getDb) => {
  let t: TestApp;
  let journalist: Client;
  let editor: Client;
  let otherJournalist: Client;
  let articleId: number;

  const verb = async (c: Client, segment: string, extra = {}) => {
    const version = String(
      (await findArticleById(t.ctx.db, articleId))!.version,
    );
    return c.post(
      `/admin/articles/${articleId}/${segment}`,
      { version, ...extra },
      { csrf: await c.csrf(`/admin/articles/${articleId}`) },
    );
  };
  const headerCount = async (c: Client) => {
    const $ = cheerio.load((await c.get('/admin')).body);
    assert.equal($('a.notifications-link').length, 1, 'link in the header');
    const n = $('.notifications-count').text();
    return n === '' ? 0 : Number(n);
  };
  const page = async (c: Client) => {
    const res = await c.get('/admin/notifications');
    assert.equal(res.statusCode, 200);
    return cheerio.load(res.body);
  };

  test('setup: a journalist writes an article', async () => {
    t = await buildTestApp(getDb());
    const sectionId = (
      await buildSection(t.ctx, { slug: 'maroc', name: 'Maroc' })
    ).id;
    const j = await buildUser(t.ctx, 'journalist', { name: 'Samira' });
    const e = await buildUser(t.ctx, 'editor', { name: 'Karim' });
    const o = await buildUser(t.ctx, 'journalist', { name: 'Nadia' });
    journalist = new Client(t.app);
    editor = new Client(t.app);
    otherJournalist = new Client(t.app);
    assert.equal((await journalist.signIn(j.email)).statusCode, 303);
    assert.equal((await editor.signIn(e.email)).statusCode, 303);
    assert.equal((await otherJournalist.signIn(o.email)).statusCode, 303);
    const res = await journalist.post(
      '/admin/articles',
      articleForm({
        title: `Le port ${storyWords(901, 4).join(' ')}`,
        lead: storyWords(902, 8).join(' '),
        bodySource: storyWords(903, 40).join(' '),
        sectionId: String(sectionId),
        author1: String(j.authorId),
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    articleId = Number(
      /\/admin\/articles\/(\d+)/.exec(String(res.headers['location']))![1],
    );
    assert.equal(await headerCount(editor), 0);
  });

  test('a submission tells the editors, not the journalist who sent it', async () => {
    assert.equal((await verb(journalist, 'soumettre')).statusCode, 303);
    assert.equal(await headerCount(editor), 1);
    assert.equal(await headerCount(journalist), 0);
    assert.equal(await headerCount(otherJournalist), 0);
    const $ = await page(editor);
    assert.match(
      $('.notification.unread').text(),
      /Samira a envoyé en relecture « Le port/,
    );
    assert.equal(
      $('.notification a').attr('href'),
      `/admin/articles/${articleId}`,
    );
  });

  test('a return with its note, then a publication, tell the creator', async () => {
    const note = 'Vérifier le chiffre du deuxième paragraphe.';
    assert.equal((await verb(editor, 'renvoyer', { note })).statusCode, 303);
    assert.equal(await headerCount(journalist), 1);
    let $ = await page(journalist);
    assert.match(
      $('.notification').first().text(),
      /Karim a renvoyé à son auteur/,
    );
    assert.equal($('.notification q').first().text(), note);

    assert.equal((await verb(journalist, 'soumettre')).statusCode, 303);
    const published = await verb(editor, 'publier', {
      avertissementsVus: '1',
      publierQuandMeme: '1',
    });
    assert.equal(published.statusCode, 303, published.body.slice(0, 300));
    assert.equal(
      (await findArticleById(t.ctx.db, articleId))!.status,
      'published',
    );
    assert.equal(await headerCount(journalist), 2);
    $ = await page(journalist);
    assert.match($('.notification').first().text(), /Karim a publié/);
  });

  test('marking read clears the count, for that member only', async () => {
    const csrf = await journalist.csrf('/admin/notifications');
    const res = await journalist.post(
      '/admin/notifications/lues',
      {},
      { csrf },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(await headerCount(journalist), 0);
    const $ = await page(journalist);
    assert.equal($('.notification').length, 2, 'read ones stay listed');
    assert.equal($('.notification.unread').length, 0);
    assert.equal(await headerCount(editor), 2, 'second submission too');
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
