/**
 * Public pages against a bare Node http server, in one run: requests per second for the home
 * page, an article and a section page served by newsdesk (demo content, SQLite), divided by the
 * req/s of `bench/bareServer.ts` answering the same bytes. Ratios, not absolute figures: the
 * machine's speed cancels out.
 *   npm run bench -- site [--quick]
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startProcess, stop, ROOT } from './lib/processes.ts';

const quick = process.argv.includes('--quick');
const duration = quick ? 2 : 10;
const connections = 20;

async function measure(
  url: string,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
const site = await startProcess(['src/cli.ts', 'serve', '--port', '0'], {
  DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
});
const rows: string[] = [];
try {
  const home = await (await fetch(`${site.url}/`)).text();
  const articlePath = /href="(\/articles\/[^"]+)"/.exec(home)![1]!;
  const pages = {
    home: '/',
    article: articlePath,
    'section page': '/rubrique/economie',
  };
  console.log(
    `newsdesk at ${site.url}; ${duration} s per measure, ${connections} connections`,
  );
  for (const [name, path] of Object.entries(pages)) {
    const body = await (await fetch(site.url + path)).text();
    const bodyFile = join(dir, 'body.html');
    writeFileSync(bodyFile, body);
    const bare = await startProcess(['bench/bareServer.ts', bodyFile]);
    const baseline = await measure(bare.url);
    await stop(bare.child);
    const ours = await measure(site.url + path);
    const row = `| ${name} | ${(body.length / 1024).toFixed(1)} KiB | ${ours.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | **${(ours.rps / baseline.rps).toFixed(3)}** | ${ours.p50} / ${ours.p99} ms | ${ours.errors} |`;
    console.log(row);
    rows.push(row);
  }
} finally {
  await stop(site.child);
  rmSync(dir, { recursive: true, force: true });
}
const report = `# Public pages vs a bare Node http server

\`npm run bench -- site${quick ? ' --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, SQLite, demo content, ${connections} connections, ${duration} s per measure.
The bare server answers the same bytes from memory; the ratio is newsdesk's req/s divided by its req/s, measured back to back.

| page | size | newsdesk req/s | bare http req/s | ratio | newsdesk p50 / p99 | errors |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/site.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/site.md',
);
