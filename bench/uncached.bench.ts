/**
 * The uncached article page at several archive sizes, on SQLite, the server in the benchmark's
 * process: the walk of the site benchmark (bench/lib/uncachedWalk.ts: every article once, then
 * `?tour=N`, so no request finds its page kept) over the archive it generates
 * (bench/lib/archive.ts, the French news corpus; no search index, which article pages do not
 * read), once with no Accept-Encoding and once as a browser asks (`gzip, deflate, br`: every
 * page compressed as it is first sent). Per run: req/s, latency, the event loop's delay
 * (perf_hooks.monitorEventLoopDelay) and the CPU time per page (process.cpuUsage: every thread,
 * libuv's pool included, where compression runs). Flat figures across sizes are the point.
 *   npm run bench -- uncached [--quick]     (quick: 2,000 and 20,000 articles, 5 s each)
 * Full: 2,000, 100,000 and 1,000,000 articles, 20 s each after a 5 s warm-up walk.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import { createTestDatabase } from '../test/support/databases.ts';
import { generateArchive } from './lib/archive.ts';
import {
  runWalk,
  WALK_ENCODINGS,
  type WalkEncoding,
  walkPaths,
  walkScript,
} from './lib/uncachedWalk.ts';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [2_000, 20_000] : [2_000, 100_000, 1_000_000];
const SECONDS = quick ? 5 : 20;
const WARM_SECONDS = quick ? 2 : 5;
const CONNECTIONS = 32;
const THREADS = 2;

interface Row {
  articles: number;
  encoding: WalkEncoding;
  seedSeconds: number;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  cpuMsPerPage: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function measureSize(articles: number, dir: string): Promise<Row[]> {
  const db = await createTestDatabase('sqlite');
  try {
    const config = loadConfig({
      SITE_URL: 'https://journal.example',
      LOG_LEVEL: 'silent',
    });
    const services = createServices(config, db.handle, systemClock);
    const archive = await generateArchive(services, {
      articles,
      now: new Date(),
      index: false,
    });
    const app = await buildApp({ ...services, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const rows: Row[] = [];
    try {
      const probe = await fetch(`${url}${walkPaths(archive.slugs)[0]}?probe`);
      if (probe.status !== 200)
        throw new Error(`article page answered ${probe.status}`);
      for (const [encoding, accept] of Object.entries(WALK_ENCODINGS) as [
        WalkEncoding,
        string | null,
      ][]) {
        const walk = (name: string, seconds: number) =>
          runWalk({
            url,
            seconds,
            connections: CONNECTIONS,
            threads: THREADS,
            // Each walk its own query, so no URL of another walk is kept.
            script: walkScript(
              dir,
              `${name}-${articles}`,
              walkPaths(archive.slugs, `?${name}`),
              THREADS,
            ),
            accept,
          });
        // A first, unmeasured walk: the JIT and SQLite's page cache warm up (its URLs are new too).
        await walk(`warm-${encoding}`, WARM_SECONDS);
        const loop = monitorEventLoopDelay({ resolution: 10 });
        loop.enable();
        const cpuBefore = process.cpuUsage();
        const result = await walk(`walk-${encoding}`, SECONDS);
        const used = cpuMs(process.cpuUsage(cpuBefore));
        loop.disable();
        rows.push({
          articles,
          encoding,
          seedSeconds: archive.seedSeconds,
          rps: result.rps,
          p50: result.p50,
          p99: result.p99,
          bad: result.bad,
          cpuMsPerPage: used / result.requests,
          loopP50: loop.percentile(50) / 1e6,
          loopP99: loop.percentile(99) / 1e6,
          loopMax: loop.max / 1e6,
        });
      }
    } finally {
      await app.close();
      await services.bus.close();
    }
    return rows;
  } finally {
    await db.drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-uncached-'));
const rows: Row[] = [];
try {
  for (const size of SIZES) {
    for (const row of await measureSize(size, dir)) {
      rows.push(row);
      console.log(
        `${size} articles (generated in ${row.seedSeconds.toFixed(1)} s), ${row.encoding}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, ${row.cpuMsPerPage.toFixed(2)} ms CPU per page, errors ${row.bad}; event loop delay p50 ${row.loopP50.toFixed(1)} ms, p99 ${row.loopP99.toFixed(1)} ms, max ${row.loopMax.toFixed(1)} ms`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = rows
  .map(
    (r) =>
      `| ${r.articles.toLocaleString('en-US')} | ${r.encoding === 'identity' ? 'none' : `\`${WALK_ENCODINGS[r.encoding]}\``} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.cpuMsPerPage.toFixed(2)} | ${r.bad} | ${r.loopP50.toFixed(1)} | ${r.loopP99.toFixed(1)} | ${r.loopMax.toFixed(1)} |`,
  )
  .join('\n');
const ratio = (encoding: WalkEncoding) => {
  const of = rows.filter((r) => r.encoding === encoding);
  return (of.at(-1)!.rps / of[0]!.rps).toFixed(2);
};
const report = `# Uncached article pages by archive size (SQLite)${quick ? ' — QUICK RUN, figures not meaningful' : ''}

The walk of the site benchmark (bench/lib/uncachedWalk.ts), wrk -t${THREADS} -c${CONNECTIONS}, ${SECONDS} s per run after a
${WARM_SECONDS} s warm-up walk, every request a different article and a URL never requested before (so no
page is kept); the server in the benchmark's process, its event loop delay sampled every 10 ms
during the walk, its CPU time (every thread) divided by the pages sent. Archive generated from
the French news corpus (bench/lib/archive.ts, as the site benchmark's, without the search index).

| articles | Accept-Encoding | req/s | p50 | p99 | CPU ms per page | errors / non-2xx | loop delay p50 (ms) | loop delay p99 (ms) | loop delay max (ms) |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
${table}

Ratio of the largest size's req/s to the smallest's: ${ratio('identity')} (no Accept-Encoding), ${ratio('browser')} (browser).
`;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL(
    quick ? './results/uncached.quick.md' : './results/uncached.md',
    import.meta.url,
  ),
  report,
);
console.log(report);
