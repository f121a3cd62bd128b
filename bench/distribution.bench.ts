/**
 * Feeds and sitemaps at archive scale: 100,000 public articles over 24 months (plus a busy
 * 48 hours for Google News), on SQLite and PostgreSQL. For the sitemap index, a full monthly
 * sitemap, the news sitemap (the three, each to be served under 50 ms) and, for
 * information, the site's RSS feed and the tags sitemap, it measures per endpoint:
 *   cold          a new process's first request (nothing cached: a fresh app each time);
 *   after publish a request right after an article was published (only what it touched rebuilds);
 *   warm          repeated requests with nothing changed (no query: the event bus tells the cache).
 * Requests go through app.inject (the full Fastify pipeline, no socket). It also records every
 * query the cold requests ran and prints its plan, to show each one uses an index.
 *   npm run bench -- distribution [--quick]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  CompiledQuery,
  sql,
  type KyselyPlugin,
  type RootOperationNode,
} from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createServices, type Services } from '../src/services.ts';
import { systemActor } from '../src/commands/context.ts';
import { createArticle } from '../src/commands/createArticle.ts';
import { publishArticle } from '../src/commands/publishArticle.ts';
import {
  insertArticleLinksInBulk,
  insertArticlesInBulk,
} from '../src/db/repos/bulkInsert.ts';
import {
  insertAuthor,
  insertSection,
  insertTag,
} from '../src/db/repos/taxonomy.ts';
import { setSectionInNewsSitemap } from '../src/db/repos/sitemaps.ts';
import { monthKey } from '../src/domain/months.ts';
import {
  createTestDatabase,
  DIALECTS,
  type DialectName,
  type TestDatabase,
} from '../test/support/databases.ts';

const quick = process.argv.includes('--quick');
const ARTICLES = quick ? 3_000 : 100_000;
const NEWS_ARTICLES = quick ? 100 : 400; // first published in the last 48 hours
const MONTHS = 24;
const COLD_RUNS = quick ? 3 : 10;
const AFTER_PUBLISH_RUNS = quick ? 3 : 10;
const WARM_RUNS = quick ? 30 : 300;
const TARGET_MS = 50;
const NOW = new Date('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

const pastMonth = monthKey(
  new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 6, 15)),
);
const ENDPOINTS = [
  { label: 'sitemap index', url: '/sitemap.xml', target: true },
  {
    label: `monthly sitemap (${pastMonth})`,
    url: `/sitemaps/articles-${pastMonth}.xml`,
    target: true,
  },
  { label: 'Google News sitemap', url: '/sitemaps/news.xml', target: true },
  { label: 'site RSS feed (full text)', url: '/feed.xml', target: false },
  { label: 'tags sitemap', url: '/sitemaps/tags.xml', target: false },
];

interface Figures {
  p50: number;
  p99: number;
  max: number;
}
interface EndpointResult {
  label: string;
  url: string;
  target: boolean;
  bytes: number;
  wireBytes: number;
  urls: number;
  cold: Figures;
  afterPublish: Figures;
  warm: Figures;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[
      Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))
    ]!;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1)! };
}

/** One request as a crawler makes it (gzip accepted); the body is read back uncompressed. */
async function timed(
  app: FastifyInstance,
  url: string,
): Promise<{ ms: number; wireBytes: number; body: string }> {
  const start = performance.now();
  const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  const ms = performance.now() - start;
  if (res.statusCode !== 200)
    throw new Error(`${url} answered ${res.statusCode}`);
  const raw =
    res.headers['content-encoding'] === 'gzip'
      ? gunzipSync(res.rawPayload)
      : res.rawPayload;
  return { ms, wireBytes: res.rawPayload.length, body: raw.toString('utf8') };
}

