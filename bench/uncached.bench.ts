/**
 * The uncached article page at several archive sizes, on SQLite: wrk (32 connections) walks the
 * archive's articles, every URL new (`?w=<n>`, so no request finds its page kept), while the
 * server's event loop delay is sampled (perf_hooks.monitorEventLoopDelay). Flat req/s and a
 * bounded delay p99 across sizes are the point; the archive is seeded in bulk (no search index).
 *   npm run bench -- uncached [--quick]     (quick: 2,000 and 20,000 articles, 5 s each)
 * Full: 2,000, 100,000 and 1,000,000 articles, 20 s each after a 5 s warm-up walk.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import { createTestDatabase } from '../test/support/databases.ts';
import {
  isHiddenArchiveArticle,
  seedArchive,
} from '../test/support/archive.ts';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [2_000, 20_000] : [2_000, 100_000, 1_000_000];
const SECONDS = quick ? 5 : 20;
const WARM_SECONDS = quick ? 2 : 5;
const CONNECTIONS = 32;
const NOW = new Date('2026-11-28T11:03:00Z');

interface Row {
  articles: number;
  seedSeconds: number;
  rps: number;
  p50: string;
  p99: string;
  non2xx: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
}

/** wrk's Lua: each request a different article, and a URL no request has used before. */
function walkScript(articles: number): string {
  return `counter = 0
request = function()
  counter = counter + 1
  local j = counter % ${articles}
  if j % 97 == 13 then j = (j + 1) % ${articles} end
  return wrk.format("GET", "/articles/article-" .. j .. "?w=" .. counter .. "-" .. math.random(1e9))
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
`;
}

function runWrk(url: string, script: string, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--latency',
      '-s',
      script,
      url,
    ]);
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      out += String(d);
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

async function measureSize(articles: number, dir: string): Promise<Row> {
  const db = await createTestDatabase('sqlite');
  try {
    const clock = fixedClock(NOW);
    const config = loadConfig({
      SITE_URL: 'https://journal.example',
      LOG_LEVEL: 'silent',
    });
    const services = createServices(config, db.handle, clock);
    const seedStart = performance.now();
    await seedArchive(services, articles, NOW);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // Hidden articles are skipped by the walk; the check keeps the two definitions together.
    if (!isHiddenArchiveArticle(13)) throw new Error('walk and seed disagree');
    const app = await buildApp({ ...services, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const probe = await fetch(`${base}/articles/article-1?w=probe`);
    if (probe.status !== 200)
      throw new Error(`article page answered ${probe.status}`);
    const script = join(dir, `walk-${articles}.lua`);
    writeFileSync(script, walkScript(articles));
    // A first, unmeasured walk: the JIT and SQLite's page cache warm up (its URLs are new too).
    await runWrk(base, script, WARM_SECONDS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const out = await runWrk(base, script, SECONDS);
    loop.disable();
    await app.close();
    const result = /RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+)/.exec(out);
    if (!result) throw new Error(`wrk said:\n${out}`);
    const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
    const [, requests, micros, p50, p99, errors] = result;
    return {
      articles,
      seedSeconds,
      rps: Number(requests) / (Number(micros) / 1e6),
      p50: `${Number(p50).toFixed(1)} ms`,
      p99: `${Number(p99).toFixed(1)} ms`,
      non2xx: Number(non2xx?.[1] ?? 0) + Number(errors),
      loopP50: loop.percentile(50) / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      loopMax: loop.max / 1e6,
    };
  } finally {
    await db.drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-uncached-'));
const rows: Row[] = [];
try {
  for (const size of SIZES) {
    const row = await measureSize(size, dir);
    rows.push(row);
    console.log(
      `${size} articles (seeded in ${row.seedSeconds.toFixed(1)} s): ${row.rps.toFixed(0)} req/s, p50 ${row.p50}, p99 ${row.p99}, errors ${row.non2xx}; event loop delay p50 ${row.loopP50.toFixed(1)} ms, p99 ${row.loopP99.toFixed(1)} ms, max ${row.loopMax.toFixed(1)} ms`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = rows
  .map(
    (r) =>
      `| ${r.articles.toLocaleString('en-US')} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.loopP50.toFixed(1)} | ${r.loopP99.toFixed(1)} | ${r.loopMax.toFixed(1)} |`,
  )
  .join('\n');
const report = `# Uncached article pages by archive size (SQLite)${quick ? ' — QUICK RUN, figures not meaningful' : ''}

wrk, ${CONNECTIONS} connections, ${SECONDS} s per size after a ${WARM_SECONDS} s warm-up walk, every request a different article and a URL
never requested before (so no page is kept); the server in the benchmark's process, its event
loop delay sampled every 10 ms during the walk. Archive seeded in bulk (\`test/support/archive.ts\`).

| articles | req/s | p50 | p99 | errors / non-2xx | loop delay p50 (ms) | loop delay p99 (ms) | loop delay max (ms) |
|---:|---:|---:|---:|---:|---:|---:|---:|
${table}

Ratio of the largest size's req/s to the smallest's: ${(rows.at(-1)!.rps / rows[0]!.rps).toFixed(2)}.
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
