/**
 * Public pages at a newsroom's size, against a bare Node http server, in one run. For each
 * database (SQLite, PostgreSQL) it generates archives from the French news corpus
 * (bench/lib/archive.ts) and runs `newsdesk serve` on them, then measures with wrk
 * (32 connections, Accept-Encoding: gzip, deflate, br):
 *   cold start   spawn → the socket listens, and → the first 200 for the home page;
 *   cached       home, article, section, tag, author, feed, search, each against
 *                bench/bareServer.ts sending the very bytes newsdesk sent (same encoding),
 *                measured back to back: the ratio of req/s, newsdesk's p50/p99, and the
 *                server's event loop delay p99 during the run (NEWSDESK_LOOP_STATS=1);
 *   uncached     a walk over every article of the archive (each URL asked once; a second pass
 *                adds `?tour=2`, a URL never kept), at several archive sizes, after an
 *                unmeasured warm-up walk: its rate must not fall as the archive grows; with the
 *                server's CPU time per page. The walk is bench/uncached.bench.ts's
 *                (bench/lib/uncachedWalk.ts), so the two benchmarks measure the same thing;
 *   mixed        cached pages, the walk and searches together: RSS sampled during the run, and
 *                the peak RSS of the server's whole life;
 *   transfer     what Chromium downloads for home and article (demo content), against the
 *                figures recorded on main before this work (bench/results/site-before.json).
 *   npm run bench -- site [--quick] [--million] [--sqlite]
 * --quick: 2,000 articles (walks at 500 and 2,000), 3 s runs: proves the harness works.
 * --million: the uncached walk at 1,000,000 articles too (generation takes a while).
 * --sqlite: SQLite only.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import {
  createTestDatabase,
  DIALECTS,
  POSTGRES_SKIP,
  type DialectName,
} from '../test/support/databases.ts';
import { generateArchive, type Archive } from './lib/archive.ts';
import { startProcess, stop, ROOT } from './lib/processes.ts';
import { measureTransfers, type Transfer } from './lib/transfer.ts';
import {
  runWalk,
  WALK_ENCODINGS,
  walkPaths,
  type WalkResult,
  walkScript as writeWalkScript,
} from './lib/uncachedWalk.ts';
import type { ChildProcess } from 'node:child_process';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const ARCHIVE = quick ? 2_000 : 100_000;
const WALKS = quick
  ? [500, 2_000]
  : [2_000, 100_000, ...(argv.includes('--million') ? [1_000_000] : [])];
const DURATION = quick ? 3 : 10;
/** The walk's unmeasured warm-up (the uncached bench's). */
const WARM_DURATION = quick ? 2 : 5;
const MIXED_DURATION = quick ? 4 : 30;
const COLD_RUNS = quick ? 1 : 3;
const CONNECTIONS = 32;
const THREADS = 2;
/** What every request sends (the walk's too: bench/lib/uncachedWalk.ts). */
const ACCEPT = WALK_ENCODINGS.browser;
const dialects: DialectName[] = argv.includes('--sqlite')
  ? ['sqlite']
  : DIALECTS.filter((d) => d === 'sqlite' || !POSTGRES_SKIP);
const work = mkdtempSync(join(tmpdir(), 'newsdesk-site-bench-'));

type WrkResult = WalkResult;
interface LoopStats {
  p50: number;
  p99: number;
  max: number;
  rss: number;
  maxRss: number;
  /** CPU time of the server's life so far (see src/loopStats.ts). */
  cpuMs: number;
}

/** wrk -t2 -c32 --latency, optionally with a Lua script and its arguments. */
function wrk(
  url: string,
  seconds: number,
  script?: { file: string; args: string[] },
): Promise<WrkResult> {
  return runWalk({
    url,
    seconds,
    connections: CONNECTIONS,
    threads: THREADS,
    accept: ACCEPT,
    ...(script ? { script } : {}),
  });
}

/** The server's loop delay since the last call, and its memory (see src/loopStats.ts). */
function loopStats(child: ChildProcess): Promise<LoopStats> {
  return new Promise((resolve) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /loopstats (\{[^\n]*\})\n/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      resolve(JSON.parse(m[1]!) as LoopStats);
    };
    child.stdout!.on('data', onData);
    child.kill('SIGUSR2');
  });
}

/** A GET as a browser sends it; the bytes as they came (not decompressed). */
function fetchRaw(
  url: string,
): Promise<{ status: number; type: string; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': ACCEPT } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          encoding: String(res.headers['content-encoding'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  listenMs: number;
  firstOkMs: number;
}

