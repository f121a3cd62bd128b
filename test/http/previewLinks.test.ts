import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { listEventsAfter, maxEventId } from '../../src/db/repos/events.ts';
import { PREVIEW_LINK_TTL_MS } from '../../src/commands/previewLinks.ts';
import { hashToken } from '../../src/auth/tokens.ts';

/**
 * Private preview links (issue #16, item 6): made from the editor by whoever may edit the
 * article, opened without an account, drawn as the preview draws it, never cached or indexed;
 * expired, revoked and unknown links answer with a French page.
 */
describeEachDialect('private preview links', (getDb) => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof buildUser>>;
  let other: Awaited<ReturnType<typeof buildUser>>;
  let articleId: number;

  /** Makes a link as `client` and returns its URL, read from the editor page it answers with. */
  async function createLink(client: Client): Promise<string> {
    const res = await client.post(
      `/admin/articles/${articleId}/liens-apercu`,
      {},
      { csrf: await client.csrf(`/admin/articles/${articleId}`) },
    );
    assert.equal(res.statusCode, 200, res.body);
    const url = cheerio.load(res.body)('input.preview-link-url').val();
    assert.equal(typeof url, 'string');
    return String(url);
  }

  test('setup', async () => {
    t = await buildTestApp(getDb());
    owner = await buildUser(t.ctx, 'journalist');
    other = await buildUser(t.ctx, 'journalist');
    const section = await buildSection(t.ctx, {
      slug: 'culture-apercu',
      name: 'Culture',
    });
    ({ id: articleId } = await buildArticle(t.ctx, {
      status: 'draft',
      title: 'Le festival des musiques sahariennes revient à Mhamid',
      lead: 'Trois jours de concerts au bord du désert.',
      bodySource:
        'Les groupes arrivent de tout le Sahel.\n\n## Le programme\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ',
      sectionId: section.id,
      authorIds: [owner.authorId!],
    }));
  });

  test('the author makes a link; anyone opens it without a session, as the preview draws it', async () => {
    const c = new Client(t.app);
    await c.signIn(owner.email);
    const before = await maxEventId(t.ctx.db);
    const url = await createLink(c);
    const { pathname } = new URL(url);
    assert.match(pathname, /^\/apercu\/[A-Za-z0-9_-]{43}$/);
    const token = pathname.split('/')[2]!;
    // Only the hash is stored, never the token itself.
    const rows = await t.ctx.db
      .selectFrom('preview_links')
      .selectAll()
      .where('article_id', '=', articleId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, hashToken(token));
    assert.ok(!JSON.stringify(rows).includes(token));
    const events = await listEventsAfter(t.ctx.db, before);
    assert.deepEqual(
      events.map((e) => e.name),
      ['preview_links.create'],
    );

    const res = await t.app.inject({ method: 'GET', url: pathname });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.equal(res.headers['x-robots-tag'], 'noindex');
    assert.equal(res.headers['set-cookie'], undefined);
    const $ = cheerio.load(res.body);
    assert.equal(
      $('meta[name="robots"]').attr('content')?.includes('noindex'),
      true,
    );
    assert.match($('h1').text(), /Le festival des musiques sahariennes/);
    assert.match(res.body, /Trois jours de concerts/);
    assert.equal(
      $('article h2').filter((_, h) => $(h).text() === 'Le programme').length,
      1,
    );
    assert.equal($('figure.embed').length, 1, 'the embed as a facade');
    assert.equal($('iframe').length, 0);
    assert.match($('.preview-banner').text(), /Aperçu privé/);
    // The editor lists the link as active.
    const editor = cheerio.load(
      (await c.get(`/admin/articles/${articleId}`)).body,
    );
    assert.equal(editor('.preview-link-list li').length, 1);
    // The same article through the public address is still not there: a draft.
    const slug = (
      await t.ctx.db
        .selectFrom('articles')
        .select('slug')
        .where('id', '=', articleId)
        .executeTakeFirstOrThrow()
    ).slug;
    const pub = await t.app.inject({ method: 'GET', url: `/articles/${slug}` });
    assert.notEqual(pub.statusCode, 200);
  });

  test('a link expires after 48 hours (the test clock), with a French 410 page', async () => {
    const c = new Client(t.app);
    await c.signIn(owner.email);
    const { pathname } = new URL(await createLink(c));
    t.clock.advance(PREVIEW_LINK_TTL_MS - 60_000);
    assert.equal((await t.app.inject({ url: pathname })).statusCode, 200);
    t.clock.advance(120_000);
    const gone = await t.app.inject({ url: pathname });
    assert.equal(gone.statusCode, 410);
    assert.equal(gone.headers['cache-control'], 'private, no-store');
    assert.match(gone.body, /Ce lien d’aperçu a expiré ou a été révoqué/);
    assert.doesNotMatch(gone.body, /musiques sahariennes/);
  });

  test('a revoked link stops at once; an unknown one is a French 404', async () => {
    const c = new Client(t.app);
    await c.signIn(owner.email);
    const { pathname } = new URL(await createLink(c));
    assert.equal((await t.app.inject({ url: pathname })).statusCode, 200);
    const page = cheerio.load(
      (await c.get(`/admin/articles/${articleId}`)).body,
    );
    const action = page('.preview-link-list form').first().attr('action');
    assert.match(action ?? '', /\/liens-apercu\/\d+\/revoquer$/);
    const revoked = await c.post(
      action!,
      {},
      {
        csrf: await c.csrf(`/admin/articles/${articleId}`),
      },
    );
    assert.equal(revoked.statusCode, 303);
    const after = cheerio.load(
      (await c.get(revoked.headers.location as string)).body,
    );
    assert.match(after.text(), /Lien d’aperçu révoqué/);
    assert.equal(after('.preview-link-list li').length, 0);
    const gone = await t.app.inject({ url: pathname });
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /révoqué/);
    // Revoking twice names nothing left to revoke.
    const again = await c.post(
      action!,
      {},
      {
        csrf: await c.csrf(`/admin/articles/${articleId}`),
      },
    );
    assert.equal(again.statusCode, 404);

    for (const url of [
      `/apercu/${'A'.repeat(43)}`,
      '/apercu/court',
      `/apercu/${'%3Cscript%3E'.repeat(4)}`,
    ]) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.match(res.body, /Ce lien d’aperçu n’existe pas/);
    }
  });

  test('someone who may not edit the article cannot make or revoke a link', async () => {
    const c = new Client(t.app);
    await c.signIn(other.email);
    const before = await maxEventId(t.ctx.db);
    const res = await c.post(
      `/admin/articles/${articleId}/liens-apercu`,
      {},
      { csrf: await c.csrf('/admin') },
    );
    assert.ok(
      res.statusCode === 403 || res.statusCode === 404,
      String(res.statusCode),
    );
    const revoke = await c.post(
      `/admin/articles/${articleId}/liens-apercu/1/revoquer`,
      {},
      { csrf: await c.csrf('/admin') },
    );
    assert.ok(revoke.statusCode === 403 || revoke.statusCode === 404);
    assert.equal((await listEventsAfter(t.ctx.db, before)).length, 0);
    // Without a session, nothing is made either.
    const anon = await t.app.inject({
      method: 'POST',
      url: `/admin/articles/${articleId}/liens-apercu`,
    });
    assert.ok(anon.statusCode >= 400 && anon.statusCode < 500);
    assert.equal(
      (await t.ctx.db.selectFrom('preview_links').select('id').execute())
        .length,
      3,
    );
  });
});
