import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompiledQuery,
  type KyselyPlugin,
  type QueryId,
  type RootOperationNode,
} from 'kysely';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';
import {
  createTestDatabase,
  DIALECTS,
  POSTGRES_SKIP,
  type DialectName,
  type TestDatabase,
} from '../support/databases.ts';
import { TEST_NOW } from '../support/app.ts';
import { seedArchive } from '../support/archive.ts';

/*
 * What an uncached public page costs the database, at two archive sizes: the number of queries,
 * the rows each returns and (PostgreSQL, from EXPLAIN ANALYZE) the rows each reads must be the
 * same at SMALL and at LARGE articles. 100,000 articles take 100 s to seed on this machine (both
 * databases), too long for the suite: LARGE is 20,000 (20×) unless QUERIES_LARGE says otherwise
 * (QUERIES_LARGE=100000 passes too). No time is asserted: only counts.
 */
const SMALL = 1_000;
const LARGE = Number(process.env['QUERIES_LARGE'] ?? 20_000);
const NOW = new Date(TEST_NOW);

interface Recorded {
  compiled: CompiledQuery;
  rows: number;
}

/** Records every query the app runs while `on`, with the rows it returned. */
/** Statements of background work, not of a page: the live readers' report and the bus's poll. */
const BACKGROUND =
  /^(insert into|update|delete from) "live_readers"|^select .* from "events" where "id" >/i;

function recorder(services: Services) {
  const byId = new WeakMap<QueryId, Recorded>();
  const state = { on: false, queries: [] as Recorded[] };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (state.on) {
        const entry = {
          compiled: services.db
            .getExecutor()
            .compileQuery(args.node as RootOperationNode, args.queryId),
          rows: 0,
        };
        // The app's own timers (each process reporting its live readers, the bus polling for
        // other processes' events) may run during a request: they are not the page's cost.
        if (BACKGROUND.test(entry.compiled.sql)) return args.node;
        // The last node seen for an id is the query run: a subquery or a UNION's member
        // built from `db` passes here too, but only the statement itself gets a result.
        byId.set(args.queryId, entry);
      }
      return args.node;
    },
    async transformResult(args) {
      const entry = byId.get(args.queryId);
      if (entry && state.on) {
        entry.rows = args.result.rows.length;
        state.queries.push(entry);
      }
      return args.result;
    },
  };
  return { plugin, state };
}

interface PlanFacts {
  /** Rows read from tables and indexes (PostgreSQL's actual rows × loops); null on SQLite. */
  rowsRead: number | null;
  /** A whole-table scan of articles, or a read of its index with nothing to bound it. */
  unboundedArticles: string | null;
}

type PgPlan = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PgPlan[];
};

