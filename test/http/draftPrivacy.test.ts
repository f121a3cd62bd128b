import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection, buildTag } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';

/** What is not public stays out of sight: draft tags, and other people's articles by id. */
describeEachDialect('drafts stay private', (getDb) => {
  let t: TestApp;
  let contributor: Client;
  let contributorUser: { id: number; authorId: number };
  let sectionId: number;

  test('setup', async () => {
    t = await buildTestApp(getDb());
    sectionId = (await buildSection(t.ctx, { slug: 'monde', name: 'Monde' }))
      .id;
    contributorUser = await buildUser(t.ctx, 'contributor');
    contributor = new Client(t.app);
    assert.equal(
      (
        await contributor.signIn(
          (
            await t.ctx.db
              .selectFrom('users')
              .select('email')
              .where('id', '=', contributorUser.id)
              .executeTakeFirstOrThrow()
          ).email,
        )
      ).statusCode,
      303,
    );
  });

  test('a tag only on a draft has no page and no feed; it gets one when a public article carries it', async () => {
    const tag = await buildTag(t.ctx, {
      slug: 'fusion-secrete',
      name: 'Fusion secrète',
    });
    const draft = await buildArticle(t.ctx, {
      status: 'draft',
      sectionId,
      tagIds: [tag.id],
      title: 'Brouillon sur la fusion',
    });
    await buildArticle(t.ctx, {
      status: 'scheduled',
      sectionId,
      tagIds: [tag.id],
    });
    await buildArticle(t.ctx, {
      status: 'published',
      sectionId,
      tagIds: [tag.id],
      publishedAt: new Date(t.clock.now().getTime() + 3_600_000),
    });
    for (const url of [
      '/sujet/fusion-secrete',
      '/sujet/fusion-secrete/feed.xml',
      '/sujet/fusion-secrete/atom.xml',
      '/sujet/fusion-secrete/feed.json',
    ]) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes('Fusion secrète'), `${url} names the tag`);
    }
    await buildArticle(t.ctx, {
      status: 'published',
      sectionId,
      tagIds: [tag.id],
      title: 'La fusion est annoncée',
    });
    const page = await t.app.inject('/sujet/fusion-secrete');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /La fusion est annoncée/);
    assert.ok(!page.body.includes('Brouillon sur la fusion'));
    assert.ok(draft.id > 0);
  });

  test('tag suggestions show a contributor public tags and their own, not others’ drafts', async () => {
    const publicTag = await buildTag(t.ctx, {
      slug: 'mondial-public',
      name: 'Mondial public',
    });
    const othersDraftTag = await buildTag(t.ctx, {
      slug: 'mondial-projet',
      name: 'Mondial projet secret',
    });
    await buildArticle(t.ctx, {
      status: 'published',
      sectionId,
      tagIds: [publicTag.id],
    });
    await buildArticle(t.ctx, {
      status: 'draft',
      sectionId,
      tagIds: [othersDraftTag.id],
    });
    const own = await contributor.post(
      '/admin/articles',
      articleForm({ title: 'Mon brouillon', tags: 'Mondial le mien' }),
    );
    assert.equal(own.statusCode, 303);
    const suggestions = async (c: Client) =>
      (await c.get('/admin/sujets?q=mondial')).json().tags as string[];
    assert.deepEqual(await suggestions(contributor), [
      'Mondial le mien',
      'Mondial public',
    ]);
    const editorUser = await buildUser(t.ctx, 'editor');
    const editor = new Client(t.app);
    await editor.signIn(editorUser.email);
    assert.deepEqual(
      await suggestions(editor),
      ['Mondial le mien', 'Mondial projet secret', 'Mondial public'],
      'editors see every article, so every tag',
    );
  });

  test('a contributor gets the same 404 for every article they may not see, whatever its state', async () => {
    const states = [
      'draft',
      'review',
      'scheduled',
      'published',
      'unpublished',
      'trashed',
    ] as const;
    const others = await Promise.all(
      states.map((status) => buildArticle(t.ctx, { status, sectionId })),
    );
    const missing = 2_000_000;
    const csrf = await contributor.csrf('/admin');
    const answers = new Map<string, Set<string>>();
    for (const id of [...others.map((a) => a.id), missing]) {
      const tries = {
        autosave: await contributor.postJson(`/admin/articles/${id}/autosave`, {
          ...articleForm({ title: 'Sonde' }),
          version: '1',
        }),
        editor: await contributor.get(`/admin/articles/${id}`),
        revisions: await contributor.get(`/admin/articles/${id}/revisions`),
        save: await contributor.post(
          `/admin/articles/${id}`,
          articleForm({ title: 'Sonde', version: '1' }),
          { csrf },
        ),
        publier: await contributor.post(
          `/admin/articles/${id}/publier`,
          { version: '1' },
          { csrf },
        ),
        soumettre: await contributor.post(
          `/admin/articles/${id}/soumettre`,
          { version: '1' },
          { csrf },
        ),
        restaurer: await contributor.post(
          `/admin/articles/${id}/restaurer`,
          { version: '1' },
          { csrf },
        ),
        revision: await contributor.post(
          `/admin/articles/${id}/revisions/1/restaurer`,
          { version: '1' },
          { csrf },
        ),
      };
      for (const [route, res] of Object.entries(tries)) {
        assert.equal(res.statusCode, 404, `${route} on article ${id}`);
        const seen = answers.get(route) ?? new Set<string>();
        seen.add(
          `${res.headers['content-type']}\n${route === 'autosave' ? res.body : ''}`,
        );
        answers.set(route, seen);
      }
    }
    for (const [route, seen] of answers)
      assert.equal(
        seen.size,
        1,
        `${route} answers alike for every hidden or missing article`,
      );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
