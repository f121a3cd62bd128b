import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import {
  ApiClient,
  assertContract,
  contentKey,
  validOpenApi,
} from '../support/api.ts';
import { revokeApiCredential } from '../../src/commands/integrations.ts';
import { listCredentials } from '../../src/db/repos/apiCredentials.ts';

describeEachDialect('Content API', (getDb) => {
  let t: TestApp;
  let api: ApiClient;
  let get: ReturnType<ApiClient['content']>;
  let key: string;
  let admin: { id: number };
  let politique: { id: number };
  const published: { id: number; slug: string }[] = [];

  test('setup: a key, sections, 25 published articles, a draft and a trashed one', async () => {
    t = await buildTestApp(getDb());
    api = new ApiClient(t.app);
    admin = await buildUser(t.ctx, 'admin');
    key = await contentKey(t.ctx, admin.id, {
      corsOrigins: ['https://app.journal.example'],
      ratePerMinute: 1000,
    });
    get = api.content(key);
    politique = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    const sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    const tag = await buildTag(t.ctx, { slug: 'rabat', name: 'Rabat' });
    const author = await buildAuthor(t.ctx, {
      slug: 'amina-el-idrissi',
      name: 'Amina El Idrissi',
    });
    const base = new Date('2025-07-01T08:00:00Z').getTime();
    for (let i = 0; i < 25; i++) {
      const a = await buildArticle(t.ctx, {
        title: `Dépêche numéro ${i}`,
        sectionId: i % 2 ? sport.id : politique.id,
        authorIds: [author.id],
        tagIds: i % 5 === 0 ? [tag.id] : [],
        publishedAt: new Date(base + i * 3_600_000),
        breaking: i === 24,
      });
      published.push(a);
    }
    await buildArticle(t.ctx, {
      title: 'Brouillon secret',
      status: 'draft',
      sectionId: politique.id,
    });
    await buildArticle(t.ctx, {
      title: 'Article à la corbeille',
      status: 'trashed',
      sectionId: politique.id,
    });
  });

  test('no key, a wrong key or a revoked key: 401 JSON', async () => {
    const none = await api.request('GET', '/api/v1/articles');
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'unauthenticated');
    assert.equal((await api.content('ndc_nope')('/articles')).statusCode, 401);
    const other = await contentKey(t.ctx, admin.id, { name: 'Partenaire' });
    assert.equal((await api.content(other)('/sections')).statusCode, 200);
    const id = (await listCredentials(t.ctx.db)).find(
      (c) => c.name === 'Partenaire',
    )!.id;
    await revokeApiCredential(
      t.ctx,
      { kind: 'user', id: admin.id, role: 'admin', sectionIds: [] },
      id,
    );
    assert.equal((await api.content(other)('/sections')).statusCode, 401);
    assert.equal(
      (
        await api.request(
          'GET',
          `/api/v1/sections?key=${encodeURIComponent(key)}`,
        )
      ).statusCode,
      200,
      'the key as a parameter',
    );
  });

  test('the list pages through every public article exactly once, newest first, by cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/articles?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as {
        items: { id: number; title: string; html?: string }[];
        nextCursor: string | null;
      };
      seen.push(...body.items.map((a) => a.id));
      for (const a of body.items)
        assert.equal(a.html, undefined, 'lists carry no bodies');
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, published.map((a) => a.id).reverse());
  });

  test('filters: section, tag, author, dates, updated_since; unknown slugs and parameters are 400s naming them', async () => {
    const bySection = (
      await get('/articles?section=politique&limit=100')
    ).json().items as { id: number; sectionId: number }[];
    assert.equal(bySection.length, 13);
    assert.ok(bySection.every((a) => a.sectionId === politique.id));
    assert.equal((await get('/articles?tag=rabat')).json().items.length, 5);
    assert.equal(
      (await get('/articles?author=amina-el-idrissi&limit=100')).json().items
        .length,
      25,
    );
    // 2025-07-01 08:00Z + i h; the day 2025-07-02 in Casablanca (UTC+1) starts at 2025-07-01T23:00Z: i = 15 to 24.
    assert.equal(
      (await get('/articles?from=2025-07-02&to=2025-07-02&limit=100')).json()
        .items.length,
      10,
    );
    assert.equal(
      (await get('/articles?from=2025-07-01T20:00:00Z&limit=100')).json().items
        .length,
      13,
    );
    assert.equal(
      (await get('/articles?updated_since=2030-01-01T00:00:00Z')).json().items
        .length,
      0,
    );
    for (const [query, parameter] of [
      ['colour=red', 'colour'],
      ['section=nulle-part', 'section'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=pas-un-curseur', 'cursor'],
      ['from=hier', 'from'],
      ['fields=title,secret', 'fields'],
      ['include=everything', 'include'],
    ] as const) {
      const res = await get(`/articles?${query}`);
      assert.equal(res.statusCode, 400, query);
      const error = res.json().error;
      assert.equal(error.code, 'invalid_input');
      assert.ok(
        parameter in error.fields ||
          Object.keys(error.fields).some((f) => f.startsWith(parameter)),
        `${query} → ${JSON.stringify(error.fields)}`,
      );
    }
  });

  test('fields and include shape the items', async () => {
    const [item] = (
      await get('/articles?limit=1&fields=title&include=authors,section')
    ).json().items;
    assert.deepEqual(Object.keys(item).sort(), [
      'authors',
      'id',
      'section',
      'title',
    ]);
    assert.equal(item.authors[0].name, 'Amina El Idrissi');
  });

  test('one article by id or slug, with its HTML and plain text; drafts and trashed ones are 404', async () => {
    const newest = published.at(-1)!;
    const byId = await get(`/articles/${newest.id}?include=tags`);
    assert.equal(byId.statusCode, 200);
    const a = byId.json();
    assert.match(a.html, /<h2[^>]*>Un intertitre<\/h2>/);
    assert.ok(a.text.includes('Un intertitre') && !a.text.includes('<'));
    assert.equal(a.breaking, true);
    assert.equal(a.url, `https://journal.example/articles/${newest.slug}`);
    assert.deepEqual(
      (await get(`/articles/slug/${newest.slug}`)).json().id,
      newest.id,
    );
    const hidden = await t.ctx.db
      .selectFrom('articles')
      .select('id')
      .where('status', 'in', ['draft', 'trashed'])
      .execute();
    for (const h of hidden)
      assert.equal((await get(`/articles/${h.id}`)).statusCode, 404);
    assert.equal((await get('/articles/0')).statusCode, 400);
    assert.equal((await get('/articles/slug/inconnu')).statusCode, 404);
  });

  test('sections, tags, authors, the fil info and search', async () => {
    assert.deepEqual(
      (await get('/sections'))
        .json()
        .items.map((s: { slug: string }) => s.slug),
      ['politique', 'sport'],
    );
    assert.ok(
      (await get('/tags'))
        .json()
        .items.some((tg: { slug: string }) => tg.slug === 'rabat'),
    );
    const authors = (await get('/authors?limit=1')).json();
    assert.equal(authors.items.length, 1);
    assert.equal(typeof authors.nextAfter, 'number');
    const fil = (await get('/fil-info?limit=5')).json().items;
    assert.equal(fil.length, 5);
    assert.equal(fil[0].id, published.at(-1)!.id);
    assert.equal(fil[0].breaking, true);
    const found = await get('/search?q=dépêche');
    assert.equal(found.statusCode, 200, found.body);
    assert.ok(found.json().total >= 1);
    const badSection = await get('/search?q=x&section=nulle-part');
    assert.equal(badSection.statusCode, 400);
    assert.ok('section' in badSection.json().error.fields);
  });

  test('ETag and 304, Cache-Control, CORS for the key’s origins only', async () => {
    const first = await get('/articles?limit=3');
    const etag = String(first.headers.etag);
    assert.ok(etag);
    assert.match(String(first.headers['cache-control']), /max-age=60/);
    assert.equal(
      (await get('/articles?limit=3', { 'if-none-match': etag })).statusCode,
      304,
    );
    const allowed = await get('/sections', {
      origin: 'https://app.journal.example',
    });
    assert.equal(
      allowed.headers['access-control-allow-origin'],
      'https://app.journal.example',
    );
    const refused = await get('/sections', { origin: 'https://evil.example' });
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    const preflight = await api.request(
      'OPTIONS',
      `/api/v1/articles?key=${encodeURIComponent(key)}`,
      {
        headers: {
          origin: 'https://app.journal.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-api-key',
        },
      },
    );
    assert.equal(preflight.statusCode, 204);
    assert.equal(
      preflight.headers['access-control-allow-origin'],
      'https://app.journal.example',
    );
  });

  test('rate limit per key: 429 JSON past the key’s allowance, other keys unaffected', async () => {
    const small = api.content(
      await contentKey(t.ctx, admin.id, {
        name: 'Petit partenaire',
        ratePerMinute: 3,
      }),
    );
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await small('/sections')).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await small('/sections');
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.equal((await get('/sections')).statusCode, 200);
  });

  test('last use is recorded', async () => {
    const mine = (await listCredentials(t.ctx.db)).find(
      (c) => c.name === 'Application mobile',
    )!;
    assert.ok(mine.lastUsedAt);
  });

  test('contract: the document is valid OpenAPI 3.1 and every response above matches it', async () => {
    const doc = await validOpenApi(t.app);
    assert.ok(
      doc['paths']['/api/v1/articles'] && doc['paths']['/api/v1/articles/{id}'],
    );
    const checked = assertContract(doc, api.exchanges);
    assert.ok(checked >= 40, `checked ${checked} responses`);
    // The check can fail: a body off the schema, an undocumented status.
    const sample = api.exchanges.find(
      (x) => x.path === '/api/v1/sections' && x.status === 200,
    )!;
    assert.throws(
      () =>
        assertContract(doc, [
          { ...sample, body: JSON.stringify({ items: [{ id: 'un' }] }) },
        ]),
      /must be integer|must have required/,
    );
    assert.throws(
      () => assertContract(doc, [{ ...sample, status: 418 }]),
      /status not documented/,
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
