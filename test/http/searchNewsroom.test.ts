import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
} from '../support/factories.ts';
import { parseQuery } from '../../src/search/query.ts';
import type {
  NewsroomVisibility,
  SearchSort,
} from '../../src/search/provider.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { loadNewsroomResults } from '../../src/db/repos/search/documents.ts';

/**
 * The newsroom's search at the provider level: every status is indexed, and the caller's
 * visibility filter (statuses, sections, authorship) is part of the query. The back office's
 * route and policy will pass that filter; these tests pin what each part of it means.
 */
describeEachDialect('newsroom search and reindexing', (getDb) => {
  let t: TestApp;
  let politique: number, sport: number, userId: number;

  const search = async (
    q: string,
    visibility: NewsroomVisibility,
    sort: SearchSort = 'relevance',
  ) => {
    const page = await t.ctx.search.searchNewsroom(t.ctx.db, {
      query: parseQuery(q),
      visibility,
      sort,
      limit: 50,
      offset: 0,
      now: t.clock.now(),
      ranking: { halfLifeDays: 180 },
    });
    const articles = await loadNewsroomResults(
      t.ctx.db,
      page.hits.map((h) => h.articleId),
    );
    return { total: page.total, titles: articles.map((a) => a.title).sort() };
  };

  test('setup: the same subject in every status, two sections, one journalist with a login', async () => {
    t = await buildTestApp(getDb());
    politique = (
      await buildSection(t.ctx, { slug: 'politique', name: 'Politique' })
    ).id;
    sport = (await buildSection(t.ctx, { slug: 'sport', name: 'Sport' })).id;
    const now = t.clock.now().toISOString();
    userId = (
      await t.ctx.db
        .insertInto('users')
        .values({
          email: 'journaliste@example.ma',
          display_name: 'Journaliste',
          role: 'contributor',
          password_hash: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const signed = await buildAuthor(t.ctx, {
      slug: 'journaliste',
      name: 'Journaliste',
    });
    await t.ctx.db
      .updateTable('authors')
      .set({ user_id: userId })
      .where('id', '=', signed.id)
      .execute();
    for (const status of [
      'draft',
      'review',
      'scheduled',
      'published',
      'unpublished',
      'trashed',
    ] as const) {
      await buildArticle(t.ctx, {
        title: `Budget municipal ${status}`,
        status,
        sectionId: politique,
      });
    }
    await buildArticle(t.ctx, {
      title: 'Budget du club draft',
      status: 'draft',
      sectionId: sport,
    });
    await buildArticle(t.ctx, {
      title: 'Budget signé draft',
      status: 'draft',
      sectionId: sport,
      authorIds: [signed.id],
    });
  });

  test('statuses: drafts and scheduled items are found, only within the allowed statuses', async () => {
    assert.deepEqual(
      (await search('budget', { statuses: ['draft', 'review', 'scheduled'] }))
        .total,
      5,
    );
    assert.deepEqual(
      (await search('budget municipal', { statuses: ['scheduled'] })).titles,
      ['Budget municipal scheduled'],
    );
    assert.deepEqual(
      (await search('budget municipal', { statuses: ['trashed'] })).titles,
      ['Budget municipal trashed'],
    );
    assert.deepEqual(
      (await search('budget', { statuses: [] })).total,
      0,
      'no status allowed, nothing found',
    );
  });

  test('sections: only the allowed ones; an empty list allows none', async () => {
    assert.deepEqual(
      (await search('budget', { statuses: ['draft'], sectionIds: [sport] }))
        .titles,
      ['Budget du club draft', 'Budget signé draft'],
    );
    assert.deepEqual(
      (await search('budget', { statuses: ['draft'], sectionIds: [politique] }))
        .titles,
      ['Budget municipal draft'],
    );
    assert.equal(
      (await search('budget', { statuses: ['draft'], sectionIds: [] })).total,
      0,
    );
  });

  test('authorship: articles the user signs or created', async () => {
    assert.deepEqual(
      (
        await search('budget', {
          statuses: ['draft', 'review', 'scheduled', 'published'],
          authorUserId: userId,
        })
      ).titles,
      ['Budget signé draft'],
    );
    const created = await buildArticle(t.ctx, {
      title: 'Budget créé draft',
      status: 'draft',
      sectionId: sport,
    });
    await t.ctx.db
      .updateTable('articles')
      .set({ created_by: userId })
      .where('id', '=', created.id)
      .execute();
    assert.deepEqual(
      (await search('budget', { statuses: ['draft'], authorUserId: userId }))
        .titles,
      ['Budget créé draft', 'Budget signé draft'],
    );
    assert.equal(
      (
        await search('budget', {
          statuses: ['draft'],
          authorUserId: userId + 1000,
        })
      ).total,
      0,
    );
  });

  test('reindexAll rebuilds the same index from scratch, with progress, and drops orphans', async () => {
    const before = await search('budget', {
      statuses: [
        'draft',
        'review',
        'scheduled',
        'published',
        'unpublished',
        'trashed',
      ],
    });
    await t.ctx.search.clear(t.ctx.db);
    assert.equal(await t.ctx.search.count(t.ctx.db), 0);
    const progress: number[] = [];
    const { indexed } = await reindexAll(t.ctx.db, t.ctx.search, {
      batchSize: 3,
      onProgress: (done) => progress.push(done),
    });
    const count = await t.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(indexed, Number(count.n));
    assert.deepEqual(progress.slice(0, 3), [0, 3, 6]);
    assert.equal(await t.ctx.search.count(t.ctx.db), indexed);
    assert.deepEqual(
      await search('budget', {
        statuses: [
          'draft',
          'review',
          'scheduled',
          'published',
          'unpublished',
          'trashed',
        ],
      }),
      before,
    );
    // An article removed from under the index (not through a command) is dropped on the next rebuild.
    const victim = await buildArticle(t.ctx, {
      title: 'Budget éphémère',
      status: 'draft',
      sectionId: sport,
    });
    await t.ctx.db
      .deleteFrom('article_authors')
      .where('article_id', '=', victim.id)
      .execute();
    await t.ctx.db
      .deleteFrom('revisions')
      .where('article_id', '=', victim.id)
      .execute();
    await t.ctx.db.deleteFrom('articles').where('id', '=', victim.id).execute();
    await reindexAll(t.ctx.db, t.ctx.search);
    assert.equal(await t.ctx.search.has(t.ctx.db, victim.id), false);
    assert.ok((await t.ctx.search.sizeInBytes(t.ctx.db)) > 0);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
