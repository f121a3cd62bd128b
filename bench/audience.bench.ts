/**
 * Audience beacons on one process: beacons accepted per second (`POST /beacon`, 204) while the
 * page cache keeps serving the home page, with the home page's req/s and p99 alone and under
 * beacon load beside it. Afterwards the stored counters are summed and compared with the number
 * of beacons answered 204, so a beacon accepted and then lost would show. SQLite, demo content.
 *   npm run bench -- audience [--quick]
 * Target (issue 19): ≥ 10,000 beacons/s with the page cache still serving. For scale, the same
 * beacons against a bare node:http server answering 204 (the load generator's ceiling here).
 *
 * Then the live blog: two server processes on one PostgreSQL database, 2,000 readers (100 with
 * --quick) split between them on the live stream, entries posted one after the other through a
 * third connection (as the back office of any process would). Publish-to-screen is the time from
 * asking for the entry to its message reaching a reader, p50 / p99 over every (reader, entry).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startProcess, stop, ROOT } from './lib/processes.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/services.ts';
import { systemClock } from '../src/domain/clock.ts';
import { systemActor } from '../src/commands/context.ts';
import { createArticle } from '../src/commands/createArticle.ts';
import { publishArticle } from '../src/commands/publishArticle.ts';
import { postLiveEntry, startLiveBlog } from '../src/commands/liveBlog.ts';
import { insertAuthor, insertSection } from '../src/db/repos/taxonomy.ts';
import { startDrivenNode, type DrivenNode } from '../test/support/processes.ts';
import {
  checkOpenFiles,
  closeAll,
  connectClients,
  figures,
  settle,
  type Figures,
} from './lib/sseClients.ts';

const quick = process.argv.includes('--quick');
const duration = quick ? 2 : 15;
const CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}
function summary(r: autocannon.Result): Measure {
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    errors: r.errors + r.non2xx,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
const dbPath = join(dir, 'bench.sqlite');
// The rate limit is per address and browser; autocannon is one of each.
const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], {
  DATABASE_URL: `sqlite:${dbPath}`,
  AUDIENCE_BEACONS_PER_MINUTE: '100000000',
});
let report = '';
try {
  const home = await (await fetch(`${site.url}/`)).text();
  const slug = /href="\/articles\/([^"]+)"/.exec(home)![1]!;
  const article = await (await fetch(`${site.url}/articles/${slug}`)).text();
  const articleId = Number(/data-article="(\d+)"/.exec(article)![1]);
  const handle = openDatabase({ dialect: 'sqlite', path: dbPath });
  const storedViews = async () =>
    Number(
      (
        await handle.db
          .selectFrom('audience_hourly')
          .select((eb) => eb.fn.sum<number>('views').as('n'))
          .where('article_id', '=', articleId)
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    );
  const before = await storedViews();

  // For scale: what this machine and this load generator reach against a bare node:http server
  // that reads the same beacon and answers an empty 204 (no rules, no counting): the ceiling.
  const bare = await startProcess([
    '-e',
    `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(204, { 'cache-control': 'no-store' }); s.end(); }); }).listen(0, '127.0.0.1', function () { console.log('listening http://127.0.0.1:' + this.address().port); });`,
  ]);
  let bareServer: Measure;
  try {
    bareServer = summary(
      await autocannon({
        url: `${bare.url}/beacon`,
        method: 'POST',
        connections: 40,
        duration,
        pipelining: 4,
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': CHROME,
        },
        body: JSON.stringify({ a: articleId, r: 'https://www.google.com/' }),
      }),
    );
  } finally {
    await stop(bare.child);
  }
  const pageAlone = summary(
    await autocannon({ url: `${site.url}/`, connections: 10, duration }),
  );
  const [beacons, pageUnderLoad] = await Promise.all([
    autocannon({
      url: `${site.url}/beacon`,
      method: 'POST',
      connections: 40,
      duration,
      pipelining: 4,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': CHROME,
      },
      body: JSON.stringify({ a: articleId, r: 'https://www.google.com/' }),
    }).then(summary),
    autocannon({ url: `${site.url}/`, connections: 10, duration }).then(
      summary,
    ),
  ]);
  await new Promise((r) => setTimeout(r, 3_000)); // one flush interval and more
  const counted = (await storedViews()) - before;
  await handle.close();
  const rows = [
    `| bare node:http server, empty 204 (the ceiling) | ${bareServer.rps.toFixed(0)} req/s | ${bareServer.p50} / ${bareServer.p99} ms | ${bareServer.errors} |`,
    `| home page alone | ${pageAlone.rps.toFixed(0)} req/s | ${pageAlone.p50} / ${pageAlone.p99} ms | ${pageAlone.errors} |`,
    `| beacons (POST /beacon, 204) | **${beacons.rps.toFixed(0)} /s** | ${beacons.p50} / ${beacons.p99} ms | ${beacons.errors} |`,
    `| home page during the beacons | ${pageUnderLoad.rps.toFixed(0)} req/s | ${pageUnderLoad.p50} / ${pageUnderLoad.p99} ms | ${pageUnderLoad.errors} |`,
  ];
  console.log(rows.join('\n'));
  console.log(`beacons answered 204: ${beacons.ok}; views stored: ${counted}`);
  report = `# Audience beacons

\`npm run bench -- audience${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, one process, SQLite, demo content, ${duration} s per measure.
Beacons: 40 connections, 4 pipelined. Home page: 10 connections, served from the page cache.

| what | rate | p50 / p99 | errors |
|---|---|---|---|
${rows.join('\n')}

Beacons answered 204 as autocannon counted them: ${beacons.ok}; views added to the stored counters: ${counted} (${counted >= beacons.ok ? 'none lost; a few more were answered after autocannon stopped counting' : 'LOST VIEWS'}).
`;
} finally {
  await stop(site.child);
  rmSync(dir, { recursive: true, force: true });
}
// --- The live blog: 2 processes, PostgreSQL ---------------------------------------------------
const READERS = quick ? 100 : 2_000;
const ENTRIES = quick ? 5 : 30;
const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const admin = async (statement: string) => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
};
checkOpenFiles(READERS * 2 + 500);
const liveRows: Figures[] = [];
let liveNote = '';
try {
  await admin('select 1');
  const name = `newsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const dbUrl = Object.assign(new URL(adminUrl), {
    pathname: `/${name}`,
  }).toString();
  const config = loadConfig({ DATABASE_URL: dbUrl });
  const handle = openDatabase(config.database);
  const nodes: DrivenNode[] = [];
  try {
    await migrateToLatest(handle.db);
    const services = createServices(config, handle, systemClock);
    const actor = systemActor('bench');
    const sectionId = await insertSection(
      handle.db,
      { slug: 'sport', name: 'Sport', description: '', position: 0 },
      new Date(),
    );
    const articleId = await createArticle(services, actor, {
      title: 'Match de banc d’essai en direct',
      lead: 'Chapô.',
      bodySource: 'Texte.',
      sectionId,
      // Publishing asks for a byline.
      authorIds: [
        await insertAuthor(
          handle.db,
          { slug: 'banc-d-essai', name: 'Banc d’essai', bio: '', userId: null },
          new Date(),
        ),
      ],
      tagIds: [],
    });
    await publishArticle(services, actor, { articleId });
    await startLiveBlog(services, actor, { articleId });
    const env = {
      LIVE_MAX_CLIENTS: '1000000',
      LIVE_MAX_PER_IP: '1000000',
      LOG_LEVEL: 'warn',
      SITE_URL: 'http://localhost',
      DATABASE_URL: dbUrl,
    };
    nodes.push(
      ...(await Promise.all([startDrivenNode(env), startDrivenNode(env)])),
    );
    const entryMessage = /^data: \{"articleId":\d+,"entryId":(\d+)/gm;
    const onA = await connectClients(
      [nodes[0]!.address],
      READERS / 2,
      entryMessage,
    );
    const onB = await connectClients(
      [nodes[1]!.address],
      READERS / 2,
      entryMessage,
    );
    const sent = new Map<number, number>();
    for (let i = 0; i < ENTRIES; i++) {
      const t0 = performance.now();
      const entryId = await postLiveEntry(services, actor, {
        articleId,
        bodySource: `${i + 1}e minute : le ballon circule au milieu de terrain.`,
        byline: 'Banc d’essai',
      });
      sent.set(entryId, t0);
      await new Promise((r) => setTimeout(r, quick ? 150 : 250));
    }
    await settle([...onA, ...onB], sent, 5_000);
    liveRows.push(
      figures(`readers of process A, ${READERS / 2}`, onA, sent),
      figures(`readers of process B, ${READERS / 2}`, onB, sent),
      figures(`all ${READERS} readers`, [...onA, ...onB], sent),
    );
    closeAll([...onA, ...onB]);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await handle.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
} catch (error) {
  liveNote = `Live blog part not measured: ${error instanceof Error ? error.message : String(error)}`;
  console.warn(liveNote);
}
const liveTable = liveRows.map(
  (f) =>
    `| ${f.label} | ${f.samples} / ${f.expected} | ${f.p50.toFixed(1)} ms | **${f.p99.toFixed(1)} ms** | ${f.max.toFixed(1)} ms |`,
);
console.log(liveTable.join('\n'));
report += `
## Live blog: publish-to-screen, 2 processes on PostgreSQL

${READERS} readers split between the two processes, ${ENTRIES} entries posted through a third connection.
${
  liveNote ||
  `| readers | messages received / expected | p50 | p99 | max |
|---|---|---|---|---|
${liveTable.join('\n')}`
}
`;

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/audience.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/audience.md',
);
