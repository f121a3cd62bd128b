import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';

const PRIVATE = 'private, no-store';

/** The back office is never kept by a shared cache, and answers errors in its own frame. */
describeEachDialect(
  'back-office responses: private, with their own error pages',
  (getDb) => {
    let t: TestApp;
    let journalist: Client;
    before(async () => {
      t = await buildTestApp(getDb());
      const j = await buildUser(t.ctx, 'journalist');
      journalist = new Client(t.app);
      await journalist.signIn(j.email);
    });

    const adminFrame = (body: string) => {
      const $ = cheerio.load(body);
      assert.equal($('.admin-header').length, 1, 'the back-office header');
      assert.equal($('.site-footer').length, 0, 'not the public footer');
      return $;
    };

    test('403: « Accès refusé », private', async () => {
      const res = await journalist.get('/admin/utilisateurs');
      assert.equal(res.statusCode, 403);
      assert.equal(res.headers['cache-control'], PRIVATE);
      assert.equal(res.headers['surrogate-key'], undefined);
      const $ = adminFrame(res.body);
      assert.equal($('h1').text().trim(), 'Accès refusé');
      assert.doesNotMatch(res.body, /Requête invalide/);
      assert.equal(
        $('a[href="/admin"]').length > 0,
        true,
        'a way back to the dashboard',
      );
    });

    test('401 on a form sent without a session: « Connexion requise », private', async () => {
      const res = await new Client(t.app).post(
        '/admin/articles',
        articleForm(),
        { csrf: false },
      );
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['cache-control'], PRIVATE);
      const $ = adminFrame(res.body);
      assert.equal($('h1').text().trim(), 'Connexion requise');
      assert.ok(
        $('a[href^="/admin/connexion"]').length > 0,
        'a link to sign in',
      );
    });

    test('403 for an expired form, 404 for an unknown back-office page: private, back-office frame', async () => {
      const csrf = await journalist.post('/admin/articles', articleForm(), {
        csrf: 'faux',
      });
      assert.equal(csrf.statusCode, 403);
      assert.equal(csrf.headers['cache-control'], PRIVATE);
      assert.match(
        adminFrame(csrf.body)('main').text(),
        /Le formulaire a expiré/,
      );
      const missing = await journalist.get('/admin/nulle-part');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers['cache-control'], PRIVATE);
      assert.equal(
        adminFrame(missing.body)('h1').text().trim(),
        'Page introuvable',
      );
    });

    test('every back-office page, and every page to a signed-in member, is private; readers get the public cache', async () => {
      for (const url of [
        '/admin/connexion',
        '/admin/mot-de-passe?token=nimportequoi',
      ]) {
        const res = await new Client(t.app).get(url);
        assert.equal(res.headers['cache-control'], PRIVATE, url);
      }
      const dashboard = await journalist.get('/admin');
      assert.equal(dashboard.statusCode, 200);
      assert.equal(dashboard.headers['cache-control'], PRIVATE);
      const signedIn = await journalist.get('/');
      assert.equal(
        signedIn.headers['cache-control'],
        PRIVATE,
        'the home page to a signed-in member',
      );
      const reader = await new Client(t.app).get('/');
      assert.match(String(reader.headers['cache-control']), /^public/);
    });

    test('a public error page still says what happened, in the public frame', async () => {
      const res = await new Client(t.app).get('/rubrique/nulle-part');
      assert.equal(res.statusCode, 404);
      assert.equal(cheerio.load(res.body)('.site-footer').length, 1);
    });
  },
);