/** Starts `newsdesk serve` and times it: to the listening banner, and to the first 200 for `/`. */
async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  let listenMs = Number.NaN;
  const serving = startProcess(
    ['src/start.ts', 'serve', '--no-demo', '--port', String(port)],
    { DATABASE_URL: databaseUrl, NEWSDESK_LOOP_STATS: '1' },
  ).then((s) => {
    listenMs = performance.now() - started;
    return s;
  });
  let failed: unknown = null;
  serving.catch((error: unknown) => {
    failed = error;
  });
  for (;;) {
    if (failed) throw failed;
    const ok = await fetch(`${url}/`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const firstOkMs = performance.now() - started;
  const { child } = await serving;
  return { child, url, listenMs, firstOkMs };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The shared walk's script (bench/lib/uncachedWalk.ts), written in this run's directory. */
const walkScript = (name: string, paths: string[]) =>
  writeWalkScript(work, name, paths, THREADS);

interface DialectResult {
  dialect: DialectName;
  archive: Archive;
  cold: { size: number; listenMs: number; firstOkMs: number }[];
  cached: {
    page: string;
    path: string;
    bytes: number;
    encoding: string;
    ours: WrkResult;
    bare: WrkResult;
    loop: LoopStats;
  }[];
  walks: {
    size: number;
    result: WrkResult;
    loop: LoopStats;
    cpuMsPerPage: number;
  }[];
  mixed: { result: WrkResult; rss: number[]; loop: LoopStats } | null;
  /** RSS right after the first 200, per archive size. */
  startRss: { size: number; rss: number }[];
  archiveTransfer: Record<string, Transfer> | null;
}

async function withArchive<T>(
  dialect: DialectName,
  size: number,
  body: (url: string, archive: Archive) => Promise<T>,
): Promise<T> {
  const db = await createTestDatabase(dialect);
  try {
    const services = createServices(
      loadConfig({ LOG_LEVEL: 'silent' }),
      db.handle,
      systemClock,
    );
    const archive = await generateArchive(services, {
      articles: size,
      now: new Date(),
    });
    await services.bus.close();
    console.log(
      `[${dialect}] ${size} articles generated in ${archive.seedSeconds.toFixed(1)} s, indexed in ${archive.indexSeconds.toFixed(1)} s`,
    );
    return await body(db.url, archive);
  } finally {
    await db.drop();
  }
}

async function cold(
  url: string,
  size: number,
): Promise<DialectResult['cold'][number]> {
  const runs: Server[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const server = await startServer(url);
    runs.push(server);
    await stop(server.child);
  }
  const result = {
    size,
    listenMs: median(runs.map((r) => r.listenMs)),
    firstOkMs: median(runs.map((r) => r.firstOkMs)),
  };
  console.log(
    `  cold start at ${size}: listening ${result.listenMs.toFixed(0)} ms, first 200 ${result.firstOkMs.toFixed(0)} ms`,
  );
  return result;
}

async function walk(
  server: Server,
  archive: Archive,
): Promise<DialectResult['walks'][number]> {
  const walkFor = (name: string, seconds: number, query: string) =>
    runWalk({
      url: server.url,
      seconds,
      connections: CONNECTIONS,
      threads: THREADS,
      script: walkScript(
        `${name}-${archive.articles}`,
        walkPaths(archive.slugs, query),
      ),
      accept: ACCEPT,
    });
  // Unmeasured first, as in bench/uncached.bench.ts: the JIT and the database's cache warm up
  // (URLs of their own, so the measured walk still finds nothing kept).
  await walkFor('warm', WARM_DURATION, '?warm');
  const before = await loopStats(server.child);
  const result = await walkFor('walk', DURATION, '');
  const loop = await loopStats(server.child);
  const cpuMsPerPage = (loop.cpuMs - before.cpuMs) / result.requests;
  console.log(
    `  uncached walk at ${archive.articles}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, loop p99 ${loop.p99} ms, server CPU ${cpuMsPerPage.toFixed(2)} ms/page, ${result.bad} bad`,
  );
  return { size: archive.articles, result, loop, cpuMsPerPage };
}

async function cachedPages(
  server: Server,
  archive: Archive,
): Promise<DialectResult['cached']> {
  const pages: Record<string, string> = {
    home: '/',
    article: `/articles/${encodeURIComponent(archive.slugs.at(-1)!)}`,
    section: `/rubrique/${archive.sections[0]}`,
    tag: `/sujet/${archive.tags[0]}`,
    author: `/auteur/${archive.authors[0]}`,
    feed: '/feed.xml',
    search: '/recherche?q=gouvernement',
  };
  const out: DialectResult['cached'] = [];
  for (const [page, path] of Object.entries(pages)) {
    await fetchRaw(server.url + path); // built and kept
    const sent = await fetchRaw(server.url + path);
    if (sent.status !== 200) throw new Error(`${path} answered ${sent.status}`);
    const bodyFile = join(work, `${page}.body`);
    writeFileSync(bodyFile, sent.body);
    const bare = await startProcess([
      'bench/bareServer.ts',
      bodyFile,
      sent.type,
      sent.encoding,
    ]);
    const baseline = await wrk(bare.url, DURATION);
    await stop(bare.child);
    await loopStats(server.child);
    const ours = await wrk(server.url + path, DURATION);
    const loop = await loopStats(server.child);
    const row = {
      page,
      path,
      bytes: sent.body.length,
      encoding: sent.encoding || 'identity',
      ours,
      bare: baseline,
      loop,
    };
    console.log(
      `  cached ${page}: ${ours.rps.toFixed(0)} vs bare ${baseline.rps.toFixed(0)} req/s = ${(ours.rps / baseline.rps).toFixed(3)}, p99 ${ours.p99} ms, loop p99 ${loop.p99} ms, ${ours.bad} bad`,
    );
    out.push(row);
  }
  return out;
}

/** Cached pages, the walk and searches at once; RSS sampled every second or two. */
async function mixed(
  server: Server,
  archive: Archive,
): Promise<NonNullable<DialectResult['mixed']>> {
  const words = ['maroc', 'gouvernement', 'football', 'prix', 'paris', 'santé'];
  const article = (i: number) =>
    `/articles/${encodeURIComponent(archive.slugs[(i * 104729) % archive.slugs.length]!)}`;
  const paths: string[] = [];
  for (let i = 0; i < archive.slugs.length; i++) {
    paths.push(article(i), '/', article(i + 1));
    if (i % 3 === 0) paths.push(`/recherche?q=${words[i % words.length]}`);
    if (i % 5 === 0)
      paths.push(`/rubrique/${archive.sections[i % archive.sections.length]}`);
  }
  await loopStats(server.child);
  const rss: number[] = [];
  const sampling = setInterval(() => {
    void loopStats(server.child).then((s) => rss.push(s.rss));
  }, 2_000);
  const result = await wrk(
    server.url,
    MIXED_DURATION,
    walkScript('mixed', paths),
  );
  clearInterval(sampling);
  const loop = await loopStats(server.child);
  rss.push(loop.rss);
  console.log(
    `  mixed load: ${result.rps.toFixed(0)} req/s, RSS ${rss.map(mb).join(' → ')} MB, peak ${mb(loop.maxRss)} MB`,
  );
  return { result, rss, loop };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function runDialect(dialect: DialectName): Promise<DialectResult> {
  const sizes = [...new Set([...WALKS, ARCHIVE])].sort((a, b) => a - b);
  const result: Partial<DialectResult> & {
    cold: DialectResult['cold'];
    walks: DialectResult['walks'];
    startRss: DialectResult['startRss'];
  } = {
    dialect,
    cold: [],
    walks: [],
    startRss: [],
    mixed: null,
    archiveTransfer: null,
  };
  for (const size of sizes) {
    await withArchive(dialect, size, async (url, archive) => {
      result.cold.push(await cold(url, size));
      const server = await startServer(url);
      try {
        result.startRss.push({
          size,
          rss: (await loopStats(server.child)).rss,
        });
        if (size === ARCHIVE) {
          result.archive = archive;
          result.cached = await cachedPages(server, archive);
          result.archiveTransfer = await measureTransfers(server.url, {
            home: '/',
            article: `/articles/${encodeURIComponent(archive.slugs.at(-1)!)}`,
          });
        }
        if (WALKS.includes(size))
          result.walks.push(await walk(server, archive));
        if (size === ARCHIVE) result.mixed = await mixed(server, archive);
      } finally {
        await stop(server.child);
      }
    });
  }
  return result as DialectResult;
}

/** Home and article of the demo site as Chromium loads them (the "before" used the same). */
async function demoTransfers(): Promise<Record<string, Transfer>> {
  const dir = mkdtempSync(join(work, 'demo-'));
  const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], {
    DATABASE_URL: `sqlite:${join(dir, 'demo.sqlite')}`,
  });
  try {
    const home = await (await fetch(`${site.url}/`)).text();
    const article = /href="(\/articles\/[^"]+)"/.exec(home)![1]!;
    return await measureTransfers(site.url, { home: '/', article });
  } finally {
    await stop(site.child);
  }
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toFixed(digits) : '–';

