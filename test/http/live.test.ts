import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { connectSse, payload, type SseClient } from '../support/sse.ts';
import { simulateUnpublish, simulateUpdate } from '../support/liveChanges.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';
import { listEventsAfter, recordEvent } from '../../src/db/repos/events.ts';
import { filInfoMessages } from '../../src/live/filInfoMessages.ts';
import { loadConfig } from '../../src/config.ts';

const PATH = '/live/fil-info';
const actor = systemActor('test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The live fil info over real HTTP (streams need a socket), on both databases: messages for
 * every kind of change, resumption without gap or duplicate, limits, shutdown. The two-process
 * case is liveMultiProcess.test.ts.
 */
describeEachDialect('live fil info stream', (getDb) => {
  let t: TestApp;
  let base: string;
  let sectionId: number;
  const open: SseClient[] = [];
  const connect = async (
    options: Parameters<typeof connectSse>[1] = {},
    path = PATH,
  ) => {
    const c = await connectSse(base + path, options);
    open.push(c);
    return c;
  };
  const closeAll = async () => {
    for (const c of open.splice(0)) c.close();
    await sleep(100); // let the server see the sockets close and free their slots
  };
  afterEach(closeAll);
  /** Publishes a new article through the command; returns it with the publish event's id. */
  const publishNew = async (
    title: string,
    options: { breaking?: boolean } = {},
  ) => {
    const draft = await buildArticle(t.ctx, {
      title,
      sectionId,
      status: 'draft',
      breaking: options.breaking ?? false,
    });
    await publishArticle(t.ctx, actor, { articleId: draft.id });
    return {
      article: draft,
      eventId: await lastEventId(draft.id, 'articles.publish'),
    };
  };
  const lastEventId = async (articleId: number, name: string) => {
    const row = await t.ctx.db
      .selectFrom('events')
      .select('id')
      .where('article_id', '=', articleId)
      .where('name', '=', name)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  test('setup: the app listening on a port', async () => {
    t = await buildTestApp(getDb(), {
      // The test stands for clients behind a proxy on this machine, each with its own address.
      TRUST_PROXY: 'loopback',
      LIVE_HEARTBEAT_MS: '150',
      LIVE_MAX_PER_IP: '3',
      LIVE_MAX_CLIENTS: '6',
      LIVE_REPLAY_MAX: '8',
      LIVE_GRACE_MS: '300',
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    sectionId = (await buildSection(t.ctx, { slug: 'sport', name: 'Sport' }))
      .id;
    await buildArticle(t.ctx, { title: 'Déjà en ligne', sectionId });
  });

  test('without Accept: text/event-stream, a JSON snapshot of the fil info', async () => {
    const res = await t.app.inject(PATH);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/json/);
    assert.match(res.headers['vary'] as string, /Accept/);
    const body = res.json() as {
      lastEventId: number;
      items: { title: string; time: string; url: string }[];
    };
    assert.ok(body.lastEventId > 0);
    assert.deepEqual(
      body.items.map((i) => [i.title, i.time, i.url]),
      [['Déjà en ligne', '12:02', body.items[0]!.url]],
    );
  });

  test('a stream: anti-buffering headers, retry, heartbeats', async () => {
    const c = await connect();
    assert.equal(c.status, 200);
    assert.equal(c.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(c.headers['cache-control'], 'no-cache, no-transform');
    assert.equal(c.headers['x-accel-buffering'], 'no');
    // Wait for two heartbeats however busy the machine is: what is checked is that they come.
    for (
      let waited = 0;
      c.comments.filter((x) => x === 'ping').length < 2 && waited < 30_000;
      waited += 50
    )
      await sleep(50);
    assert.ok(
      c.retry !== null && c.retry >= 2000 && c.retry <= 5000,
      `retry ${c.retry}`,
    );
    assert.ok(
      c.comments.filter((x) => x === 'ping').length >= 2,
      `heartbeats: ${c.comments.join(',')}`,
    );
    await closeAll();
  });

  test('publish → `published` with the event id and the line as readers see it; drafts send nothing', async () => {
    const c = await connect();
    await sleep(50);
    await buildArticle(t.ctx, {
      title: 'Brouillon secret',
      sectionId,
      status: 'draft',
    });
    const { article, eventId } = await publishNew(
      'Les Lions de l’Atlas qualifiés',
    );
    const e = await c.waitFor((m) => m.event === 'published');
    assert.equal(e.id, String(eventId));
    assert.deepEqual(payload(e), {
      id: article.id,
      url: `/articles/${article.slug}`,
      title: 'Les Lions de l’Atlas qualifiés',
      time: '12:03',
      iso: '2025-07-10T12:03:00+01:00',
      day: '2025-07-10',
      section: { slug: 'sport', name: 'Sport', url: '/rubrique/sport' },
      breaking: false,
      live: null,
    });
    await sleep(300);
    assert.deepEqual(
      c.events.map((m) => m.event),
      ['published'],
      'nothing for the draft',
    );
    assert.ok(!c.events.some((m) => m.data.includes('Brouillon secret')));
    await closeAll();
  });

  test('breaking, updated, unpublished, in order, each with its event id', async () => {
    const c = await connect();
    await sleep(50);
    // Each change waits for the previous message: a message carries the state at delivery time.
    const { article, eventId: breakingId } = await publishNew(
      'Séisme ressenti à Al Hoceïma',
      { breaking: true },
    );
    await c.waitFor((m) => m.id === String(breakingId));
    const updateId = await simulateUpdate(t.ctx, article.id, {
      title: 'Séisme de magnitude 4,6 ressenti à Al Hoceïma',
    });
    await c.waitFor((m) => m.id === String(updateId));
    const unpublishId = await simulateUnpublish(t.ctx, article.id);
    await c.waitFor((m) => m.event === 'unpublished');
    assert.deepEqual(
      c.events.map((m) => [m.id, m.event]),
      [
        [String(breakingId), 'breaking'],
        [String(updateId), 'updated'],
        [String(unpublishId), 'unpublished'],
      ],
    );
    assert.equal(payload(c.events[0]!).breaking, true);
    assert.equal(
      payload(c.events[1]!).title,
      'Séisme de magnitude 4,6 ressenti à Al Hoceïma',
    );
    assert.deepEqual(
      JSON.parse(c.events[2]!.data),
      { id: article.id },
      'an unpublished line says nothing but its id',
    );
    await closeAll();
  });

  test('messages carry the state at delivery: a line unpublished before delivery never shows', async () => {
    const { article } = await publishNew('Publié par erreur');
    await simulateUnpublish(t.ctx, article.id);
    const events = await t.ctx.db
      .selectFrom('events')
      .select('id')
      .where('article_id', '=', article.id)
      .execute();
    const batch = await listEventsAfter(
      t.ctx.db,
      Math.min(...events.map((e) => e.id)) - 1,
    );
    const messages = await filInfoMessages(
      t.ctx.db,
      batch.filter((e) => e.articleId === article.id),
      t.clock.now(),
      loadConfig({}).site,
    );
    assert.deepEqual(
      messages.map((m) => [m.event, m.data]),
      [
        ['unpublished', { id: article.id }],
        ['unpublished', { id: article.id }],
      ],
    );
  });

  test('a rolled-back change sends nothing; the next one arrives', async () => {
    const c = await connect();
    await sleep(50);
    const draft = await buildArticle(t.ctx, {
      title: 'Annulé',
      sectionId,
      status: 'draft',
    });
    await assert.rejects(
      t.ctx.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('articles')
          .set({
            status: 'published',
            published_at: t.clock.now().toISOString(),
            first_published_at: t.clock.now().toISOString(),
          })
          .where('id', '=', draft.id)
          .execute();
        await t.ctx.events.record(tx, {
          name: 'articles.publish',
          articleId: draft.id,
          at: t.clock.now(),
        });
        throw new Error('rollback');
      }),
      /rollback/,
    );
    const { eventId } = await publishNew('Après le retour en arrière');
    // On PostgreSQL the rolled-back id is a gap the bus waits out (LIVE_GRACE_MS) before moving on.
    const e = await c.waitFor((m) => m.event === 'published');
    assert.equal(e.id, String(eventId));
    assert.equal(c.events.length, 1);
    await closeAll();
  });

  test('Last-Event-ID: exactly the missed events, then live ones, no duplicate (header and ?lastEventId=)', async () => {
    const first = await connect();
    await sleep(50);
    const { eventId: seen } = await publishNew('Vu en direct');
    await first.waitFor((m) => m.id === String(seen));
    first.close();
    await sleep(50);
    const a = await publishNew('Manqué 1');
    await buildArticle(t.ctx, {
      title: 'Brouillon pendant l’absence',
      sectionId,
      status: 'draft',
    });
    await t.ctx.db.transaction().execute((tx) =>
      recordEvent(tx, {
        name: 'sections.update',
        payload: {},
        at: t.clock.now(),
      }),
    );
    const updated = await simulateUpdate(t.ctx, a.article.id, {
      title: 'Manqué 1, corrigé',
    });
    const b = await publishNew('Manqué 2');
    const missed = [
      [String(a.eventId), 'published'],
      [String(updated), 'updated'],
      [String(b.eventId), 'published'],
    ];

    for (const resume of [
      { lastEventId: seen },
      { query: `?lastEventId=${seen}` },
    ]) {
      const c =
        'query' in resume
          ? await connect({}, PATH + resume.query)
          : await connect({ lastEventId: resume.lastEventId });
      await c.waitFor((m) => m.id === String(b.eventId));
      assert.deepEqual(
        c.events.map((m) => [m.id, m.event]),
        missed,
      );
      assert.deepEqual(
        c.events.slice(0, 3).map((m) => payload(m).title),
        ['Manqué 1, corrigé', 'Manqué 1, corrigé', 'Manqué 2'],
        'replays carry current headlines',
      );
      const live = await publishNew('Après la reprise');
      await c.waitFor((m) => m.id === String(live.eventId));
      assert.deepEqual(
        c.events.map((m) => m.id),
        [...missed.map(([id]) => id), String(live.eventId)],
      );
      missed.push([String(live.eventId), 'published']);
      c.close();
    }
    await closeAll();
  });

  test('too far behind, or an id from another database: told to reload', async () => {
    let last = 0;
    for (let i = 0; i < 9; i++)
      last = (await publishNew(`Rafale ${i}`)).eventId;
    const behind = await connect({ lastEventId: 1 });
    const reload = await behind.waitFor(() => true);
    assert.equal(reload.event, 'reload');
    await behind.waitFor((m) => Number(m.id) >= last);
    const sinceReload = behind.events.slice(1).map((m) => m.id);
    const future = await connect({ lastEventId: 9_999_999 });
    assert.equal((await future.waitFor(() => true)).event, 'reload');
    // The reload message carries the current position: resuming from it replays nothing.
    const resumed = await connect({ lastEventId: reload.id });
    const next = await publishNew('Après rechargement');
    await resumed.waitFor((m) => m.id === String(next.eventId));
    assert.deepEqual(
      resumed.events.map((m) => m.id),
      [...sinceReload, String(next.eventId)],
      `reload at ${reload.id}`,
    );
    await closeAll();
  });

  test('limits: per address (429) and in total (503), as JSON with a French message', async () => {
    const ip = { 'X-Forwarded-For': '203.0.113.7' };
    for (let i = 0; i < 3; i++)
      assert.equal((await connect({ headers: ip })).status, 200);
    const refused = await connect({ headers: ip });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.deepEqual(
      JSON.parse(refused.body).error.code,
      'live_too_many_for_address',
    );
    assert.match(
      JSON.parse(refused.body).error.message,
      /Trop de connexions au direct/,
    );
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await connect({ headers: { 'X-Forwarded-For': `198.51.100.${i}` } }))
          .status,
        200,
      );
    const full = await connect({ headers: { 'X-Forwarded-For': '192.0.2.1' } });
    assert.equal(full.status, 503);
    assert.match(JSON.parse(full.body).error.message, /saturé/);
    await closeAll();
    assert.equal(
      (await connect({ headers: ip })).status,
      200,
      'slots are freed when clients leave',
    );
    await closeAll();
  });

  test('a malformed Last-Event-ID is a 400, in JSON', async () => {
    for (const options of [{ lastEventId: 'abc' }, { headers: {} }]) {
      const c =
        'lastEventId' in options
          ? await connect(options)
          : await connect(options, `${PATH}?lastEventId=-1`);
      assert.equal(c.status, 400);
      assert.equal(JSON.parse(c.body).error.code, 'invalid_last_event_id');
    }
  });

  test('closing the app ends open streams promptly', async () => {
    const c = await connect();
    await sleep(50);
    const started = Date.now();
    await t.app.close();
    await c.ended;
    assert.ok(
      Date.now() - started < 2_000,
      `closed in ${Date.now() - started} ms`,
    );
  });
});
