import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { updateArticleForTest } from '../support/editorial.ts';
import { EventBus } from '../../src/events/bus.ts';
import type { EventSignal } from '../../src/db/dialects/dialect.ts';
import { ChangeTracker } from '../../src/events/changeTracker.ts';
import { maxEventId } from '../../src/db/repos/events.ts';

/** A signal that never wakes the bus: the tests catch it up themselves. */
const silent: EventSignal = {
  announce: async () => {},
  listen: async () => async () => {},
};

describeEachDialect('following the events table', (getDb) => {
  let t: TestApp;

  test('setup', async () => {
    t = await buildTestApp(getDb());
  });

  /** A bus of its own with an in-order subscriber (the live fil info's kind) and one that takes late events (the caches'). */
  const followers = async (graceMs: number) => {
    const bus = new EventBus({
      db: t.ctx.db,
      signal: silent,
      pollMs: 600_000,
      graceMs,
    });
    const inOrder: number[] = [];
    const withLate: number[] = [];
    await bus.subscribe((events) => {
      inOrder.push(...events.map((e) => e.id));
    });
    await bus.subscribe(
      (events) => {
        withLate.push(...events.map((e) => e.id));
      },
      { late: true },
    );
    return { bus, inOrder, withLate };
  };
  const insert = (id: number) =>
    t.ctx.db
      .insertInto('events')
      .values({
        id,
        name: 'articles.update',
        payload: '{}',
        created_at: new Date().toISOString(),
      } as never)
      .execute();
  const resetSequence = async () => {
    if (getDb().dialect === 'postgres')
      await sql`select setval('events_id_seq', (select max(id) from events))`.execute(
        t.ctx.db,
      );
  };

  test('an event that commits after a later one, within the grace, is delivered to everyone, in order', async () => {
    const start = await maxEventId(t.ctx.db);
    const { bus, inOrder, withLate } = await followers(60_000);
    // Event start+2 commits first, as a short transaction can overtake a long one on PostgreSQL.
    await insert(start + 2);
    await bus.catchUp();
    assert.deepEqual(inOrder, [], 'start+2 waits for start+1');
    await insert(start + 1);
    await bus.catchUp();
    assert.deepEqual(inOrder, [start + 1, start + 2]);
    assert.deepEqual(withLate, [start + 1, start + 2]);
    await bus.close();
    await resetSequence();
  });

  test('one that commits after the grace still reaches the caches (late), not the in-order followers', async () => {
    const start = await maxEventId(t.ctx.db);
    const { bus, inOrder, withLate } = await followers(20);
    await insert(start + 2);
    await bus.catchUp();
    await new Promise((r) => setTimeout(r, 40));
    await bus.catchUp();
    assert.deepEqual(inOrder, [start + 2], 'start+1 was taken for a burnt id');
    await insert(start + 1);
    await bus.catchUp();
    assert.deepEqual(
      withLate,
      [start + 2, start + 1],
      'the late event is reported',
    );
    assert.deepEqual(
      inOrder,
      [start + 2],
      'never out of order for in-order followers',
    );
    await bus.catchUp();
    assert.deepEqual(withLate, [start + 2, start + 1], 'and only once');
    await bus.close();
    await resetSequence();
  });

  test('the tracker: a draft’s edits touch nothing; a public article’s touch its month and the article lists', async () => {
    const tracker = new ChangeTracker({
      db: t.ctx.db,
      bus: t.ctx.bus,
      sink: t.ctx.events,
    });
    await tracker.sync();
    const june = await buildArticle(t.ctx, {
      publishedAt: new Date('2025-06-03T10:00:00Z'),
    });
    const draft = await buildArticle(t.ctx, { status: 'draft' });
    const built = await tracker.sync();
    await updateArticleForTest(t.ctx, draft.id, {
      title: 'Brouillon retouché',
    });
    await tracker.sync();
    assert.ok(
      tracker.isFresh(['articles', 'month:2025-06', 'month:2025-07'], built),
      'a draft is in no public list',
    );
    // No wait, no poll: sync() catches the bus up on this process's own write.
    await updateArticleForTest(t.ctx, june.id, { title: 'Juin retouché' });
    await tracker.sync();
    assert.equal(tracker.isFresh(['month:2025-06'], built), false);
    assert.equal(tracker.isFresh(['articles'], built), false);
    assert.equal(
      tracker.isFresh(['month:2025-07'], built),
      true,
      'July’s sitemap is untouched',
    );
    assert.equal(tracker.isFresh(['taxonomy'], built), true);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
