import { existsSync } from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createServices } from '../src/services.ts';
import { buildApp } from '../src/app.ts';
import { reindexAll } from '../src/search/indexer.ts';
import { parseQuery } from '../src/search/query.ts';
import { toFts5, toTsQuery } from '../src/search/matchExpressions.ts';
import { insertCorpus, loadCorpus } from './searchCorpus.ts';
const NOW = new Date('2021-01-01T12:00:00Z');
const N = Number(process.argv[2] ?? 5000);
const dialect = process.argv[3] as 'sqlite' | 'postgres';
const path = `/tmp/prof/${N}.sqlite`;
const pgName = `newsdesk_prof_${N}`;
let fresh = false;
if (dialect === 'sqlite') fresh = !existsSync(path);
else {
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await c.connect();
  fresh = (await c.query('select 1 from pg_database where datname = $1', [pgName])).rowCount === 0;
  if (fresh) await c.query(`create database ${pgName}`);
  await c.end();
}
const handle = dialect === 'sqlite' ? openDatabase({ dialect: 'sqlite', path }) : openDatabase({ dialect: 'postgres', connectionString: `postgres://postgres@127.0.0.1:5432/${pgName}` });
await migrateToLatest(handle.db);
const services = createServices(loadConfig({ LOG_LEVEL: 'silent' }), handle, fixedClock(NOW));
if (fresh) {
  const corpus = await loadCorpus();
  await insertCorpus(handle, corpus.articles, N, NOW);
  if (dialect === 'postgres') await sql`analyze`.execute(handle.db);
  await reindexAll(handle.db, services.search, { fresh: true });
  if (dialect === 'postgres') await sql`analyze`.execute(handle.db);
}
const app = await buildApp({ ...services, logger: false });
const minOf = async (n: number, f: () => Promise<unknown>) => { let best = Infinity; for (let i = 0; i < n; i++) { const s = performance.now(); await f(); best = Math.min(best, performance.now() - s); } return best; };
const qs = (process.argv[4] ?? 'macron|coronavirus|hopital|gilets jaunes|"gilets jaunes"|gouvern|partenariat strat|zzzz ').split('|');
for (const q of qs) {
  const req = { query: parseQuery(q), now: NOW, sort: 'relevance' as const, limit: 20, offset: 0, ranking: { halfLifeDays: 180 } };
  const r = await services.search.searchPublic(handle.db, req);
  const p = await minOf(8, () => services.search.searchPublic(handle.db, req));
  const e = await minOf(8, () => app.inject({ url: '/api/search', query: { q } }));
  console.log(`${q.padEnd(22)} total ${String(r.total).padStart(5)}  provider ${p.toFixed(2)} ms  endpoint ${e.toFixed(2)} ms`);
}
if (process.argv.includes('--explain')) {
  const q = parseQuery(qs[0]!);
  if (dialect === 'postgres') {
    const tsq = toTsQuery(q);
    const r = await sql.raw(`explain (analyze, buffers) with c as (select article_id, document, sort_at from search_documents where document @@ '${tsq.replace(/'/g, "''")}'::tsquery and status = 'published' and published_at <= now() and deleted_at is null order by sort_at desc limit 1001) select a.id, ts_rank('{0,0.1,0.4,1}', c.document, '${tsq.replace(/'/g, "''")}'::tsquery) s, count(*) over () from c join articles a on a.id = c.article_id where a.status='published' order by s desc limit 20`).execute(handle.db);
    console.log((r.rows as any[]).map((x) => x['QUERY PLAN']).join('\n'));
  } else {
    const m = toFts5(q);
    const r = await sql.raw(`explain query plan select * from (select a.id, bm25(search_fts) r from search_fts cross join articles a where search_fts match '${m.replace(/'/g, "''")}' and a.id = (search_fts.rowid & 134217727) and a.status = 'published' order by search_fts.rowid desc limit 1001) c order by r limit 20`).execute(handle.db);
    console.log(r.rows);
  }
}
await app.close(); await handle.close();
