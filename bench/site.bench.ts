/**
 * Public pages at a newsroom's size, against a bare Node http server, in one run. For each
 * database (SQLite, PostgreSQL) it generates archives from the French news corpus
 * (bench/lib/archive.ts) and runs `newsdesk serve` on them, then measures with wrk
 * (32 connections, Accept-Encoding: gzip, deflate, br):
 *   cold start   spawn → the socket listens, and → the first 200 for the home page;
 *   cached       home, article, section, tag, author, feed, search, each against
 *                bench/bareServer.ts sending the very bytes newsdesk sent (same encoding),
 *                with three headers and with newsdesk's own, in alternating rounds: the
 *                median ratio of req/s, newsdesk's p50/p99, and the server's event loop
 *                delay p99 during its runs (NEWSDESK_LOOP_STATS=1);
 *   uncached     a walk over every article of the archive (each URL asked once; a second pass
 *                adds `?tour=2`, a URL never kept), at several archive sizes, after an
 *                unmeasured warm-up walk: its rate must not fall as the archive grows; with the
 *                server's CPU time per page. The walk is bench/uncached.bench.ts's
 *                (bench/lib/uncachedWalk.ts), so the two benchmarks measure the same thing;
 *   mixed        cached pages, the walk and searches together: RSS sampled during the run, and
 *                the peak RSS of the server's whole life;
 *   transfer     what Chromium downloads for home and article (demo content), against the
 *                figures recorded on main before this work (bench/results/site-before.json).
 *   npm run bench -- site [--quick] [--million] [--sqlite] [--cpu]
 * --quick: 2,000 articles (walks at 500 and 2,000), 3 s runs: proves the harness works.
 * --million: the uncached walk at 1,000,000 articles too (generation takes a while).
 * --sqlite: SQLite only.
 * --cpu: only the cached pages, measured as the server's CPU time per request against the bare
 *   server's (bench/lib/cpuPerRequest.ts), which means something even on a busy machine;
 *   written to bench/results/site-cpu.md.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
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
import {
  cpuPerRequest,
  readLoopStats,
  serverCpu,
  type CpuRun,
} from './lib/cpuPerRequest.ts';
import {
  freePort,
  startProcess,
  stop,
  ROOT,
  untilFirstOk,
} from './lib/processes.ts';
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
const cpuOnly = argv.includes('--cpu');
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
  /** CPU microseconds of the server's life so far (see src/loopStats.ts). */
  cpu: number;
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
async function loopStats(child: ChildProcess): Promise<LoopStats> {
  return (await readLoopStats(child)) as unknown as LoopStats;
}

/** A GET as a browser sends it; the bytes as they came (not decompressed). */
function fetchRaw(url: string): Promise<{
  status: number;
  type: string;
  encoding: string;
  body: Buffer;
  /** Every header as sent, [name, value, …]. */
  rawHeaders: string[];
}> {
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
          rawHeaders: res.rawHeaders,
        }),
      );
    })
      .on('error', reject)
      .end();
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
    ['src/start.js', 'serve', '--no-demo', '--port', String(port)],
    { DATABASE_URL: databaseUrl, NEWSDESK_LOOP_STATS: '1' },
  ).then((s) => {
    listenMs = performance.now() - started;
    return s;
  });
  let failed: unknown = null;
  serving.catch((error: unknown) => {
    failed = error;
  });
  await untilFirstOk(`${url}/`, () => failed);
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
    /** Response headers sent, Node's own (date, connection, keep-alive) included. */
    headers: number;
    /** newsdesk's median round. */
    ours: WrkResult;
    bareRps: number;
    sameRps: number;
    /** Medians of the rounds' ratios. */
    ratio: number;
    ratioSame: number;
    roundRatios: number[];
    worstP99: number;
    loopP99: number;
    bad: number;
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
  const cpuMsPerPage = (loop.cpu - before.cpu) / 1000 / result.requests;
  console.log(
    `  uncached walk at ${archive.articles}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, loop p99 ${loop.p99} ms, server CPU ${cpuMsPerPage.toFixed(2)} ms/page, ${result.bad} bad`,
  );
  return { size: archive.articles, result, loop, cpuMsPerPage };
}

