/**
 * Import benchmark: a generated WordPress export (bench/lib/generateWxr.ts, from
 * ../shared/data/fr-news) of 100,000 posts (about 1 GB; `--quick`: 2,000) imported by
 * `newsdesk import wordpress` in a process of its own, on SQLite then PostgreSQL: wall time,
 * posts/s, and the importer's resident memory sampled every 250 ms (peak, and at each quarter
 * of the run: it must stay flat whatever the file's size, the parser streams). For scale, the
 * one-article command path (createArticle + publishArticle) is timed on a few hundred articles
 * in the same run. Writes bench/results/import.md. `--sqlite` or `--postgres` runs that
 * database only (`npm run bench -- import --postgres`), written to import-<db>.md. The WXR is
 * generated once and reused from the temporary folder (cachedWxr). `--keep-db NAME`: the
 * PostgreSQL import's database is named NAME and kept (the start benchmark can then measure a
 * cold start on it: `npm run bench -- start --database-url postgres://…/NAME`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cachedWxr } from './lib/generateWxr.ts';
import { ROOT } from './lib/processes.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services.ts';
import { systemClock } from '../src/domain/clock.ts';
import { systemActor } from '../src/commands/context.ts';
import { createArticle } from '../src/commands/createArticle.ts';
import { publishArticle } from '../src/commands/publishArticle.ts';
import { insertAuthor, insertSection } from '../src/db/repos/taxonomy.ts';
import { loadCorpus } from './searchCorpus.ts';

const quick = process.argv.includes('--quick');
/** `--sqlite` or `--postgres`: that database only (as bulkWrite's `--sqlite`); both by default. */
const only = process.argv.includes('--sqlite')
  ? 'sqlite'
  : process.argv.includes('--postgres')
    ? 'postgres'
    : undefined;
const wants = (dialect: 'sqlite' | 'postgres') =>
  only === undefined || only === dialect;
const POSTS = quick ? 2_000 : 100_000;
const ONE_BY_ONE = quick ? 100 : 500;
const keepIndex = process.argv.indexOf('--keep-db');
const keptDb = keepIndex >= 0 ? process.argv[keepIndex + 1] : undefined;
if (keptDb !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keptDb))
  throw new Error(
    `--keep-db wants a plain database name (a-z, 0-9, _), not ${keptDb}`,
  );
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-import-'));

const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

interface Run {
  dialect: string;
  seconds: number;
  imported: number;
  peakMb: number;
  quartersMb: number[];
  /** CPU time of the import process, all threads, as last sampled (≤ 250 ms before its end). */
  cpuSeconds: number;
}

/** /proc's unit of CPU time (USER_HZ): 100 on Linux. */
const CLOCK_TICKS = 100;

/** Runs the CLI import, sampling its RSS from /proc. */
function runImport(dbUrl: string, dialect: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const report = join(dir, `report-${dialect}.json`);
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        'src/cli.ts',
        'import',
        'wordpress',
        file,
        '--no-fetch',
        '--report',
        report,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: dbUrl,
          SITE_URL: 'http://localhost:3000',
          MEDIA_DIR: join(dir, `media-${dialect}`),
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const samples: number[] = [];
    let cpuTicks = 0;
    const timer = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb) samples.push(kb / 1024);
        // utime + stime of every thread (workers included), fields 14 and 15 after the name.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process has just ended.
      }
    }, 250);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`import exited with ${code}`));
      const seconds = (performance.now() - started) / 1000;
      const r = JSON.parse(readFileSync(report, 'utf8')) as {
        counts: Record<string, { imported: number }>;
      };
      const at = (f: number) =>
        Math.round(
          samples[
            Math.min(samples.length - 1, Math.floor(f * samples.length))
          ] ?? 0,
        );
      resolve({
        dialect,
        seconds,
        imported: r.counts['post']?.imported ?? 0,
        peakMb: Math.round(Math.max(0, ...samples)),
        cpuSeconds: cpuTicks / CLOCK_TICKS,
        quartersMb: [at(0.25), at(0.5), at(0.75), at(0.999)],
      });
    });
  });
}

