import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestDatabase,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { simulateUpdate } from '../support/liveChanges.ts';
import { connectSse, payload, type SseClient } from '../support/sse.ts';
import {
  startCliServer,
  startDrivenNode,
  type DrivenNode,
} from '../support/processes.ts';
import { createServices, type Services } from '../../src/services.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';

/**
 * Scale-out: two server processes on one PostgreSQL database. An article published through
 * process A reaches a reader connected to process B (NOTIFY crosses processes, not memory), and
 * a reader of B that drops and comes back with Last-Event-ID gets exactly what it missed.
 *
 * A publishes by running the publish command in its own process (test/support/serverProcess.ts,
 * driven over IPC): the back office, which will be A's real way in, is being built alongside;
 * the event, its NOTIFY and A's own bus are the same either way. B is a stock `newsdesk serve`.
 * The test process only prepares drafts and simulates an edit, as a third writer would.
 */
describe('live fil info across two processes [postgres]', {
  skip: POSTGRES_SKIP,
}, () => {
  let db: TestDatabase;
  let a: DrivenNode;
  let b: { address: string; stop(): Promise<void> };
  let writer: Services;
  let sectionId: number;
  const clients: SseClient[] = [];
  const PATH = '/live/fil-info';

  const eventIdOf = async (articleId: number, name: string) =>
    (
      await writer.db
        .selectFrom('events')
        .select('id')
        .where('article_id', '=', articleId)
        .where('name', '=', name)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  const publishThroughA = async (title: string) => {
    const draft = await buildArticle(writer, {
      title,
      sectionId,
      status: 'draft',
    });
    await a.publish(draft.id);
    return {
      id: draft.id,
      eventId: await eventIdOf(draft.id, 'articles.publish'),
    };
  };
  const connect = async (base: string, lastEventId?: number) => {
    const c = await connectSse(
      base + PATH,
      lastEventId === undefined ? {} : { lastEventId },
    );
    clients.push(c);
    assert.equal(c.status, 200);
    return c;
  };

  before(async () => {
    db = await createTestDatabase('postgres');
    writer = createServices(
      loadConfig({ DATABASE_URL: db.url }),
      db.handle,
      systemClock,
    );
    sectionId = (await buildSection(writer, { slug: 'sport', name: 'Sport' }))
      .id;
    // The poll is pushed out of reach: only NOTIFY can carry events between the processes here.
    const env = {
      DATABASE_URL: db.url,
      SITE_URL: 'http://localhost',
      LIVE_POLL_MS: '600000',
    };
    [a, b] = await Promise.all([startDrivenNode(env), startCliServer(env)]);
  });
  after(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  test('published through A, delivered to a reader of B (and of A)', async (t) => {
    const onB = await connect(b.address);
    const onA = await connect(a.address);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const published = await publishThroughA('Publié par le nœud A');
    const [fromB] = await Promise.all([
      onB.waitFor((m) => m.id === String(published.eventId)),
      onA.waitFor((m) => m.id === String(published.eventId)),
    ]);
    t.diagnostic(
      `on B ${Date.now() - started} ms after A was asked to publish`,
    );
    assert.equal(fromB.event, 'published');
    assert.equal(payload(fromB).title, 'Publié par le nœud A');
    assert.deepEqual(
      onB.events.map((m) => m.id),
      [String(published.eventId)],
    );
  });

  test('a reader of B that drops and resumes with Last-Event-ID gets exactly what it missed', async () => {
    const first = await connect(b.address);
    await new Promise((r) => setTimeout(r, 300));
    const seen = await publishThroughA('Vu avant la coupure');
    await first.waitFor((m) => m.id === String(seen.eventId));
    first.close();

    const missed1 = await publishThroughA('Manqué pendant la coupure');
    const edit = await simulateUpdate(writer, missed1.id, {
      title: 'Manqué pendant la coupure (corrigé)',
    });
    await buildArticle(writer, {
      title: 'Un brouillon qui ne doit pas sortir',
      sectionId,
      status: 'draft',
    });
    const missed2 = await publishThroughA('Manqué aussi');
    const expected = [
      [String(missed1.eventId), 'published'],
      [String(edit), 'updated'],
      [String(missed2.eventId), 'published'],
    ];

    const resumed = await connect(b.address, seen.eventId);
    await resumed.waitFor((m) => m.id === String(missed2.eventId));
    const live = await publishThroughA('Après la reprise');
    await resumed.waitFor((m) => m.id === String(live.eventId));
    assert.deepEqual(
      resumed.events.map((m) => [m.id, m.event]),
      [...expected, [String(live.eventId), 'published']],
    );
    assert.ok(!resumed.events.some((m) => m.data.includes('brouillon')));
  });

  test('a page B keeps is refreshed by A’s publication (NOTIFY reaches B’s bus, which tells its caches)', async () => {
    const home = async () => (await fetch(`${b.address}/`)).text();
    await home();
    assert.doesNotMatch(
      await home(),
      /Publié par A pour la une de B/,
      'B keeps its home page',
    );
    const reader = await connect(b.address);
    await new Promise((r) => setTimeout(r, 300));
    const published = await publishThroughA('Publié par A pour la une de B');
    await reader.waitFor((m) => m.id === String(published.eventId), 3_000);
    // B's bus hands the batch to the live feed, then to the caches: look until they have it.
    let page = '';
    for (
      const until = Date.now() + 3_000;
      Date.now() < until && !page.includes('Publié par A pour la une de B');
    ) {
      page = await home();
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(page, /Publié par A pour la une de B/);
  });
});