/** Sections, people, tags, then the articles and their links in bulk, in one transaction. */
async function seed(services: Services): Promise<void> {
  const { db } = services;
  const at = new Date(NOW.getTime() - MONTHS * 31 * 24 * HOUR);
  await db.transaction().execute(async (tx) => {
    const sections: number[] = [];
    for (let i = 0; i < 10; i++)
      sections.push(
        await insertSection(
          tx,
          {
            slug: `rubrique-${i}`,
            name: `Rubrique ${i}`,
            description: '',
            position: i,
          },
          at,
        ),
      );
    await setSectionInNewsSitemap(tx, 'rubrique-9', false);
    const authors: number[] = [];
    for (let i = 0; i < 60; i++)
      authors.push(
        await insertAuthor(
          tx,
          { slug: `auteur-${i}`, name: `Auteur ${i}`, bio: '', userId: null },
          at,
        ),
      );
    const tags: number[] = [];
    for (let i = 0; i < 800; i++)
      tags.push(
        await insertTag(
          tx,
          { slug: `sujet-${i}`, name: `Sujet ${i}`, kind: 'topic' },
          at,
        ),
      );
    const archiveStart = new Date(
      Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - MONTHS, 1),
    ).getTime();
    const archiveEnd = NOW.getTime() - 48 * HOUR;
    const body = `<p>${'Un paragraphe de texte pour le corps de l’article. '.repeat(10)}</p>\n<h2>Intertitre</h2>\n<p>${'Suite du texte. '.repeat(15)}</p>\n`;
    const rows = [];
    for (let i = 0; i < ARTICLES; i++) {
      const inNews = i >= ARTICLES - NEWS_ARTICLES;
      const t = inNews
        ? archiveEnd +
          ((i - (ARTICLES - NEWS_ARTICLES)) / NEWS_ARTICLES) * 48 * HOUR
        : archiveStart +
          (i / (ARTICLES - NEWS_ARTICLES)) * (archiveEnd - archiveStart);
      const published = new Date(Math.floor(t / 1000) * 1000).toISOString();
      const hidden = i % 97 === 0; // a few drafts and withdrawn articles among them
      rows.push({
        slug: `article-${i}`,
        title: `Titre de l’article numéro ${i} : un événement à suivre`,
        lead: 'Un chapô de deux phrases pour résumer l’article. La seconde précise le contexte.',
        body_source: '',
        body_html: body,
        status: hidden ? (i % 2 ? 'draft' : 'unpublished') : 'published',
        section_id: sections[i % sections.length]!,
        cover_url: i % 5 < 2 ? `https://cdn.example.org/photos/${i}.jpg` : null,
        cover_alt: i % 5 < 2 ? 'Photo' : null,
        created_at: published,
        updated_at: published,
        first_published_at: hidden && i % 2 ? null : published,
        published_at: hidden && i % 2 ? null : published,
        modified_at:
          i % 5 === 0
            ? new Date(Date.parse(published) + 2 * HOUR).toISOString()
            : null,
        is_featured: false,
        is_breaking: false,
      });
    }
    const ids = await insertArticlesInBulk(tx, rows);
    await insertArticleLinksInBulk(
      tx,
      ids.flatMap((id, i) =>
        (i % 4 === 0
          ? [authors[i % 60]!, authors[(i + 7) % 60]!]
          : [authors[i % 60]!]
        ).map((author_id, position) => ({
          article_id: id,
          author_id,
          position,
        })),
      ),
      ids.flatMap((id, i) =>
        [tags[i % 800]!, tags[(i * 7 + 3) % 800]!]
          .filter((v, k, a) => a.indexOf(v) === k)
          .map((tag_id, position) => ({ article_id: id, tag_id, position })),
      ),
    );
    await services.events.record(tx, {
      name: 'articles.publish',
      articleId: ids.at(-1)!,
      payload: { bulk: ARTICLES },
      at: NOW,
    });
  });
  // Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would gather them.
  await sql`analyze`.execute(db);
}

/** Records the SQL the app runs, to explain it afterwards. */
function queryRecorder(services: Services): {
  plugin: KyselyPlugin;
  queries: Map<string, CompiledQuery>;
} {
  const queries = new Map<string, CompiledQuery>();
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const compiled = services.db
        .getExecutor()
        .compileQuery(args.node as RootOperationNode, args.queryId);
      if (/^select/i.test(compiled.sql) && !queries.has(compiled.sql))
        queries.set(compiled.sql, compiled);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { plugin, queries };
}

async function explain(
  services: Services,
  dialect: DialectName,
  queries: Map<string, CompiledQuery>,
): Promise<string[]> {
  const out: string[] = [];
  for (const q of queries.values()) {
    const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await services.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(prefix + q.sql, [...q.parameters]),
    );
    const plan = result.rows
      .map((r) => String(r['detail'] ?? r['QUERY PLAN']))
      .join('\n');
    out.push(`${q.sql}\n  → ${plan.replace(/\n/g, '\n    ')}`);
  }
  return out;
}

