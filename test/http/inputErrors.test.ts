import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { buildUser, Client, PASSWORD } from '../support/newsroom.ts';

/**
 * Input that used to reach the database or a header as sent, and came back as a 500: each is
 * now a clear 4xx, in French for people.
 */
describeEachDialect('hostile input is a 4xx', (getDb) => {
  let t: TestApp;
  let admin: Client;
  let adminEmail: string;

  test('setup', async () => {
    t = await buildTestApp(getDb());
    const section = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    const author = await buildAuthor(t.ctx, { slug: 'karim', name: 'Karim' });
    const tag = await buildTag(t.ctx, { slug: 'botola', name: 'Botola' });
    await buildArticle(t.ctx, {
      slug: 'ab',
      title: 'Un article à l’adresse ab',
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
    });
    const u = await buildUser(t.ctx, 'admin');
    adminEmail = u.email;
    admin = new Client(t.app);
    assert.equal((await admin.signIn(u.email)).statusCode, 303);
  });

  test('a `next` with CR, LF or U+2028 is dropped: on the form and in the redirect', async () => {
    for (const next of [
      '/admin\r\nSet-Cookie: x=1',
      '/admin\u2028x',
      '/admin/\nx',
      '//evil.example/admin',
      '/admin\\..\\x',
      'https://evil.example/admin',
      '/admin/\u00e9t\u00e9',
    ]) {
      const page = await t.app.inject(
        `/admin/connexion?next=${encodeURIComponent(next)}`,
      );
      assert.equal(page.statusCode, 200, JSON.stringify(next));
      assert.equal(
        cheerio.load(page.body)('input[name="next"]').attr('value'),
        '/admin',
        `the form carries no ${JSON.stringify(next)}`,
      );

      const visitor = new Client(t.app);
      const wrong = await visitor.post(
        '/admin/connexion',
        { email: adminEmail, password: 'pas le bon', next },
        { csrf: await visitor.csrf('/admin/connexion') },
      );
      assert.equal(wrong.statusCode, 401, JSON.stringify(next));
      const right = await visitor.post(
        '/admin/connexion',
        { email: adminEmail, password: PASSWORD, next },
        { csrf: await visitor.csrf('/admin/connexion') },
      );
      assert.equal(
        right.statusCode,
        303,
        `${JSON.stringify(next)}: ${right.body.slice(0, 200)}`,
      );
      assert.equal(right.headers.location, '/admin');
    }
    const visitor = new Client(t.app);
    const kept = await visitor.post(
      '/admin/connexion',
      {
        email: adminEmail,
        password: PASSWORD,
        next: '/admin/articles/nouveau?x=1',
      },
      { csrf: await visitor.csrf('/admin/connexion') },
    );
    assert.equal(
      kept.headers.location,
      '/admin/articles/nouveau?x=1',
      'a good next is kept',
    );
  });

  test('a NUL in a path segment is a 404, on PostgreSQL as on SQLite', async () => {
    for (const url of [
      '/articles/a%00b',
      '/rubrique/%00',
      '/sujet/x%00y',
      '/auteur/x%00/feed.xml',
      '/rubrique/sport%00/feed.xml',
      '/sitemaps/articles-2025%0007.xml',
      '/articles/%00',
    ]) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 404, `${url}: ${res.body.slice(0, 200)}`);
    }
  });

  test('an id beyond the 32-bit range names nothing: 404, not a database error', async () => {
    const csrf = await admin.csrf('/admin');
    for (const url of [
      '/admin/utilisateurs/99999999999/role',
      '/admin/utilisateurs/99999999999/desactiver',
      '/admin/utilisateurs/2147483648/reinitialiser',
      '/admin/articles/99999999999/publier',
      '/admin/articles/99999999999/revisions/99999999999/restaurer',
    ]) {
      const res = await admin.post(
        url,
        { role: 'editor', version: '1' },
        { csrf },
      );
      assert.equal(res.statusCode, 404, `${url}: ${res.body.slice(0, 200)}`);
    }
    for (const url of [
      '/admin/articles/99999999999',
      '/admin/articles/99999999999/revisions',
    ])
      assert.equal((await admin.get(url)).statusCode, 404, url);
    assert.equal(
      (await admin.get('/admin/journal?avant=99999999999')).statusCode,
      200,
      'an out-of-range cursor is ignored',
    );
    assert.equal(
      (await admin.get('/admin?rubrique=99999999999&auteur=99999999999'))
        .statusCode,
      200,
      'out-of-range filters are ignored',
    );
  });

  test('an unknown section when inviting or changing a member is a French form error', async () => {
    const invite = await admin.post('/admin/utilisateurs', {
      email: 'nouvelle@redaction.example',
      displayName: 'Nouvelle',
      role: 'editor',
      sectionIds: '999999',
    });
    assert.equal(invite.statusCode, 400, invite.body.slice(0, 200));
    assert.match(
      cheerio.load(invite.body)('#f-sectionIds-error').text(),
      /rubriques choisies n’existe pas/,
    );
    assert.equal(
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'nouvelle@redaction.example')
        .executeTakeFirst(),
      undefined,
      'nothing half-created',
    );
    const malformed = await admin.post('/admin/utilisateurs', {
      email: 'autre@redaction.example',
      displayName: 'Autre',
      role: 'editor',
      sectionIds: ['abc', '1'],
    });
    assert.equal(malformed.statusCode, 400);
    assert.match(
      cheerio.load(malformed.body)('#f-sectionIds-error').text(),
      /Choisissez des rubriques dans la liste/,
    );

    const member = await buildUser(t.ctx, 'journalist');
    const change = await admin.post(`/admin/utilisateurs/${member.id}/role`, {
      role: 'editor',
      sectionIds: '999999',
    });
    assert.equal(change.statusCode, 400, change.body.slice(0, 200));
    assert.match(
      cheerio.load(change.body)('[role="alert"]').text(),
      /rubriques choisies n’existe pas/,
    );
    const unchanged = await t.ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    assert.equal(
      unchanged.role,
      'journalist',
      'the role did not change either',
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
