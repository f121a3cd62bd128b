import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, TEST_NOW, type TestApp } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { recordEvent } from '../../src/db/repos/events.ts';
import { EditorPresence } from '../../src/live/editorPresence.ts';

const HEARTBEAT_MS = 50;

/**
 * Presence announcements do not pile up in the events table: at each heartbeat a process
 * deletes the `presence.update` rows older than ten heartbeats, and nothing else.
 */
describeEachDialect('presence announcements are pruned', (getDb) => {
  let t: TestApp;

  test('old announcements go, recent ones and other events stay', async () => {
    t = await buildTestApp(getDb());
    const articleId = (await buildArticle(t.ctx, { status: 'draft' })).id;
    const now = new Date(TEST_NOW);
    const longAgo = new Date(now.getTime() - 3_600_000);
    const announce = (at: Date) =>
      recordEvent(t.ctx.db, {
        name: 'presence.update',
        articleId,
        at,
        payload: { node: 'gone', editors: [] },
      });
    const old = [await announce(longAgo), await announce(longAgo)];
    const recent = await announce(now);
    const otherOld = await recordEvent(t.ctx.db, {
      name: 'articles.update',
      articleId,
      at: longAgo,
    });
    const ids = async () =>
      (
        await t.ctx.db
          .selectFrom('events')
          .select('id')
          .where('id', 'in', [...old, recent, otherOld])
          .orderBy('id')
          .execute()
      ).map((r) => r.id);
    assert.equal((await ids()).length, 4);

    const presence = new EditorPresence({
      timeZone: 'Africa/Casablanca',
      ctx: t.ctx,
      bus: t.ctx.bus,
      heartbeatMs: HEARTBEAT_MS,
    });
    await presence.start();
    try {
      const deadline = Date.now() + 10_000;
      while ((await ids()).length > 2 && Date.now() < deadline)
        await sleep(HEARTBEAT_MS);
    } finally {
      await presence.close();
    }
    assert.deepEqual(
      await ids(),
      [recent, otherOld].sort((a, b) => a - b),
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
