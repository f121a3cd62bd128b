import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { connectSse, type SseClient } from '../support/sse.ts';

interface PresenceView {
  others: { name: string; since: string }[];
  text: string;
}

/**
 * Presence in the editor (issue 16 item 8): a member who opens an article's presence stream is
 * shown, live, to the others who have it open; leaving removes them; a member who may not view
 * the article gets no stream and learns nothing.
 */
describeEachDialect('editor presence', (getDb) => {
  let t: TestApp;
  let base: string;
  let samira: Client;
  let karim: Client;
  let contributor: Client;
  let articleId: number;
  const streams: SseClient[] = [];
  const open = async (who: Client) => {
    const c = await connectSse(`${base}/admin/articles/${articleId}/presence`, {
      headers: { cookie: who.cookieHeader },
    });
    streams.push(c);
    return c;
  };
  const view = (e: { data: string }) => JSON.parse(e.data) as PresenceView;

  test('setup: two editors and a contributor, the app listening', async () => {
    t = await buildTestApp(getDb());
    const s = await buildUser(t.ctx, 'editor', { name: 'Samira' });
    const k = await buildUser(t.ctx, 'editor', { name: 'Karim' });
    const c = await buildUser(t.ctx, 'contributor', { name: 'Nadia' });
    samira = new Client(t.app);
    karim = new Client(t.app);
    contributor = new Client(t.app);
    assert.equal((await samira.signIn(s.email)).statusCode, 303);
    assert.equal((await karim.signIn(k.email)).statusCode, 303);
    assert.equal((await contributor.signIn(c.email)).statusCode, 303);
    // A draft by someone else: the contributor may not see it.
    articleId = (await buildArticle(t.ctx, { status: 'draft' })).id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  test('the editor page holds the presence line and the script that fills it', async () => {
    const res = await samira.get(`/admin/articles/${articleId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<p id="editor-presence"[^>]*hidden><\/p>/);
  });

  test('a second member opening the article is shown to the first, live, and leaving clears it', async () => {
    const first = await open(samira);
    assert.equal(first.status, 200);
    assert.match(String(first.headers['content-type']), /text\/event-stream/);
    const alone = await first.waitFor((e) => e.event === 'presence');
    assert.equal(view(alone).text, '', 'nobody else yet');

    const second = await open(karim);
    const seenByKarim = await second.waitFor((e) => e.event === 'presence');
    assert.deepEqual(
      view(seenByKarim).others.map((o) => o.name),
      ['Samira'],
    );
    const arrival = await first.waitFor(
      (e) => e.event === 'presence' && view(e).others.length === 1,
    );
    const line = view(arrival);
    assert.equal(line.others[0]!.name, 'Karim');
    assert.match(line.others[0]!.since, /^\d{2}:\d{2}$/, '24-hour clock');
    assert.equal(
      line.text,
      `Karim modifie cet article depuis ${line.others[0]!.since}`,
    );

    // The JSON snapshot says the same to a member who only asks.
    const snapshot = await samira.get(`/admin/articles/${articleId}/presence`);
    assert.equal(snapshot.statusCode, 200);
    assert.deepEqual(
      (snapshot.json() as PresenceView).others.map((o) => o.name),
      ['Karim'],
    );

    const from = first.events.length;
    second.close();
    const departure = await first.waitFor(
      (e) => e.event === 'presence',
      30_000,
      from,
    );
    assert.equal(view(departure).text, '');
  });

  test('a member who may not view the article gets neither the stream nor the names', async () => {
    const denied = await open(contributor);
    assert.ok(
      denied.status >= 400 && denied.status < 500,
      String(denied.status),
    );
    assert.doesNotMatch(denied.body, /Samira/);
    const snapshot = await contributor.get(
      `/admin/articles/${articleId}/presence`,
    );
    assert.ok(snapshot.statusCode >= 400 && snapshot.statusCode < 500);
    assert.doesNotMatch(snapshot.body, /Samira/);
    const anonymous = await connectSse(
      `${base}/admin/articles/${articleId}/presence`,
    );
    streams.push(anonymous);
    assert.ok(anonymous.status >= 300 && anonymous.status < 500);
    assert.doesNotMatch(anonymous.body, /Samira/);
  });

  test('teardown', async () => {
    for (const s of streams) s.close();
    await t.app.close();
  });
});
