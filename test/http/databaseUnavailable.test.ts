import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';

const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The database out of reach, for real: PostgreSQL refusing connections (its connections ended and
 * new ones refused, as during a restart), SQLite held by another writer past the busy timeout.
 * Readers get the kept pages; anything else is a French 503 with Retry-After, never a 500.
 */
describeEachDialect('database unavailable', (getDb) => {
  let t: TestApp;
  let editor: Client;

  test('setup: a site with a kept home page', async () => {
    t = await buildTestApp(getDb());
    const section = await buildSection(t.ctx, {
      slug: 'economie',
      name: 'Économie',
    });
    await buildArticle(t.ctx, {
      title: 'Le port de Tanger s’agrandit',
      sectionId: section.id,
    });
    await buildSection(t.ctx, { slug: 'culture', name: 'Culture' });
    const user = await buildUser(t.ctx, 'editor');
    editor = new Client(t.app);
    assert.equal((await editor.signIn(user.email)).statusCode, 303);
    const home = await t.app.inject('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Le port de Tanger/);
  });

  test('while the database is out of reach: kept pages are served, the rest is 503 with Retry-After', async () => {
    const db = getDb();
    if (db.dialect === 'postgres') {
      const name = new URL(db.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`alter database ${name} allow_connections false`);
        const ended = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        assert.ok(ended.rowCount! >= 1, 'the app had connections to end');
        await new Promise((r) => setTimeout(r, 200)); // the pool sees its connections go
        await assertUnavailable(t, editor);
      } finally {
        await admin.query(`alter database ${name} allow_connections true`);
        await admin.end();
      }
    } else {
      // Another process holds SQLite's write lock longer than our busy timeout (5 s).
      const other = new DatabaseSync(db.url.slice('sqlite:'.length), {
        timeout: 100,
      });
      other.exec('BEGIN IMMEDIATE');
      try {
        const res = await editor.post('/admin/articles', {
          title: 'Écrit pendant le verrou',
          lead: '',
          bodySource: '',
          sectionId: '',
          tags: '',
          author1: '',
        });
        assert.equal(res.statusCode, 503, res.body.slice(0, 300));
        assert.ok(Number(res.headers['retry-after']) > 0, 'Retry-After');
        assert.match(res.body, /momentanément indisponible/);
        const home = await t.app.inject('/');
        assert.equal(
          home.statusCode,
          200,
          'readers are not blocked by a writer',
        );
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    }
  });

  test('once it is back, everything answers again', async () => {
    for (const url of ['/', '/rubrique/culture', '/api/search?q=port']) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
    }
  });

  test('teardown', async () => {
    await t.app.close();
  });
});

async function assertUnavailable(t: TestApp, editor: Client): Promise<void> {
  const kept = await t.app.inject('/');
  assert.equal(
    kept.statusCode,
    200,
    `the kept home page is served (stale-if-error): ${kept.body.slice(0, 200)}`,
  );
  assert.match(kept.body, /Le port de Tanger/);

  const uncached = await t.app.inject('/rubrique/culture');
  assert.equal(uncached.statusCode, 503, uncached.body.slice(0, 300));
  assert.ok(
    Number(uncached.headers['retry-after']) > 0,
    'Retry-After on the page',
  );
  assert.equal(uncached.headers['cache-control'], 'no-store');
  assert.match(String(uncached.headers['content-type']), /text\/html/);
  assert.match(uncached.body, /lang="fr"/);
  assert.match(uncached.body, /momentanément indisponible/);

  const api = await t.app.inject('/api/search?q=port');
  assert.equal(api.statusCode, 503);
  assert.ok(Number(api.headers['retry-after']) > 0, 'Retry-After on the API');
  assert.equal(api.json().error.code, 'unavailable');

  const admin = await editor.get('/admin');
  assert.equal(admin.statusCode, 503, 'the back office too, said in French');
  assert.match(admin.body, /momentanément indisponible/);
}