/** The kept pages measured against the bare server. */
function cachedPaths(archive: Archive): Record<string, string> {
  return {
    home: '/',
    article: `/articles/${encodeURIComponent(archive.slugs.at(-1)!)}`,
    section: `/rubrique/${archive.sections[0]}`,
    tag: `/sujet/${archive.tags[0]}`,
    author: `/auteur/${archive.authors[0]}`,
    feed: '/feed.xml',
    search: '/recherche?q=gouvernement',
  };
}

/** Asks `path` until it is kept, and starts the bare server on the bytes newsdesk sent for it. */
async function bareFor(
  server: Server,
  page: string,
  path: string,
  sameHeaders = false,
): Promise<{
  sent: Awaited<ReturnType<typeof fetchRaw>>;
  bare: Awaited<ReturnType<typeof startProcess>>;
}> {
  await fetchRaw(server.url + path); // built and kept
  const sent = await fetchRaw(server.url + path);
  if (sent.status !== 200) throw new Error(`${path} answered ${sent.status}`);
  const bodyFile = join(work, `${page}.body`);
  writeFileSync(bodyFile, sent.body);
  const args = ['bench/bareServer.ts', bodyFile, sent.type, sent.encoding];
  if (sameHeaders) {
    // Node adds these three itself, on both servers.
    const own = new Set(['date', 'connection', 'keep-alive']);
    const headers: string[] = [];
    for (let i = 0; i < sent.rawHeaders.length; i += 2)
      if (!own.has(sent.rawHeaders[i]!.toLowerCase()))
        headers.push(sent.rawHeaders[i]!, sent.rawHeaders[i + 1]!);
    const headersFile = join(work, `${page}.headers.json`);
    writeFileSync(headersFile, JSON.stringify(headers));
    args.push(headersFile);
  }
  return { sent, bare: await startProcess(args) };
}

/** Rounds per kept page: the three servers measured in turn, round after round. */
const CACHED_ROUNDS = 3;
/** Seconds of each server in each round (the rounds add up to about DURATION × 1.5 per server). */
const ROUND_SECONDS = quick ? 2 : 5;

/**
 * Each kept page against two bare servers: one sending newsdesk's body with three headers
 * (type, length, encoding), one sending newsdesk's very response (every header it sent). On two
 * shared cores one 10 s run per server moves by ±20 % from one minute to the next, more than
 * the difference measured, so the servers take turns: a short warm-up each (JIT), then
 * CACHED_ROUNDS rounds of bare, newsdesk, bare with newsdesk's headers; each ratio is the median
 * of the rounds' ratios (newsdesk's req/s over the bare server's in the same round), and the
 * req/s and latencies shown are newsdesk's median round's.
 */
