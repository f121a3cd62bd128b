/**
 * Bulk write path benchmark: articles written by the import writer (ImportWriter.writeBatch,
 * the path `newsdesk import …` takes) straight from memory, without the XML reader, so the
 * figure is the write path alone: article rows, revisions, links, search index, editorial
 * index (signatures, postings, term counts), events, in batches of 500, the text analysis in
 * the writer's worker threads. Bodies are four corpus articles joined (about 10 KB, like the
 * import benchmark's posts). SQLite, then PostgreSQL when reachable. 20,000 articles
 * (`--quick`: 2,000; `--articles=N`; PostgreSQL a quarter of that). CPU is reported for the
 * whole process (workers included) and for its main thread. `--parts`: first, the CPU of each
 * part of the text analysis on the main thread (the first 500 articles, word cache cold).
 * Writes bench/results/bulkWrite.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services.ts';
import { systemClock } from '../src/domain/clock.ts';
import { systemActor } from '../src/commands/context.ts';
import {
  ImportWriter,
  type ImportedArticle,
} from '../src/commands/importArticles.ts';
import { loadCorpus } from './searchCorpus.ts';
import { renderBodyWith } from '../src/media/bodyPictures.ts';
import { indexFields } from '../src/search/indexer.ts';
import { termBag } from '../src/editorial/signature.ts';
import { entitiesOf } from '../src/editorial/indexer.ts';

const quick = process.argv.includes('--quick');
const countArg = process.argv.find((a) => a.startsWith('--articles='));
const ARTICLES = countArg
  ? Number(countArg.slice('--articles='.length))
  : quick
    ? 2_000
    : 20_000;
const BATCH = 500;
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-bulk-'));
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

const { articles: corpus } = await loadCorpus();
const SECTIONS = ['politique', 'economie', 'sport', 'culture', 'monde'];

function article(i: number): ImportedArticle {
  const parts = [0, 1, 2, 3].map((k) => corpus[(i * 4 + k) % corpus.length]!);
  const at = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000);
  return {
    sourceId: String(i),
    status: 'published',
    title: `${parts[0]!.title} (${i})`,
    slug: `article-${i}`,
    lead: parts[0]!.lead,
    bodySource: parts
      .map((p) => p.bodyHtml.replace(/<\/?p>/g, '\n'))
      .join('\n\n'),
    sectionKey: SECTIONS[i % SECTIONS.length]!,
    authorKeys: [`a${i % 7}`],
    tagKeys: [`t${i % 31}`, `t${(i * 7) % 31}`],
    createdAt: at,
    publishedAt: at,
    modifiedAt: null,
    scheduledAt: null,
    deletedAt: null,
    seoTitle: null,
    seoDescription: null,
    oldPaths: [`/${at.getUTCFullYear()}/post-${i}/`],
    cover: null,
  };
}

async function run(
  dbUrl: string,
  count: number,
): Promise<{ rate: number; cpuMs: number; mainMs: number }> {
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    SITE_URL: 'http://localhost:3000',
    MEDIA_DIR: join(dir, 'media'),
  });
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    const services = createServices(config, handle, systemClock);
    const writer = new ImportWriter(
      services,
      services.search,
      'bench',
      systemActor('bench'),
    );
    for (const s of SECTIONS)
      await writer.ensureTerm('section', s, { slug: s, name: s });
    for (let k = 0; k < 7; k++)
      await writer.ensureTerm('author', `a${k}`, {
        slug: `auteur-${k}`,
        name: `Auteur ${k}`,
      });
    for (let k = 0; k < 31; k++)
      await writer.ensureTerm('tag', `t${k}`, {
        slug: `tag-${k}`,
        name: `Tag ${k}`,
      });
    const batches = [];
    for (let i = 0; i < count; i += BATCH)
      batches.push(
        Array.from({ length: Math.min(BATCH, count - i) }, (_, k) =>
          article(i + k),
        ),
      );
    const started = performance.now();
    const cpu = process.cpuUsage();
    const main = process.threadCpuUsage();
    let written = 0;
    for (const b of batches) written += (await writer.writeBatch(b)).imported;
    const rate = written / ((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    const mainUsed = process.threadCpuUsage(main);
    if (written !== count) throw new Error(`wrote ${written} of ${count}`);
    // CPU time of this process (every thread) and of its main thread alone (which writes while
    // the analysis workers compute): less skewed than wall time by a busy neighbour (the
    // database server's own work on PostgreSQL is not in it).
    return {
      rate,
      cpuMs: (used.user + used.system) / 1000 / written,
      mainMs: (mainUsed.user + mainUsed.system) / 1000 / written,
    };
  } finally {
    await handle.close();
  }
}

/** CPU ms per article of each analysis part (articleAnalysis.ts), in this thread. */
function analysisParts(count: number): string {
  const thread = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  const spent = { render: 0, 'search terms': 0, 'term bag': 0, entities: 0 };
  const timed = <T>(part: keyof typeof spent, f: () => T): T => {
    const t = thread();
    const result = f();
    spent[part] += thread() - t;
    return result;
  };
  for (let i = 0; i < count; i++) {
    const a = article(i);
    const { html } = timed('render', () =>
      renderBodyWith(a.bodySource, new Map(), new Map()),
    );
    timed('search terms', () =>
      indexFields({ title: a.title, lead: a.lead, bodyHtml: html }),
    );
    const text = { title: a.title, lead: a.lead, body: a.bodySource };
    timed('term bag', () => termBag(text));
    timed('entities', () => entitiesOf(text));
  }
  return Object.entries(spent)
    .map(([part, ms]) => `${part} ${(ms / count).toFixed(2)}`)
    .join(', ');
}

