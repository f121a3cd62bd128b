/**
 * Where a cold start's time goes: `newsdesk serve` spawned on an archive, several times, each
 * run printing its phases (NEWSDESK_START_PHASES=1, see src/startPhases.ts) in wall ms since
 * the process started and the CPU ms it had used by then, and the bench timing spawn →
 * listening and spawn → first 200 for the home page from outside. A shared machine slows some
 * runs: the minimum of the runs is reported, per phase.
 *   npm run bench -- start [--quick] [--postgres] [--articles N] [--runs N] [--keep DIR]
 *                          [--database-url URL]
 * --quick: 2,000 articles, 3 runs (proves the harness works). Otherwise 100,000 articles, 5 runs.
 * The archive is generated once into DIR (default: the system's temporary directory,
 * newsdesk-start-<dialect>-<articles>; a PostgreSQL archive is the database
 * newsdesk_start_<articles>) and reused by the next run: at 100,000 articles its search index
 * takes minutes to build. `--database-url URL`: the archive is that database, as it is (no
 * generation; e.g. the one `npm run bench -- import --postgres --keep-db NAME` left, 100,000
 * imported posts), and the dialect is the URL's. Writes bench/results/start[.postgres][.quick].md.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { systemClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import { generateArchive } from './lib/archive.ts';
import { freePort, startProcess, stop, untilFirstOk } from './lib/processes.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const quick = argv.includes('--quick');
const articles = Number(option('--articles', quick ? '2000' : '100000'));
const runs = Number(option('--runs', quick ? '3' : '5'));
const givenUrl = option('--database-url', '');
const dialect =
  argv.includes('--postgres') || givenUrl.startsWith('postgres')
    ? 'postgres'
    : 'sqlite';
const dir = option(
  '--keep',
  join(tmpdir(), `newsdesk-start-${dialect}-${articles}`),
);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const pgName = `newsdesk_start_${articles}`;
const databaseUrl = givenUrl
  ? givenUrl
  : dialect === 'sqlite'
    ? `sqlite:${join(dir, 'archive.sqlite')}`
    : ADMIN.replace(/\/postgres$/, `/${pgName}`);

/** Generates the archive unless a previous run left it (the `ready` file is written last). */
async function ensureArchive(): Promise<void> {
  if (givenUrl) return;
  const ready = join(dir, 'ready');
  if (existsSync(ready)) return;
  mkdirSync(dir, { recursive: true });
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`drop database if exists ${pgName}`);
    await admin.query(`create database ${pgName}`);
    await admin.end();
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const services = createServices(config, handle, systemClock);
  const archive = await generateArchive(services, {
    articles,
    now: new Date(),
  });
  await services.bus.close();
  await handle.close();
  console.log(
    `[${dialect}] ${articles} articles generated in ${archive.seedSeconds.toFixed(1)} s, indexed in ${archive.indexSeconds.toFixed(1)} s`,
  );
  writeFileSync(ready, `${new Date().toISOString()}\n`);
}

/** How many articles a given archive holds (the title reports it, not the --articles default). */
async function countArticles(): Promise<number> {
  const handle = openDatabase(
    loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }).database,
  );
  const row = await handle.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await handle.close();
  return Number(row.n);
}

/** One phase as the server printed it: wall ms since its process started, CPU ms used by then. */
interface Phase {
  name: string;
  wallMs: number;
  cpuMs: number;
}

/** Spawns the server, polls `/` until 200; the phases it printed, then spawn → listening and → 200. */
async function oneRun(): Promise<Phase[]> {
  const port = await freePort();
  const started = performance.now();
  let listenMs = Number.NaN;
  const phases: Phase[] = [];
  const serving = startProcess(
    ['src/start.js', 'serve', '--no-demo', '--port', String(port)],
    { DATABASE_URL: databaseUrl, NEWSDESK_START_PHASES: '1' },
  ).then((s) => {
    listenMs = performance.now() - started;
    s.child.stdout!.on('data', (chunk: Buffer) => {
      for (const m of chunk
        .toString()
        .matchAll(/^startphase (\S+) ([\d.]+) ([\d.]+)$/gm))
        phases.push({ name: m[1]!, wallMs: Number(m[2]), cpuMs: Number(m[3]) });
    });
    return s;
  });
  await untilFirstOk(`http://127.0.0.1:${port}/`);
  const firstOkMs = performance.now() - started;
  const { child } = await serving;
  // The phases are printed with the banner and after the first 200: give stdout a moment.
  await new Promise((r) => setTimeout(r, 200));
  await stop(child);
  return [
    ...phases,
    {
      name: 'bench:spawn→banner (app open)',
      wallMs: listenMs,
      cpuMs: Number.NaN,
    },
    { name: 'bench:spawn→first-200', wallMs: firstOkMs, cpuMs: Number.NaN },
  ];
}

await ensureArchive();
const archiveArticles = givenUrl ? await countArticles() : articles;
const all: Phase[][] = [];
for (let i = 0; i < runs; i++) all.push(await oneRun());
const names = [...new Set(all.flatMap((r) => r.map((p) => p.name)))];
const min = (values: number[]) =>
  values
    .filter((v) => !Number.isNaN(v))
    .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
const rows = names.map((name) => {
  const of = all.map((r) => r.find((p) => p.name === name));
  const cpu = min(of.map((p) => p?.cpuMs ?? Number.NaN));
  return {
    name,
    wall: min(of.map((p) => p?.wallMs ?? Number.NaN)).toFixed(0),
    cpu: Number.isFinite(cpu) ? cpu.toFixed(0) : '',
  };
});
const title = `Cold start, ${dialect}, ${archiveArticles.toLocaleString('en')} articles: minimum of ${runs} runs`;
console.log(`\n${title} (ms since the process started)`);
for (const r of rows)
  console.log(r.name.padEnd(28), r.wall.padStart(8), r.cpu.padStart(8));
const report = [
  `# ${title}`,
  '',
  `\`npm run bench -- start ${argv.join(' ')}\` on ${new Date().toISOString().slice(0, 10)}. Wall ms since the server process started (the bench lines: since the bench spawned it), and the CPU ms the server had used by then.`,
  '',
  '| phase | wall | CPU |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.wall} | ${r.cpu} |`),
  '',
].join('\n');
writeFileSync(
  fileURLToPath(
    new URL(
      `results/start${dialect === 'postgres' ? '.postgres' : ''}${quick ? '.quick' : ''}.md`,
      import.meta.url,
    ),
  ),
  report,
);
