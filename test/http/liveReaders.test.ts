import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { connectSse, type SseClient } from '../support/sse.ts';

/**
 * Live readers now, on the editors' audience page, across two processes sharing one database:
 * each stream is counted once, on the process that holds it, and a process that stops drops out.
 */
describeEachDialect('live readers across processes', (getDb) => {
  let a: TestApp;
  let b: TestApp;
  let editor: Client;
  const streams: SseClient[] = [];
  after(() => {
    for (const s of streams) s.close();
  });

  const shown = async () => {
    const page = await editor.get('/admin/audience');
    assert.equal(page.statusCode, 200);
    const text = cheerio.load(page.body)('main').text().replace(/\s+/g, ' ');
    const m = /(\d+) lecteurs? en direct maintenant/.exec(text);
    assert.ok(m, text.slice(0, 300));
    return Number(m[1]);
  };
  const until = async (expected: number) => {
    let last = -1;
    for (let i = 0; i < 50; i++) {
      last = await shown();
      if (last === expected) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    return last;
  };

  test('two streams on one process, three on the other: 5 on the page of either', async () => {
    const env = { LIVE_POLL_MS: '100' };
    a = await buildTestApp(getDb(), env);
    b = await buildTestApp(getDb(), env);
    const baseA = await a.app.listen({ port: 0, host: '127.0.0.1' });
    const baseB = await b.app.listen({ port: 0, host: '127.0.0.1' });
    editor = new Client(a.app);
    await editor.signIn((await buildUser(a.ctx, 'editor')).email);
    assert.equal(await until(0), 0);
    for (const base of [baseA, baseA, baseB, baseB, baseB])
      streams.push(await connectSse(`${base}/live/fil-info`));
    assert.equal(await until(5), 5);
    streams.pop()!.close();
    assert.equal(await until(4), 4, 'a reader who leaves is no longer counted');
  });

  test('a process that stops drops out', async () => {
    for (const s of streams.splice(2)) s.close();
    await b.app.close();
    assert.equal(await until(2), 2);
  });

  test('teardown', async () => {
    for (const s of streams) s.close();
    await a.app.close();
  });
});
