/**
 * Audience beacons on one process: beacons accepted per second (`POST /beacon`, 204) while the
 * page cache keeps serving the home page, with the home page's req/s and p99 alone and under
 * beacon load beside it. Afterwards the stored counters are summed and compared with the number
 * of beacons answered 204, so a beacon accepted and then lost would show. SQLite, demo content.
 *   npm run bench -- audience [--quick]
 * Target (issue 19): ≥ 10,000 beacons/s with the page cache still serving.
 * Not measured yet: the live blog's publish-to-screen p99 (live blogs are not built yet).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startProcess, stop, ROOT } from './lib/processes.ts';
import { openDatabase } from '../src/db/database.ts';

const quick = process.argv.includes('--quick');
const duration = quick ? 2 : 15;
const CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

interface Measure { rps: number; p50: number; p99: number; ok: number; errors: number }
function summary(r: autocannon.Result): Measure {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], errors: r.errors + r.non2xx };
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
const dbPath = join(dir, 'bench.sqlite');
// The rate limit is per address and browser; autocannon is one of each.
const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], { DATABASE_URL: `sqlite:${dbPath}`, AUDIENCE_BEACONS_PER_MINUTE: '100000000' });
let report = '';
try {
  const home = await (await fetch(site.url + '/')).text();
  const slug = /href="\/articles\/([^"]+)"/.exec(home)![1]!;
  const article = await (await fetch(`${site.url}/articles/${slug}`)).text();
  const articleId = Number(/data-article="(\d+)"/.exec(article)![1]);
  const handle = openDatabase({ dialect: 'sqlite', path: dbPath });
  const storedViews = async () => Number((await handle.db.selectFrom('audience_hourly').select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', articleId).executeTakeFirstOrThrow()).n ?? 0);
  const before = await storedViews();

  const pageAlone = summary(await autocannon({ url: site.url + '/', connections: 10, duration }));
  const [beacons, pageUnderLoad] = await Promise.all([
    autocannon({
      url: site.url + '/beacon', method: 'POST', connections: 40, duration, pipelining: 4,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME },
      body: JSON.stringify({ a: articleId, r: 'https://www.google.com/' }),
    }).then(summary),
    autocannon({ url: site.url + '/', connections: 10, duration }).then(summary),
  ]);
  await new Promise((r) => setTimeout(r, 3_000)); // one flush interval and more
  const counted = (await storedViews()) - before;
  await handle.close();
  const rows = [
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
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/audience.md'), report);
console.log(quick ? '(quick run: results not written)' : 'written to bench/results/audience.md');