function report(results: DialectResult[], demo: Record<string, Transfer>) {
  const before = JSON.parse(
    readFileSync(join(ROOT, 'bench/results/site-before.json'), 'utf8'),
  ) as Record<string, Transfer>;
  const lines: string[] = [
    '# Public pages at a newsroom’s size, against a bare Node http server',
    '',
    `\`npm run bench -- site${quick ? ' --quick' : ''}${argv.includes('--million') ? ' --million' : ''}\` on ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, wrk -t2 -c${CONNECTIONS}, ${DURATION} s per run, \`Accept-Encoding: ${ACCEPT}\`.`,
    `The bare server (bench/bareServer.ts) sends the bytes newsdesk sent, in the same encoding; each ratio is newsdesk's req/s over the bare server's, measured back to back. Loop p99: the newsdesk process's event loop delay during the run.${quick ? ' **Quick run: figures show the harness works, nothing more.**' : ''}`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `## ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.archive.articles.toLocaleString('en')} articles`,
      '',
      `Archive generated in ${fmt(r.archive.seedSeconds, 1)} s and indexed for search in ${fmt(r.archive.indexSeconds, 1)} s (${r.archive.sections.length} sections, ${r.archive.tags.length} tags, ${r.archive.authors.length} authors).`,
      '',
      '### Cached pages',
      '',
      '| page | bytes sent | newsdesk req/s | bare req/s | ratio | p50 / p99 | loop p99 | errors |',
      '|---|---|---|---|---|---|---|---|',
      ...r.cached.map(
        (c) =>
          `| ${c.page} (\`${c.path}\`) | ${c.bytes} ${c.encoding} | ${fmt(c.ours.rps)} | ${fmt(c.bare.rps)} | **${fmt(c.ours.rps / c.bare.rps, 3)}** | ${fmt(c.ours.p50, 2)} / ${fmt(c.ours.p99, 2)} ms | ${fmt(c.loop.p99, 1)} ms | ${c.ours.bad} |`,
      ),
      '',
      '### Uncached article walk (every article once, then `?tour=N`; the walk of bench/uncached.bench.ts)',
      '',
      '| archive | req/s | p50 / p99 | loop p99 | server CPU per page | errors |',
      '|---|---|---|---|---|---|',
      ...r.walks.map(
        (w) =>
          `| ${w.size.toLocaleString('en')} | ${fmt(w.result.rps)} | ${fmt(w.result.p50, 1)} / ${fmt(w.result.p99, 1)} ms | ${fmt(w.loop.p99, 1)} ms | ${fmt(w.cpuMsPerPage, 2)} ms | ${w.result.bad} |`,
      ),
      '',
      `### Cold start (median of ${COLD_RUNS})`,
      '',
      '| archive | spawn → listening | spawn → first 200 (home) | RSS after the first 200 |',
      '|---|---|---|---|',
      ...r.cold.map(
        (c) =>
          `| ${c.size.toLocaleString('en')} | ${fmt(c.listenMs)} ms | ${fmt(c.firstOkMs)} ms | ${mb(r.startRss.find((s) => s.size === c.size)?.rss ?? Number.NaN)} MB |`,
      ),
      '',
    );
    if (r.mixed)
      lines.push(
        `### Mixed load (${MIXED_DURATION} s: home, the walk, searches, sections)`,
        '',
        `${fmt(r.mixed.result.rps)} req/s, p99 ${fmt(r.mixed.result.p99, 1)} ms, loop p99 ${fmt(r.mixed.loop.p99, 1)} ms, ${r.mixed.result.bad} errors. RSS during the run: ${r.mixed.rss.map(mb).join(' → ')} MB; **peak RSS ${mb(r.mixed.loop.maxRss)} MB** (the whole life of the process: start, cached runs, walk, mixed load).`,
        '',
      );
    if (r.archiveTransfer)
      lines.push(
        `Chromium on this archive: home ${r.archiveTransfer['home']!.html} B HTML, ${r.archiveTransfer['home']!.total} B in all (${r.archiveTransfer['home']!.requests} requests); article ${r.archiveTransfer['article']!.html} B HTML, ${r.archiveTransfer['article']!.total} B in all (${r.archiveTransfer['article']!.requests} requests).`,
        '',
      );
  }
  lines.push(
    '## Transfer sizes (demo content, Chromium, bytes as sent)',
    '',
    'Before: main at f2c08b7, recorded in bench/results/site-before.json by the same measure (bench/lib/transfer.ts).',
    '',
    '| page | HTML before | HTML after | everything before | everything after | requests before / after |',
    '|---|---|---|---|---|---|',
    ...Object.entries(demo).map(
      ([page, t]) =>
        `| ${page} | ${before[page]?.html ?? '–'} | ${t.html} | ${before[page]?.total ?? '–'} | ${t.total} | ${before[page]?.requests ?? '–'} / ${t.requests} |`,
    ),
    '',
  );
  return lines.join('\n');
}

try {
  const results: DialectResult[] = [];
  for (const dialect of dialects) {
    console.log(`\n[${dialect}]`);
    results.push(await runDialect(dialect));
  }
  const demo = await demoTransfers();
  const text = report(results, demo);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = quick ? 'bench/results/site.quick.md' : 'bench/results/site.md';
  writeFileSync(join(ROOT, file), text);
  console.log(`\n${text}\nwritten to ${file}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