async function cachedPages(
  server: Server,
  archive: Archive,
): Promise<DialectResult['cached']> {
  const out: DialectResult['cached'] = [];
  for (const [page, path] of Object.entries(cachedPaths(archive))) {
    const { sent, bare } = await bareFor(server, page, path);
    const same = await bareFor(server, page, path, true);
    const rounds: {
      ours: WrkResult;
      bare: WrkResult;
      same: WrkResult;
      loop: LoopStats;
    }[] = [];
    try {
      for (const url of [bare.url, server.url + path, same.bare.url])
        await wrk(url, 1);
      for (let i = 0; i < CACHED_ROUNDS; i++) {
        const baseline = await wrk(bare.url, ROUND_SECONDS);
        await loopStats(server.child);
        const ours = await wrk(server.url + path, ROUND_SECONDS);
        const loop = await loopStats(server.child);
        const sameHeaders = await wrk(same.bare.url, ROUND_SECONDS);
        rounds.push({ ours, bare: baseline, same: sameHeaders, loop });
      }
    } finally {
      await stop(bare.child);
      await stop(same.bare.child);
    }
    const byOurs = [...rounds].sort((a, b) => a.ours.rps - b.ours.rps);
    const middle = byOurs[Math.floor(byOurs.length / 2)]!;
    const row = {
      page,
      path,
      bytes: sent.body.length,
      encoding: sent.encoding || 'identity',
      headers: sent.rawHeaders.length / 2,
      ours: middle.ours,
      bareRps: median(rounds.map((r) => r.bare.rps)),
      sameRps: median(rounds.map((r) => r.same.rps)),
      ratio: median(rounds.map((r) => r.ours.rps / r.bare.rps)),
      ratioSame: median(rounds.map((r) => r.ours.rps / r.same.rps)),
      roundRatios: rounds.map((r) => r.ours.rps / r.bare.rps),
      worstP99: Math.max(...rounds.map((r) => r.ours.p99)),
      loopP99: Math.max(...rounds.map((r) => r.loop.p99)),
      bad: rounds.reduce((n, r) => n + r.ours.bad, 0),
    };
    console.log(
      `  cached ${page}: ${row.ours.rps.toFixed(0)} vs bare ${row.bareRps.toFixed(0)} req/s = ${row.ratio.toFixed(3)} (rounds ${row.roundRatios.map((x) => x.toFixed(2)).join(', ')}); vs bare with newsdesk's headers ${row.sameRps.toFixed(0)} = ${row.ratioSame.toFixed(3)}; p99 ${row.ours.p99} ms (worst ${row.worstP99}), loop p99 ${row.loopP99} ms, ${row.bad} bad`,
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

interface CpuRow {
  page: string;
  path: string;
  bytes: number;
  encoding: string;
  headers: number;
  ours: CpuRun;
  bare: CpuRun;
  /** The bare server sending newsdesk's headers too. */
  bareSameHeaders: CpuRun;
}

/** Rounds per page: the servers measured in turn, each round's figures kept. */
const CPU_ROUNDS = 3;

/**
 * The least disturbed run: what the machine's neighbours do only adds to a server's CPU per
 * request (cache misses, preemption), so the smallest of a few runs is the steadiest figure.
 */
function leastRun(runs: CpuRun[]): CpuRun {
  const best = runs.reduce((a, b) => (b.usPerRequest < a.usPerRequest ? b : a));
  return { ...best, bad: runs.reduce((n, r) => n + r.bad, 0) };
}

/**
 * CPU µs per request of newsdesk, of the bare server (body as newsdesk sent it) and of the bare
 * server sending newsdesk's headers as well, per kept page (see bench/lib/cpuPerRequest.ts).
 * A short run first warms each server's JIT; rounds alternate the servers.
 */
async function cachedCpu(server: Server, archive: Archive): Promise<CpuRow[]> {
  const options = {
    seconds: DURATION,
    connections: CONNECTIONS,
    threads: THREADS,
    headers: { 'Accept-Encoding': ACCEPT },
  };
  const warm = { ...options, seconds: 1 };
  const out: CpuRow[] = [];
  for (const [page, path] of Object.entries(cachedPaths(archive))) {
    const { sent, bare } = await bareFor(server, page, path);
    const same = await bareFor(server, page, path, true);
    const servers = [
      { child: server.child, url: server.url + path, runs: [] as CpuRun[] },
      { child: bare.child, url: bare.url, runs: [] as CpuRun[] },
      { child: same.bare.child, url: same.bare.url, runs: [] as CpuRun[] },
    ];
    try {
      for (const s of servers) await cpuPerRequest(s.child, s.url, warm);
      for (let round = 0; round < CPU_ROUNDS; round++)
        for (const s of servers)
          s.runs.push(await cpuPerRequest(s.child, s.url, options));
    } finally {
      await stop(bare.child);
      await stop(same.bare.child);
    }
    const [ours, baseline, sameHeaders] = servers.map((s) =>
      leastRun(s.runs),
    ) as [CpuRun, CpuRun, CpuRun];
    console.log(
      `  cached ${page}: ${ours.usPerRequest.toFixed(1)} vs bare ${baseline.usPerRequest.toFixed(1)} CPU µs/request = ${(ours.usPerRequest / baseline.usPerRequest).toFixed(2)}×; bare with newsdesk's headers ${sameHeaders.usPerRequest.toFixed(1)} (${ours.bad} bad)`,
    );
    out.push({
      page,
      path,
      bytes: sent.body.length,
      encoding: sent.encoding || 'identity',
      headers: sent.rawHeaders.length / 2,
      ours,
      bare: baseline,
      bareSameHeaders: sameHeaders,
    });
  }
  return out;
}

/**
 * Waits until the server has finished what it does after starting (the warm-up's sitemap
 * builds, main.ts; the jobs' first runs): two seconds in a row under 50 ms of CPU each, or a
 * minute. A kept page measured before would pay for them (and a page they make stale is
 * rebuilt on the normal path).
 */
async function quietened(server: Server): Promise<void> {
  let quiet = 0;
  let last = await serverCpu(server.child);
  for (let s = 0; s < 60 && quiet < 2; s++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = await serverCpu(server.child);
    quiet = now - last < 50_000 ? quiet + 1 : 0;
    last = now;
  }
}

/** The server's CPU with no request at all (timers, the bus's poll, jobs): ms per second. */
async function idleCpu(server: Server): Promise<number> {
  const seconds = quick ? 3 : 10;
  const before = await serverCpu(server.child);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return ((await serverCpu(server.child)) - before) / 1000 / seconds;
}

async function cpuDialect(
  dialect: DialectName,
): Promise<{ dialect: DialectName; idleMsPerS: number; rows: CpuRow[] }> {
  return withArchive(dialect, ARCHIVE, async (url, archive) => {
    const server = await startServer(url);
    try {
      await quietened(server);
      const idleMsPerS = await idleCpu(server);
      return { dialect, idleMsPerS, rows: await cachedCpu(server, archive) };
    } finally {
      await stop(server.child);
    }
  });
}

function cpuReport(results: Awaited<ReturnType<typeof cpuDialect>>[]) {
  const lines = [
    '# Kept pages: newsdesk’s CPU time per request against a bare Node http server',
    '',
    `\`npm run bench -- site --cpu${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${ARCHIVE.toLocaleString('en')} articles, wrk -t${THREADS} -c${CONNECTIONS}, ${DURATION} s per run, the least of ${CPU_ROUNDS} rounds after a 1 s warm-up, \`Accept-Encoding: ${ACCEPT}\`.${quick ? ' **Quick run: figures show the harness works, nothing more.**' : ''}`,
    'Each figure is the server process’s CPU time (user + system) over a run divided by the responses wrk counted. “bare” is bench/bareServer.ts sending the bytes newsdesk sent, in the same encoding, with its three headers; “bare, same headers” sends newsdesk’s headers too (the very response), so the difference between the two is the cost of the headers themselves, and what remains between it and newsdesk is newsdesk’s. CPU per request moves less than req/s with what else the machine runs; its inverse ratio approximates the throughput ratio on an idle machine.',
    '',
  ];
  for (const { dialect, idleMsPerS, rows } of results)
    lines.push(
      `## ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      '',
      `Idle, the newsdesk process uses ${fmt(idleMsPerS, 2)} ms of CPU per second (timers, the bus's poll, jobs).`,
      '',
      '| page | bytes sent | headers | newsdesk CPU µs/request | bare | newsdesk / bare | bare, same headers | newsdesk / bare, same headers | errors |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.page} (\`${r.path}\`) | ${r.bytes} ${r.encoding} | ${r.headers} | ${fmt(r.ours.usPerRequest, 1)} | ${fmt(r.bare.usPerRequest, 1)} | **${fmt(r.ours.usPerRequest / r.bare.usPerRequest, 2)}×** | ${fmt(r.bareSameHeaders.usPerRequest, 1)} | **${fmt(r.ours.usPerRequest / r.bareSameHeaders.usPerRequest, 2)}×** | ${r.ours.bad + r.bare.bad + r.bareSameHeaders.bad} |`,
      ),
      '',
    );
  return lines.join('\n');
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

function report(
  results: DialectResult[],
  demo: Record<string, Transfer>,
  pending: DialectName[] = [],
) {
  const before = JSON.parse(
    readFileSync(join(ROOT, 'bench/results/site-before.json'), 'utf8'),
  ) as Record<string, Transfer>;
  const lines: string[] = [
    '# Public pages at a newsroom’s size, against a bare Node http server',
    '',
    `\`npm run bench -- site${quick ? ' --quick' : ''}${argv.includes('--million') ? ' --million' : ''}\` on ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, wrk -t2 -c${CONNECTIONS}, ${DURATION} s per run, \`Accept-Encoding: ${ACCEPT}\`.`,
    `The bare server (bench/bareServer.ts) sends the bytes newsdesk sent, in the same encoding; each ratio is newsdesk's req/s over the bare server's, measured in alternating rounds (below). Loop p99: the newsdesk process's event loop delay during the run.${quick ? ' **Quick run: figures show the harness works, nothing more.**' : ''}`,
    '',
  ];
  if (pending.length)
    lines.push(
      `**Partial: written after ${results.map((r) => r.dialect).join(', ')}; ${pending.join(', ')} still to run when this was written.**`,
      '',
    );
  for (const r of results) {
    lines.push(
      `## ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.archive.articles.toLocaleString('en')} articles`,
      '',
      `Archive generated in ${fmt(r.archive.seedSeconds, 1)} s and indexed for search in ${fmt(r.archive.indexSeconds, 1)} s (${r.archive.sections.length} sections, ${r.archive.tags.length} tags, ${r.archive.authors.length} authors).`,
      '',
      '### Cached pages',
      '',
      `${CACHED_ROUNDS} rounds per page after a 1 s warm-up of each server, ${ROUND_SECONDS} s per server per round, the servers in turn: bare (newsdesk's body, 3 headers), newsdesk, bare sending newsdesk's whole response (body and every header). Ratios: the median of the rounds' ratios; newsdesk's req/s, p50 and p99: its median round; worst p99: the slowest round's.`,
      '',
      '| page | bytes sent | headers | newsdesk req/s | bare req/s | ratio (rounds) | bare, same response, req/s | ratio | p50 / p99 (worst p99) | loop p99 | errors |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...r.cached.map(
        (c) =>
          `| ${c.page} (\`${c.path}\`) | ${c.bytes} ${c.encoding} | ${c.headers} | ${fmt(c.ours.rps)} | ${fmt(c.bareRps)} | **${fmt(c.ratio, 3)}** (${c.roundRatios.map((x) => fmt(x, 2)).join(', ')}) | ${fmt(c.sameRps)} | **${fmt(c.ratioSame, 3)}** | ${fmt(c.ours.p50, 2)} / ${fmt(c.ours.p99, 2)} (${fmt(c.worstP99, 2)}) ms | ${fmt(c.loopP99, 1)} ms | ${c.bad} |`,
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
  if (cpuOnly) {
    const results: Awaited<ReturnType<typeof cpuDialect>>[] = [];
    for (const dialect of dialects) {
      console.log(`\n[${dialect}]`);
      results.push(await cpuDialect(dialect));
    }
    const text = cpuReport(results);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = `bench/results/site-cpu${quick ? '.quick' : ''}.md`;
    writeFileSync(join(ROOT, file), text);
    console.log(`\n${text}\nwritten to ${file}`);
  } else await fullRun();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The report is written again after each database, so a run stopped during the second (the
 * 1,000,000-article archive takes long to build) keeps the first's figures, marked partial.
 */
async function fullRun(): Promise<void> {
  const results: DialectResult[] = [];
  const demo = await demoTransfers();
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = quick ? 'bench/results/site.quick.md' : 'bench/results/site.md';
  let text = '';
  for (const [i, dialect] of dialects.entries()) {
    console.log(`\n[${dialect}]`);
    results.push(await runDialect(dialect));
    text = report(results, demo, dialects.slice(i + 1));
    writeFileSync(join(ROOT, file), text);
  }
  console.log(`\n${text}\nwritten to ${file}`);
}
