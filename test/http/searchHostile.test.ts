import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle } from '../support/factories.ts';
import { readLines, sharedFile, SHARED_MISSING } from '../support/shared.ts';
import { randomQueries } from '../support/hostile.ts';

/**
 * Any string is a valid query: every line of the XSS and SQL-injection lists in
 * ../shared/data/security-payloads, the Big List of Naughty Strings, and 10,000 random strings
 * (FTS operators, quotes, Arabic, emoji, control characters, up to 10,000 characters) are sent
 * as queries (the payloads on the HTML page, the random strings on the JSON API, each with a
 * sample on the other). Each answer is a 200 or a 400, never a 500; no payload comes back unescaped, and
 * the database is intact afterwards.
 */
function payloadLines(): string[] | null {
  const root = sharedFile('data/security-payloads');
  if (!root) return null;
  const lines: string[] = [];
  const dirs = [
    'PayloadsAllTheThings/xss-injection/intruders',
    'PayloadsAllTheThings/sql-injection/intruder',
  ];
  for (const dir of dirs) {
    for (const file of readdirSync(`${root}/${dir}`).sort())
      lines.push(...readLines(`${root}/${dir}/${file}`));
  }
  lines.push(...readLines(`${root}/payloadbox-xss/xss-payload-list.txt`));
  lines.push(
    ...readLines(`${root}/big-list-of-naughty-strings/blns.txt`).filter(
      (l) => !l.startsWith('#'),
    ),
  );
  return lines;
}

/**
 * Sends the queries a few at a time: every one is still checked, but on PostgreSQL the next ones
 * are parsed and rendered while the database answers, instead of each waiting for the round trip
 * before it.
 */
const BATCH = 8;
async function inBatches(
  queries: string[],
  send: (q: string, i: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < queries.length; start += BATCH)
    await Promise.all(
      queries.slice(start, start + BATCH).map((q, k) => send(q, start + k)),
    );
}

describeEachDialect('search with hostile input', (getDb) => {
  let t: TestApp;
  let articlesBefore = 0;
  /** The main part of result pages for harmless queries, with and without results. */
  let ownMarkup: string[] = [];
  const mainOf = (body: string) =>
    body.slice(body.indexOf('<main'), body.lastIndexOf('</main>'));

  const check = async (url: string, q: string, html: boolean) => {
    const res = await t.app.inject({ method: 'GET', url, query: { q } });
    assert.ok(
      res.statusCode === 200 || res.statusCode === 400,
      `${url} q=${JSON.stringify(q.slice(0, 200))} → ${res.statusCode}: ${res.body.slice(0, 300)}`,
    );
    if (html && q.includes('<')) {
      // Inside <main>, a payload may only appear escaped, unless it is a piece of the page's own
      // markup (« </form> », « <p> »), which is there whatever the query.
      const main = mainOf(res.body);
      assert.ok(
        !main.includes(q) || ownMarkup.some((m) => m.includes(q)),
        `payload echoed unescaped: ${q.slice(0, 200)}`,
      );
    }
  };

  test('setup: a few articles that common payload words could match', async () => {
    t = await buildTestApp(getDb());
    await buildArticle(t.ctx, {
      title: 'Alerte : script et balise',
      lead: 'Un article sur les scripts, select, union, table et document.',
    });
    await buildArticle(t.ctx, {
      title: 'Le Maroc et la Chine',
      lead: 'Économie.',
    });
    ownMarkup = await Promise.all(
      ['/recherche?q=zzzz', '/recherche?q=script'].map(async (u) =>
        mainOf((await t.app.inject(u)).body),
      ),
    );
    articlesBefore = Number(
      (
        await t.ctx.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  });

  test('every XSS and SQL-injection payload, on the page and the API', {
    skip: payloadLines() ? false : SHARED_MISSING,
  }, async () => {
    const lines = payloadLines()!;
    assert.ok(lines.length > 10_000, `${lines.length} payloads`);
    // The page is where markup could escape; the API shares its parser and provider, and gets a sample.
    await inBatches(lines, async (q, i) => {
      await check('/recherche', q, true);
      if (i % 10 === 0) await check('/api/search', q, false);
    });
  });

  test('10,000 random strings on the API, one in twenty on the page too', async () => {
    const queries = randomQueries(10_000);
    assert.equal(queries.length, 10_000);
    assert.ok(
      queries.some((q) => q.length > 5000),
      'some are very long',
    );
    await inBatches(queries, async (q, i) => {
      await check('/api/search', q, false);
      if (i % 20 === 0) await check('/recherche', q, true);
    });
  });

  test('malformed encodings and parameters answer 4xx, never 500', async () => {
    for (const url of [
      '/recherche?q=%E0%A4%A',
      '/recherche?q=%FF%FE',
      '/api/search?q=%',
      '/recherche?q[]=x',
      '/api/search?q[a]=1',
      '/recherche?page=1e3',
      '/api/search?tri[]=date',
    ]) {
      const res = await t.app.inject(url);
      assert.ok(
        res.statusCode === 200 || res.statusCode === 400,
        `${url} → ${res.statusCode}`,
      );
    }
  });

  test('the database is intact and search still works', async () => {
    const after = Number(
      (
        await t.ctx.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(after, articlesBefore);
    const res = (await t.app.inject('/api/search?q=maroc+chine')).json() as {
      total: number;
    };
    assert.equal(res.total, 1);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