/** Reads the plan of a recorded query, as each database explains it. */
async function planFacts(
  services: Services,
  dialect: DialectName,
  q: CompiledQuery,
): Promise<PlanFacts> {
  const text = q.sql.toLowerCase();
  if (
    !/^\s*(select|with)/.test(text) ||
    !/"article(s|_tags|_authors)"/.test(text)
  )
    return { rowsRead: null, unboundedArticles: null };
  if (dialect === 'sqlite') {
    const result = await services.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
    );
    const lines = result.rows.map((r) => r.detail);
    // By a unique key (id, slug) or a list of ids: one row each. Any other read of articles
    // (a range of an index: a count, a listing) must stop at a LIMIT.
    const unbounded = lines.find(
      (l) =>
        /^SCAN article_(tags|authors)\b/.test(l) ||
        (/\barticles\b/.test(l) &&
          (/^SCAN articles\b/.test(l) ||
            (!/INTEGER PRIMARY KEY|sqlite_autoindex_articles_1 \(slug=\?\)/.test(
              l,
            ) &&
              !/ limit /.test(text)))),
    );
    return { rowsRead: null, unboundedArticles: unbounded ?? null };
  }
  const result = await services.db.executeQuery<{
    'QUERY PLAN': [{ Plan: PgPlan }];
  }>(
    CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [
      ...q.parameters,
    ]),
  );
  const root = result.rows[0]!['QUERY PLAN'][0].Plan;
  let rowsRead = 0;
  let unbounded: string | null = null;
  const walk = (node: PgPlan) => {
    if (node['Relation Name'] || node['Index Name'])
      rowsRead += (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
    if (
      node['Node Type'] === 'Seq Scan' &&
      node['Relation Name'] === 'articles'
    )
      unbounded = 'Seq Scan on articles';
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return { rowsRead, unboundedArticles: unbounded };
}

interface PageCost {
  status: number;
  queries: number;
  rowsReturned: number[];
  rowsRead: number[];
  /** Each query's SQL with the rows it returned, and what it read, sorted: concurrent queries start in any order. */
  perQuery: { key: string; read: number }[];
  unbounded: string[];
}

/** Each public page type, on URLs that exist at both sizes. */
const PAGES: { name: string; url: string }[] = [
  { name: 'home', url: '/' },
  { name: 'article (recent)', url: '/articles/article-20' },
  { name: 'article (oldest at 1,000)', url: '/articles/article-990' },
  { name: 'section', url: '/rubrique/rubrique-1' },
  { name: 'section, page 3', url: '/rubrique/rubrique-1?page=3' },
  { name: 'section, keyset page', url: '/rubrique/rubrique-1?avant=KEYSET' },
  { name: 'tag', url: '/sujet/sujet-2' },
  { name: 'author', url: '/auteur/auteur-3' },
  { name: 'feed', url: '/feed.xml' },
  { name: 'section feed', url: '/rubrique/rubrique-1/feed.xml' },
  { name: 'fil info (live)', url: '/live/fil-info' },
  { name: 'news sitemap', url: '/sitemaps/news.xml' },
  { name: 'sections sitemap', url: '/sitemaps/sections.xml' },
  { name: 'tags sitemap', url: '/sitemaps/tags.xml' },
  { name: 'authors sitemap', url: '/sitemaps/authors.xml' },
];

async function measure(
  dialect: DialectName,
  db: TestDatabase,
  articles: number,
): Promise<Map<string, PageCost>> {
  const clock = fixedClock(NOW);
  const config = loadConfig({
    SITE_URL: 'https://journal.example',
    LOG_LEVEL: 'silent',
  });
  const services = createServices(config, db.handle, clock);
  await seedArchive(services, articles, NOW);
  // The keyset page after article 405 (section 1): well inside both archives.
  const keyset = await services.db
    .selectFrom('articles')
    .select('id')
    .where('slug', '=', 'article-405')
    .executeTakeFirstOrThrow();
  const { plugin, state } = recorder(services);
  const costs = new Map<string, PageCost>();
  for (const page of PAGES) {
    // A new app per page: nothing kept from the page before, as for the first reader of an old page.
    const app = await buildApp({
      ...services,
      db: services.db.withPlugin(plugin),
      logger: false,
    });
    try {
      // Started before the request, so timers the app sets on ready are outside its context.
      await app.ready();
      state.queries = [];
      state.on = true;
      const res = await app.inject(
        page.url.replace('KEYSET', String(keyset.id)),
      );
      state.on = false;
      const recorded = state.queries;
      const facts: PlanFacts[] = [];
      for (const q of recorded)
        facts.push(await planFacts(services, dialect, q.compiled));
      costs.set(page.name, {
        status: res.statusCode,
        queries: recorded.length,
        rowsReturned: recorded.map((q) => q.rows),
        rowsRead: facts.map((f) => f.rowsRead ?? 0),
        perQuery: recorded
          .map((q, i) => ({
            key: `${q.rows} returned: ${q.compiled.sql}`,
            read: facts[i]!.rowsRead ?? 0,
          }))
          .sort((a, b) =>
            a.key === b.key ? a.read - b.read : a.key < b.key ? -1 : 1,
          ),
        unbounded: facts.flatMap((f, i) =>
          f.unboundedArticles
            ? [`${f.unboundedArticles}\n    in ${recorded[i]!.compiled.sql}`]
            : [],
        ),
      });
    } finally {
      state.on = false;
      await app.close();
    }
  }
  return costs;
}

for (const dialect of DIALECTS) {
  describe(`queries per uncached page, ${SMALL} vs ${LARGE} articles [${dialect}]`, {
    skip: dialect === 'postgres' && POSTGRES_SKIP,
  }, () => {
    const dbs: TestDatabase[] = [];
    let small: Map<string, PageCost>;
    let large: Map<string, PageCost>;
    before(async () => {
      dbs.push(
        await createTestDatabase(dialect),
        await createTestDatabase(dialect),
      );
      small = await measure(dialect, dbs[0]!, SMALL);
      large = await measure(dialect, dbs[1]!, LARGE);
    });
    after(async () => {
      for (const db of dbs) await db.drop();
    });

    for (const page of PAGES)
      test(`${page.name}: as many queries, returning and reading as many rows, none unbounded`, () => {
        const s = small.get(page.name)!;
        const l = large.get(page.name)!;
        // The figures, for the record (the test log): queries, rows returned, rows read.
        console.log(
          `${dialect} ${page.name}: ${s.queries} / ${l.queries} queries; rows returned ${s.rowsReturned.reduce((a, b) => a + b, 0)} / ${l.rowsReturned.reduce((a, b) => a + b, 0)}; rows read ${s.rowsRead.reduce((a, b) => a + b, 0)} / ${l.rowsRead.reduce((a, b) => a + b, 0)}`,
        );
        assert.equal(s.status, 200);
        assert.equal(l.status, 200);
        assert.deepEqual(l.unbounded, [], l.unbounded.join('\n'));
        assert.ok(s.queries > 0, 'the recorder saw the page’s queries');
        assert.equal(l.queries, s.queries);
        // The same queries, returning the same rows.
        assert.deepEqual(
          l.perQuery.map((q) => q.key),
          s.perQuery.map((q) => q.key),
        );
        // Reading no more at 20× the archive (PostgreSQL's planner may read more of a small
        // table than an index range of a big one: a whole 1,000-row table costs it less).
        l.perQuery.forEach((q, i) =>
          assert.ok(
            q.read <= s.perQuery[i]!.read,
            `${q.read} rows read at ${LARGE}, ${s.perQuery[i]!.read} at ${SMALL}: ${q.key}`,
          ),
        );
      });
  });
}
