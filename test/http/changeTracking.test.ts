import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { updateArticleForTest } from '../support/editorial.ts';
import { EventCursor } from '../../src/events/eventCursor.ts';
import { ChangeTracker } from '../../src/events/changeTracker.ts';
import { maxEventId } from '../../src/db/repos/events.ts';

describeEachDialect('following the events table', (getDb) => {
  let t: TestApp;

  test('setup', async () => { t = await buildTestApp(getDb()); });

  test('an event that commits after a later one is still seen (ids are handed out before commit)', async () => {
    const db = t.ctx.db;
    const start = await maxEventId(db);
    const cursor = new EventCursor(db, start);
    const insert = (id: number) => db.insertInto('events')
      .values({ id, name: 'articles.update', payload: '{}', created_at: new Date().toISOString() } as never).execute();
    // Event start+2 commits first, as a short transaction can overtake a long one on PostgreSQL.
    await insert(start + 2);
    const first = await cursor.poll();
    assert.deepEqual(first.events.map((e) => e.id), [start + 2]);
    assert.equal(cursor.hasPending, true, 'start+1 is awaited');
    await insert(start + 1);
    const second = await cursor.poll();
    assert.deepEqual(second.events.map((e) => e.id), [start + 1], 'the late event is reported');
    assert.equal(cursor.hasPending, false);
    assert.deepEqual((await cursor.poll()).events, []);
    if (getDb().dialect === 'postgres') await sql`select setval('events_id_seq', (select max(id) from events))`.execute(db);
  });

  test('the tracker: a draft’s edits touch nothing; a public article’s touch its month and the article lists', async () => {
    const tracker = new ChangeTracker(t.ctx.db);
    await tracker.sync();
    const june = await buildArticle(t.ctx, { publishedAt: new Date('2025-06-03T10:00:00Z') });
    const draft = await buildArticle(t.ctx, { status: 'draft' });
    const built = await tracker.sync();
    await updateArticleForTest(t.ctx, draft.id, { title: 'Brouillon retouché' });
    await tracker.sync();
    assert.ok(tracker.isFresh(['articles', 'month:2025-06', 'month:2025-07'], built), 'a draft is in no public list');
    await updateArticleForTest(t.ctx, june.id, { title: 'Juin retouché' });
    await tracker.sync();
    assert.equal(tracker.isFresh(['month:2025-06'], built), false);
    assert.equal(tracker.isFresh(['articles'], built), false);
    assert.equal(tracker.isFresh(['month:2025-07'], built), true, 'July’s sitemap is untouched');
    assert.equal(tracker.isFresh(['taxonomy'], built), true);
  });

  test('teardown', async () => { await t.app.close(); });
});
