/**
 * Search benchmark: N French news articles (../shared/data/fr-news, imported again and again with
 * shifted dates; generated text where shared/ is absent) on SQLite and on PostgreSQL. Measures
 * the full reindex (`reindexAll --fresh`), the index size, and 100 representative reader queries
 * (accentless, plurals, elisions, phrases, prefixes): p50/p99 for the provider query alone and
 * for the whole JSON endpoint (query, articles, snippets, JSON).
 *
 *   npm run bench -- search            200,000 articles (the lead runs this, on an idle machine)
 *   npm run bench -- search --quick    5,000 articles, to check that it works
 *   options: --articles N, --only sqlite|postgres, --keep (keep the loaded and indexed database,
 *   under bench/tmp/ or as newsdesk_bench_keep_N, and reuse it on the next run with --keep)
 *   npm run bench -- search --curve    SQLite's scaling curve: one archive grown to 200,000,
 *   500,000 and 1,000,000 articles, measured at each size (with --quick: 2,000 and 5,000),
 *   written to bench/results/search-curve.md. Each stage loads and indexes only what it adds,
 *   each corpus article's terms worked out once (see growingArchive): FTS5's writes are most of
 *   the time.
 */
import {
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
} from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import { buildApp } from '../src/app.ts';
import { reindexAll, toIndexDocument } from '../src/search/indexer.ts';
import { listIndexSources } from '../src/db/repos/search/documents.ts';
import type { IndexDocument } from '../src/search/provider.ts';
import { parseQuery } from '../src/search/query.ts';
import { insertCorpus, loadCorpus, type BenchArticle } from './searchCorpus.ts';
import { BENCH_QUERIES } from './searchQueries.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const total = Number(flag('--articles') ?? (quick ? 5_000 : 200_000));
const only = flag('--only');
const keep = args.includes('--keep');
const runs = quick ? 3 : 5;
const NOW = new Date('2021-01-01T12:00:00Z');
const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

interface DialectResult {
  dialect: string;
  insertS: number;
  reindexS: number;
  indexMiB: number;
  provider: Stats;
  endpoint: Stats;
  medianMatches: number;
  maxMatches: number;
  slowest: { q: string; ms: number }[];
}
interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1)! };
}