const parts = process.argv.includes('--parts')
  ? analysisParts(Math.min(500, ARTICLES))
  : null;
if (parts) console.log(`analysis, ms CPU per article: ${parts}`);

const rates: [
  string,
  number,
  { rate: number; cpuMs: number; mainMs: number },
][] = [];
try {
  const n = ARTICLES;
  const r = await run(`sqlite:${join(dir, 'bulk.sqlite')}`, n);
  console.log(
    `SQLite: ${n} articles, ${r.rate.toFixed(0)} articles/s, ${r.cpuMs.toFixed(2)} ms CPU per article (${r.mainMs.toFixed(2)} on the main thread)`,
  );
  rates.push(['SQLite', n, r]);
  let reachable = true;
  try {
    await admin('select 1');
  } catch {
    reachable = false;
    console.warn('PostgreSQL unreachable, skipped');
  }
  if (reachable && !process.argv.includes('--sqlite')) {
    const name = `newsdesk_bench_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    const url = Object.assign(new URL(adminUrl), {
      pathname: `/${name}`,
    }).toString();
    try {
      const m = Math.ceil(n / 4);
      const p = await run(url, m);
      console.log(
        `PostgreSQL: ${m} articles, ${p.rate.toFixed(0)} articles/s, ${p.cpuMs.toFixed(2)} ms CPU per article (Node side; ${p.mainMs.toFixed(2)} on the main thread)`,
      );
      rates.push(['PostgreSQL', m, p]);
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

writeFileSync(
  new URL('results/bulkWrite.md', import.meta.url),
  [
    '# Bulk write benchmark',
    '',
    `\`npm run bench -- bulkWrite${quick ? ' --quick' : ''}\` — articles written through ImportWriter.writeBatch in batches of ${BATCH} (article, revision, links, redirect, search index, editorial index, one event per batch), bodies of about 10 KB from shared/data/fr-news.`,
    quick ? '\n**Quick run: figures not meaningful.**' : '',
    parts
      ? `\nText analysis on the main thread (first 500 articles, word cache cold), ms CPU per article: ${parts}.`
      : '',
    '',
    '| database | articles | articles/s | CPU ms per article (Node process, all threads) | of which main thread |',
    '|---|---|---|---|---|',
    ...rates.map(
      ([d, n, r]) =>
        `| ${d} | ${n} | ${r.rate.toFixed(0)} | ${r.cpuMs.toFixed(2)} | ${r.mainMs.toFixed(2)} |`,
    ),
    '',
  ].join('\n'),
);
