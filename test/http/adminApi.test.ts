import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection } from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import {
  adminToken,
  ApiClient,
  assertContract,
  validOpenApi,
} from '../support/api.ts';
import { changeUserRole } from '../../src/commands/accounts/changeUser.ts';

describeEachDialect('Admin API', (getDb) => {
  let t: TestApp;
  let api: ApiClient;
  let editor: ReturnType<ApiClient['admin']>;
  let editorUser: { id: number; authorId: number };
  let politique: { id: number };

  test('setup', async () => {
    t = await buildTestApp(getDb());
    api = new ApiClient(t.app);
    politique = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    editorUser = await buildUser(t.ctx, 'editor', { name: 'Nadia Bennani' });
    editor = api.admin(
      await adminToken(t.ctx, { ...editorUser, role: 'editor' }, 'editor'),
    );
  });

  test('a script creates, edits and publishes an article; each step is the back office’s command, with its event', async () => {
    const created = await editor.post('/articles', {
      title: 'Le budget 2027 adopté',
      lead: 'Le Parlement a voté.',
      bodySource: 'Premier paragraphe.\n\n## Détails\n\nSuite.',
      sectionId: politique.id,
      authorIds: [editorUser.authorId],
      tagNames: ['Parlement'],
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json();
    assert.equal(a.status, 'draft');
    assert.equal(a.version, 1);
    assert.equal(created.headers.etag, '"1"');
    assert.equal(created.headers.location, `/api/admin/v1/articles/${a.id}`);
    assert.deepEqual(
      a.tags.map((tg: { name: string }) => tg.name),
      ['Parlement'],
    );
    assert.match(a.html, /<h2[^>]*>Détails<\/h2>/);

    const edited = await editor.put(
      `/articles/${a.id}`,
      {
        title: 'Le budget 2027 adopté par le Parlement',
        bodySource: 'Texte revu.',
        sectionId: politique.id,
        authorIds: [editorUser.authorId],
      },
      { 'if-match': '"1"' },
    );
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().version, 2);
    // The edit dropped the chapô: the publish checks answer with the field, as JSON.
    const warned = await editor.post(
      `/articles/${a.id}/publish`,
      {},
      { 'if-match': '"2"' },
    );
    assert.equal(warned.statusCode, 409, warned.body);
    assert.equal(warned.json().error.code, 'publish_warnings');
    assert.match(warned.json().error.fields.lead, /pas de chapô/);
    const published = await editor.post(
      `/articles/${a.id}/publish`,
      { confirmWarnings: true },
      { 'if-match': '"2"' },
    );
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    const slug = published.json().slug as string;
    assert.equal(
      slug,
      'le-budget-2027-adopte-par-le-parlement',
      'a draft’s slug follows its title',
    );
    assert.equal(
      published.json().url,
      `https://journal.example/articles/${slug}`,
    );
    const events = await t.ctx.db
      .selectFrom('events')
      .select(['name', 'actor_id'])
      .where('article_id', '=', a.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.name),
      ['articles.create', 'articles.update', 'articles.publish'],
    );
    assert.ok(
      events.every((e) => e.actor_id === editorUser.id),
      'acted as the token’s member',
    );
    assert.equal(
      (await t.app.inject(`/articles/${slug}`)).statusCode,
      200,
      'online for readers',
    );

    const bylineless = await editor.post(
      `/articles/${a.id}/correct`,
      {
        article: {
          title: 'Le budget 2027 adopté par le Parlement',
          bodySource: 'Texte corrigé.',
          sectionId: politique.id,
        },
        note: 'Le montant était faux.',
      },
      { 'if-match': String(published.json().version) },
    );
    assert.equal(
      bylineless.statusCode,
      400,
      'a published article keeps a byline',
    );
    assert.ok(
      bylineless.json().error.fields.authorIds,
      'the error names the API’s own field',
    );
    const corrected = await editor.post(
      `/articles/${a.id}/correct`,
      {
        article: {
          title: 'Le budget 2027 adopté par le Parlement',
          bodySource: 'Texte corrigé.',
          sectionId: politique.id,
          authorIds: [editorUser.authorId],
        },
        note: 'Le montant était faux.',
      },
      { 'if-match': String(published.json().version) },
    );
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.equal(corrected.json().correctionNote, 'Le montant était faux.');
    const unpublished = await editor.post(`/articles/${a.id}/unpublish`);
    assert.equal(unpublished.json().status, 'unpublished');
    assert.equal((await t.app.inject(`/articles/${slug}`)).statusCode, 410);
  });

  test('If-Match: a stale version is 412 and writes nothing; a missing one on PUT is 428; a malformed one a 400', async () => {
    const a = (
      await editor.post('/articles', {
        title: 'Séisme au large d’Agadir',
        sectionId: politique.id,
      })
    ).json();
    const body = {
      title: 'Séisme au large d’Agadir : le bilan',
      sectionId: politique.id,
    };
    assert.equal(
      (await editor.put(`/articles/${a.id}`, body, { 'if-match': '"1"' }))
        .statusCode,
      200,
    );
    const stale = await editor.put(
      `/articles/${a.id}`,
      { ...body, title: 'Écrasement' },
      { 'if-match': '"1"' },
    );
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().error.code, 'precondition_failed');
    const staleVerb = await editor.post(
      `/articles/${a.id}/submit`,
      {},
      { 'if-match': 'W/"1"' },
    );
    assert.equal(staleVerb.statusCode, 412);
    assert.equal(
      (await editor.get(`/articles/${a.id}`)).json().title,
      'Séisme au large d’Agadir : le bilan',
    );
    assert.equal((await editor.put(`/articles/${a.id}`, body)).statusCode, 428);
    const malformed = await editor.put(`/articles/${a.id}`, body, {
      'if-match': 'hier',
    });
    assert.equal(malformed.statusCode, 400);
    assert.ok('If-Match' in malformed.json().error.fields);
    const current = await editor.get(`/articles/${a.id}`);
    assert.equal(current.headers.etag, '"2"');
    assert.equal(
      (await editor.get(`/articles/${a.id}`, { 'if-none-match': '"2"' }))
        .statusCode,
      304,
    );
  });

  test('bad input: 400 JSON naming the field, unknown fields refused, nothing written; wrong state 409; unknown id 404', async () => {
    const before = await t.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [body, field] of [
      [{ sectionId: politique.id }, 'title'],
      [{ title: 'x', sectionId: 'politique' }, 'sectionId'],
      [{ title: 'x', sectionId: null, status: 'published' }, 'status'],
      [{ title: 'x', sectionId: 999_999 }, 'sectionId'],
    ] as const) {
      const res = await editor.post('/articles', body);
      assert.equal(
        res.statusCode,
        400,
        `${JSON.stringify(body)} → ${res.body}`,
      );
      assert.ok(
        field in res.json().error.fields,
        `${JSON.stringify(body)} → ${res.body}`,
      );
    }
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      payload: '{"title":',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await adminToken(t.ctx, { ...editorUser, role: 'editor' }, 'editor')}`,
      },
    });
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().error.code, 'invalid_input');
    const after = await t.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    const draft = (
      await editor.post('/articles', {
        title: 'Un brouillon',
        sectionId: politique.id,
      })
    ).json();
    assert.equal(
      (await editor.post(`/articles/${draft.id}/unpublish`)).statusCode,
      409,
    );
    assert.equal(
      (
        await editor.post(`/articles/${draft.id}/schedule`, {
          at: '2020-01-01T00:00:00Z',
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (await editor.post(`/articles/${draft.id}/return`, {})).statusCode,
      400,
    );
    assert.equal((await editor.get('/articles/999999')).statusCode, 404);
    assert.equal((await editor.get('/articles/abc')).statusCode, 400);
  });

  test('a token never acts above its member: demoting the member limits the token at once', async () => {
    const owner = await buildUser(t.ctx, 'owner');
    const member = await buildUser(t.ctx, 'editor');
    const token = api.admin(
      await adminToken(t.ctx, { ...member, role: 'editor' }, 'editor'),
    );
    assert.equal((await token.get('/me')).json().role, 'editor');
    await changeUserRole(
      t.ctx,
      { kind: 'user', id: owner.id, role: 'owner', sectionIds: [] },
      { userId: member.id, role: 'journalist', sectionIds: [] },
    );
    assert.equal((await token.get('/me')).json().role, 'journalist');
  });

  test('contract: every response above matches the OpenAPI document', async () => {
    const checked = assertContract(await validOpenApi(t.app), api.exchanges);
    assert.ok(checked >= 20, `checked ${checked}`);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