/** The one-article path: createArticle then publishArticle, each its own transaction with its events. */
async function oneByOne(dbUrl: string): Promise<number> {
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    SITE_URL: 'http://localhost:3000',
    MEDIA_DIR: join(dir, 'media-one'),
  });
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    const services = createServices(config, handle, systemClock);
    const actor = systemActor('bench');
    const sectionId = await insertSection(
      handle.db,
      { slug: 'bench', name: 'Bench', description: '', position: 0 },
      new Date(),
    );
    const authorId = await insertAuthor(
      handle.db,
      { slug: 'bench', name: 'Bench', bio: '', userId: null },
      new Date(),
    );
    const { articles } = await loadCorpus();
    const started = performance.now();
    for (let i = 0; i < ONE_BY_ONE; i++) {
      const a = articles[i % articles.length]!;
      const id = await createArticle(services, actor, {
        title: `${a.title} (${i})`,
        lead: a.lead,
        bodySource: a.bodyHtml.replace(/<\/?p>/g, '\n'),
        sectionId,
        authorIds: [authorId],
      });
      await publishArticle(services, actor, {
        articleId: id,
        overrideDuplicate: true,
      });
    }
    return ONE_BY_ONE / ((performance.now() - started) / 1000);
  } finally {
    await handle.close();
  }
}

const genStarted = performance.now();
// Kept in the temporary folder under a content key: a second run reuses it (see cachedWxr).
const { path: file, bytes, cached } = await cachedWxr(POSTS);
console.log(
  `${cached ? 'Reused' : 'Generated'} ${POSTS} posts, ${(bytes / 1_048_576).toFixed(0)} MiB (${file}), in ${((performance.now() - genStarted) / 1000).toFixed(1)} s`,
);
const runs: Run[] = [];
const rates: Record<string, number> = {};

/** The import then the one-by-one path, each in a database of its own, dropped after. */
async function onPostgres(): Promise<void> {
  try {
    await admin('select 1');
  } catch (error) {
    console.warn(`PostgreSQL unreachable, skipped: ${String(error)}`);
    return;
  }
  for (const what of ['import', 'one'] as const) {
    const keep = what === 'import' && keptDb !== undefined;
    const name = keep
      ? keptDb
      : `newsdesk_bench_${randomBytes(4).toString('hex')}`;
    if (keep) await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const url = Object.assign(new URL(adminUrl), {
      pathname: `/${name}`,
    }).toString();
    try {
      if (what === 'import') runs.push(await runImport(url, 'postgres'));
      else rates['postgres'] = await oneByOne(url);
    } finally {
      if (!keep) await admin(`drop database if exists ${name} with (force)`);
    }
  }
}
try {
  if (wants('sqlite')) {
    runs.push(
      await runImport(`sqlite:${join(dir, 'import.sqlite')}`, 'sqlite'),
    );
    rates['sqlite'] = await oneByOne(`sqlite:${join(dir, 'one.sqlite')}`);
  }
  if (wants('postgres')) await onPostgres();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  '# Import benchmark',
  '',
  `\`npm run bench -- import${quick ? ' --quick' : ''}${only ? ` --${only}` : ''}\` — ${POSTS.toLocaleString('en')} generated WordPress posts (${(bytes / 1_048_576).toFixed(0)} MiB of WXR, from shared/data/fr-news), imported by \`newsdesk import wordpress\` in its own process (search, editorial index, redirects filled per batch of 500). One-by-one: createArticle + publishArticle on ${ONE_BY_ONE} articles in the same run.`,
  quick ? '\n**Quick run: figures not meaningful.**' : '',
  '',
  '| database | posts | time | posts/s | CPU ms per post (import process, all threads) | one-by-one commands, articles/s | peak RSS | RSS at 25 / 50 / 75 / 100 % |',
  '|---|---|---|---|---|---|---|---|',
  ...runs.map(
    (r) =>
      `| ${r.dialect} | ${r.imported.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${Math.round(r.imported / r.seconds)} | ${((1000 * r.cpuSeconds) / Math.max(1, r.imported)).toFixed(1)} | ${Math.round(rates[r.dialect] ?? 0)} | ${r.peakMb} MB | ${r.quartersMb.join(' / ')} MB |`,
  ),
  '',
  `Measured ${new Date().toISOString().slice(0, 10)}.`,
  '',
];
const text = lines.join('\n');
console.log(text);
// One database alone (`--sqlite`, `--postgres`) does not overwrite the figures of both.
writeFileSync(
  join(ROOT, `bench/results/import${only ? `-${only}` : ''}.md`),
  text,
);