async function benchDialect(
  dialect: 'sqlite' | 'postgres',
  corpus: BenchArticle[],
  total: number,
): Promise<DialectResult | string> {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  // With --keep, a database left by an earlier --keep run with the same size is reused as it is.
  let reuse = false;
  if (dialect === 'sqlite') {
    const dir = keep
      ? new URL(`./tmp/search-${total}/`, import.meta.url).pathname
      : mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
    const path = join(dir, 'bench.sqlite');
    reuse = keep && existsSync(path);
    if (keep && !reuse) mkdirSync(dir, { recursive: true });
    handle = openDatabase({ dialect: 'sqlite', path });
    cleanup = async () => {
      await handle.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = keep
      ? `newsdesk_bench_keep_${total}`
      : `newsdesk_bench_${process.pid}`;
    const admin = new pg.Client({
      connectionString: adminUrl,
      connectionTimeoutMillis: 3000,
    });
    try {
      await admin.connect();
    } catch (e) {
      return `PostgreSQL unreachable at ${adminUrl}: ${(e as Error).message}`;
    }
    reuse =
      keep &&
      (
        await admin.query('select 1 from pg_database where datname = $1', [
          name,
        ])
      ).rowCount === 1;
    if (!reuse) {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
    }
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = openDatabase(
      { dialect: 'postgres', connectionString: url.toString() },
      { poolSize: 4 },
    );
    cleanup = async () => {
      await handle.close();
      if (keep) return;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    await migrateToLatest(handle.db);
    if (!reuse) console.log(`[${dialect}] loading ${total} articles`);
    const insertS = reuse ? 0 : await insertCorpus(handle, corpus, total, NOW);
    if (dialect === 'postgres' && !reuse) await sql`ANALYZE`.execute(handle.db);
    const clock = fixedClock(NOW);
    const services = createServices(
      loadConfig({
        DATABASE_URL: dialect === 'sqlite' ? 'sqlite::memory:' : adminUrl,
        LOG_LEVEL: 'silent',
      }),
      handle,
      clock,
    );
    let last = 0;
    const { ms } = reuse
      ? { ms: 0 }
      : (console.log(`[${dialect}] reindexing`),
        await reindexAll(handle.db, services.search, {
          fresh: true,
          onProgress: (done, all) => {
            if (done - last >= 10_000 || done === all) {
              last = done;
              process.stdout.write(`\r  indexed ${done}/${all}`);
            }
          },
        }));
    if (!reuse) process.stdout.write('\n');
    return {
      ...(await measure(handle, services)),
      dialect,
      insertS,
      reindexS: ms / 1000,
    };
  } finally {
    await cleanup();
  }
}

type Measured = Omit<DialectResult, 'dialect' | 'insertS' | 'reindexS'>;

/** The index size, then the queries: provider and JSON endpoint, a warm-up pass and `runs` runs. */
async function measure(
  handle: DatabaseHandle,
  services: ReturnType<typeof createServices>,
): Promise<Measured> {
  const indexMiB = (await services.search.sizeInBytes(handle.db)) / 1_048_576;
  const app = await buildApp({ ...services, logger: false });
  const request = (q: string) => ({
    query: parseQuery(q),
    now: NOW,
    sort: 'relevance' as const,
    limit: 20,
    offset: 0,
    ranking: services.config.search,
  });
  // Warm-up: one pass over every query (caches, JIT, statement cache).
  const matches: number[] = [];
  for (const q of BENCH_QUERIES)
    matches.push(
      (await services.search.searchPublic(handle.db, request(q))).total,
    );
  for (const q of BENCH_QUERIES)
    await app.inject({ url: '/api/search', query: { q } });
  const providerMs: number[] = [],
    endpointMs: number[] = [];
  const perQuery = new Map<string, number>();
  for (let r = 0; r < runs; r++) {
    for (const q of BENCH_QUERIES) {
      let t0 = performance.now();
      await services.search.searchPublic(handle.db, request(q));
      providerMs.push(performance.now() - t0);
      t0 = performance.now();
      const res = await app.inject({ url: '/api/search', query: { q } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${q} → ${res.statusCode}`);
      endpointMs.push(ms);
      perQuery.set(q, Math.max(perQuery.get(q) ?? 0, ms));
    }
  }
  await app.close();
  const sortedMatches = [...matches].sort((a, b) => a - b);
  return {
    indexMiB,
    provider: stats(providerMs),
    endpoint: stats(endpointMs),
    medianMatches: sortedMatches[Math.floor(sortedMatches.length / 2)]!,
    maxMatches: sortedMatches.at(-1)!,
    slowest: [...perQuery]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([q, ms]) => ({ q, ms })),
  };
}

/**
 * The scaling curve's one SQLite archive, grown from size to size (articles `0…n-1` are the
 * same at every size: each stage adds older copies), measured at each. Each stage indexes only
 * the articles it added, and the index terms of a corpus article are worked out once and given
 * to each of its copies (they have the same title, lead and body): what the index holds is what
 * `reindexAll` would write (checked: a copy whose text differs is indexed from its own text),
 * at the cost of FTS5's writes alone. Each stage ends with `optimize`, like a rebuild.
 */
async function* growingArchive(
  corpus: BenchArticle[],
  sizes: number[],
): AsyncGenerator<DialectResult & { articles: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-curve-'));
  const handle = openDatabase({
    dialect: 'sqlite',
    path: join(dir, 'bench.sqlite'),
  });
  try {
    await migrateToLatest(handle.db);
    const services = createServices(
      loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }),
      handle,
      fixedClock(NOW),
    );
    const terms = new Map<
      number,
      { title: string; doc: Pick<IndexDocument, 'title' | 'lead' | 'body'> }
    >();
    let have = 0;
    let afterId = 0;
    let reused = 0;
    for (const size of sizes) {
      console.log(`[sqlite] growing the archive to ${size} articles`);
      const insertS = await insertCorpus(handle, corpus, size, NOW, have);
      await sql`ANALYZE`.execute(handle.db);
      const started = performance.now();
      for (;;) {
        const batch = await listIndexSources(handle.db, afterId, 2_000);
        if (batch.length === 0) break;
        const docs = batch.map((source) => {
          // Ids follow insertion order from 1: article i has id i + 1 (checked by its title).
          const k = (source.id - 1) % corpus.length;
          const known = terms.get(k);
          if (known && known.title === source.title) {
            const doc = {
              ...toIndexDocument({
                ...source,
                title: '',
                lead: '',
                bodyHtml: '',
              }),
              ...known.doc,
            };
            // Now and then, the copy's terms are worked out again: they must be the same.
            if (reused++ % 1_000 === 0) {
              const own = toIndexDocument(source);
              if (JSON.stringify(own) !== JSON.stringify(doc))
                throw new Error(`article ${source.id}: reused terms differ`);
            }
            return doc;
          }
          const doc = toIndexDocument(source);
          terms.set(k, {
            title: source.title,
            doc: { title: doc.title, lead: doc.lead, body: doc.body },
          });
          return doc;
        });
        await handle.db
          .transaction()
          .execute((tx) => services.search.upsert(tx, docs));
        afterId = batch.at(-1)!.id;
      }
      await services.search.optimize(handle.db);
      const indexS = (performance.now() - started) / 1000;
      have = size;
      console.log(
        `  indexed in ${indexS.toFixed(1)} s (${reused} copies given their corpus article's terms so far)`,
      );
      yield {
        ...(await measure(handle, services)),
        dialect: 'sqlite',
        insertS,
        reindexS: indexS,
        articles: size,
      };
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (n: number) => n.toFixed(2);
const loadBefore = loadavg()[0]!;
const corpus = await loadCorpus();
console.log(
  `corpus: ${corpus.articles.length} distinct articles (${corpus.source}); ${total} articles; ${BENCH_QUERIES.length} queries × ${runs} runs`,
);
const curve = args.includes('--curve');
const CURVE_SIZES = quick ? [2_000, 5_000] : [200_000, 500_000, 1_000_000];
if (curve) {
  const rows: string[] = [];
  for await (const r of growingArchive(corpus.articles, CURVE_SIZES)) {
    const size = r.articles;
    rows.push(
      `| ${size.toLocaleString('en')} | ${r.insertS.toFixed(1)} | ${r.reindexS.toFixed(1)} | ${r.indexMiB.toFixed(1)} | ${f(r.provider.p50)} / ${f(r.provider.p95)} / ${f(r.provider.p99)} / ${f(r.provider.max)} | ${f(r.endpoint.p50)} / ${f(r.endpoint.p95)} / ${f(r.endpoint.p99)} / ${f(r.endpoint.max)} | ${r.medianMatches} / ${r.maxMatches} |`,
    );
    console.log(rows.at(-1));
  }
  const report = [
    `# Search on SQLite by archive size${quick ? ' (--quick: figures not meaningful)' : ''}`,
    '',
    `${corpus.source}; ${BENCH_QUERIES.length} reader queries × ${runs} runs after a warm-up pass, at each size of one archive grown in one run (each stage adds older articles). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.`,
    '',
    '| articles | load added (s) | index added + optimize (s) | index (MiB) | provider p50 / p95 / p99 / max (ms) | JSON endpoint p50 / p95 / p99 / max (ms) | matches per query: median / max |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(
      quick ? './results/search-curve.quick.md' : './results/search-curve.md',
      import.meta.url,
    ),
    report,
  );
  console.log(`\n${report}`);
  process.exit(0);
}
const results: (DialectResult | string)[] = [];
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (only && only !== dialect) continue;
  results.push(await benchDialect(dialect, corpus.articles, total));
}
const lines = [
  `# Search benchmark${quick ? ' (--quick: figures not meaningful)' : ''}`,
  '',
  `${total.toLocaleString('en')} articles (${corpus.source}; 1 in 50 a draft), ${BENCH_QUERIES.length} reader queries × ${runs} runs after a warm-up pass. ` +
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after ` +
    "(on a busy machine every figure is inflated, PostgreSQL's most: each query is a round trip between two processes). Target: p99 < 20 ms.",
  '',
  '| dialect | load (s) | reindex (s) | index (MiB) | provider p50 / p95 / p99 / max (ms) | JSON endpoint p50 / p95 / p99 / max (ms) | matches per query: median / max |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) =>
    typeof r === 'string'
      ? `| skipped | ${r} |||||| `
      : `| ${r.dialect} | ${r.insertS.toFixed(1)} | ${r.reindexS.toFixed(1)} | ${r.indexMiB.toFixed(1)} | ${f(r.provider.p50)} / ${f(r.provider.p95)} / ${f(r.provider.p99)} / ${f(r.provider.max)} | ${f(r.endpoint.p50)} / ${f(r.endpoint.p95)} / ${f(r.endpoint.p99)} / ${f(r.endpoint.max)} | ${r.medianMatches} / ${r.maxMatches} |`,
  ),
  '',
  'Slowest queries (JSON endpoint, worst run):',
  '',
  ...results.flatMap((r) =>
    typeof r === 'string'
      ? []
      : [
          `- ${r.dialect}: ${r.slowest.map((s) => `« ${s.q} » ${f(s.ms)} ms`).join(', ')}`,
        ],
  ),
  '',
  '"provider" is `SearchProvider.searchPublic` (match, public scope, rank, page and total in one query); "JSON endpoint" is `GET /api/search` through `app.inject` (also loads the 20 articles with sections and bylines, cuts highlighted snippets, renders JSON).',
  '',
];
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/search.md', import.meta.url),
  lines.join('\n'),
);
console.log(`\n${lines.join('\n')}`);