async function runDialect(dialect: DialectName): Promise<{
  results: EndpointResult[];
  plans: string[];
  seedSeconds: number;
}> {
  const db: TestDatabase = await createTestDatabase(dialect);
  try {
    const clock = fixedClock(NOW);
    const config = loadConfig({
      SITE_URL: 'https://journal.example',
      LOG_LEVEL: 'silent',
    });
    const services = createServices(config, db.handle, clock);
    const seedStart = performance.now();
    await seed(services);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(
      `[${dialect}] seeded ${ARTICLES} articles in ${seedSeconds.toFixed(1)} s`,
    );

    const recorder = queryRecorder(services);
    const results: EndpointResult[] = [];
    for (const e of ENDPOINTS) {
      const cold: number[] = [];
      let body = '';
      let wireBytes = 0;
      for (let r = 0; r < COLD_RUNS; r++) {
        const recording = r === 0 && e.target;
        const app = await buildApp(
          recording
            ? {
                ...services,
                db: services.db.withPlugin(recorder.plugin),
                logger: false,
              }
            : { ...services, logger: false },
        );
        const run = await timed(app, e.url);
        cold.push(run.ms);
        body = run.body;
        wireBytes = run.wireBytes;
        await app.close();
      }
      results.push({
        ...e,
        bytes: Buffer.byteLength(body),
        wireBytes,
        urls: (body.match(/<(url|sitemap|item)>/g) ?? []).length,
        cold: figures(cold),
        afterPublish: figures([0]),
        warm: figures([0]),
      });
    }

    // One long-lived app, as in production: warm it, then publish now and then.
    const app = await buildApp({ ...services, logger: false });
    for (const e of ENDPOINTS) await timed(app, e.url);
    const after = new Map<string, number[]>(ENDPOINTS.map((e) => [e.url, []]));
    const actor = systemActor('bench');
    for (let r = 0; r < AFTER_PUBLISH_RUNS; r++) {
      clock.advance(60_000);
      const id = await createArticle(services, actor, {
        title: `Dernière minute ${r}`,
        lead: 'Chapô.',
        bodySource: 'Texte.',
        sectionId: 1,
        authorIds: [1],
        tagIds: [1],
      });
      await publishArticle(services, actor, { articleId: id });
      for (const e of ENDPOINTS)
        after.get(e.url)!.push((await timed(app, e.url)).ms);
    }
    for (const e of ENDPOINTS) {
      const warm: number[] = [];
      for (let r = 0; r < WARM_RUNS; r++)
        warm.push((await timed(app, e.url)).ms);
      const result = results.find((x) => x.url === e.url)!;
      result.warm = figures(warm);
      result.afterPublish = figures(after.get(e.url)!);
    }
    await app.close();
    return {
      results,
      plans: await explain(services, dialect, recorder.queries),
      seedSeconds,
    };
  } finally {
    await db.drop();
  }
}

const f = (n: number) => n.toFixed(1);
const lines: string[] = [
  `# Distribution benchmark${quick ? ' (--quick: small data, figures not meaningful)' : ''}`,
  '',
  `${ARTICLES.toLocaleString('en')} articles over ${MONTHS} months, ${NEWS_ARTICLES} of them in the last 48 hours; ` +
    `cold: ${COLD_RUNS} fresh apps per endpoint; after publish: ${AFTER_PUBLISH_RUNS} publications; warm: ${WARM_RUNS} requests. ` +
    `Milliseconds per request through app.inject, with \`Accept-Encoding: gzip\` as crawlers send it. Run: ${new Date().toISOString()}, Node ${process.version}.`,
  '',
];
const verdicts: string[] = [];
for (const dialect of DIALECTS) {
  let run;
  try {
    run = await runDialect(dialect);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.error(`[${dialect}] skipped: ${why}`);
    lines.push(`## ${dialect}`, '', `Skipped: ${why}`, '');
    continue;
  }
  lines.push(
    `## ${dialect} (seeded in ${run.seedSeconds.toFixed(0)} s)`,
    '',
    '| endpoint | entries | bytes (gzip) | cold p50 | cold p99 | after publish p50 | after publish p99 | warm p50 | warm p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of run.results) {
    lines.push(
      `| ${r.label}${r.target ? ' †' : ''} | ${r.urls} | ${r.bytes.toLocaleString('en')} (${r.wireBytes.toLocaleString('en')}) | ${f(r.cold.p50)} | ${f(r.cold.p99)} | ${f(r.afterPublish.p50)} | ${f(r.afterPublish.p99)} | ${f(r.warm.p50)} | ${f(r.warm.p99)} |`,
    );
    if (r.target) {
      const worst = Math.max(r.afterPublish.p99, r.warm.p99);
      verdicts.push(
        `${dialect} ${r.label}: warm p99 ${f(r.warm.p99)} ms, after publish p99 ${f(r.afterPublish.p99)} ms, cold p50 ${f(r.cold.p50)} ms → ${worst < TARGET_MS ? 'under' : 'OVER'} ${TARGET_MS} ms once running`,
      );
    }
    console.log(
      `[${dialect}] ${r.label}: cold p50 ${f(r.cold.p50)} / after publish p99 ${f(r.afterPublish.p99)} / warm p50 ${f(r.warm.p50)} p99 ${f(r.warm.p99)} ms (${r.urls} entries, ${r.bytes} bytes)`,
    );
  }
  lines.push(
    '',
    '† the issue’s three endpoints (target: under 50 ms).',
    '',
    '<details><summary>Query plans of the cold requests</summary>',
    '',
    '```',
    ...run.plans,
    '```',
    '</details>',
    '',
  );
}
lines.push('## Verdict', '', ...verdicts.map((v) => `- ${v}`), '');
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('results/distribution.md', import.meta.url),
  lines.join('\n'),
);
console.log(verdicts.join('\n'));
console.log('wrote bench/results/distribution.md');
