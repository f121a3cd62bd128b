import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  createTestDatabase,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { sharedFile } from '../support/shared.ts';
import { parseQuery } from '../../src/search/query.ts';

/**
 * SQLite and PostgreSQL find the same articles: the same 300 real French news articles
 * (../shared/data/fr-news) go into both, and 40 queries (accentless, plurals, elisions, phrases,
 * prefixes) must return the same articles in the same date order, with the same totals.
 * Ranking functions differ (FTS5's bm25, PostgreSQL's ts_rank): their best answers must agree
 * for most queries, which is checked too.
 */
const CORPUS = sharedFile('data/fr-news/orangesum_fr_news.dev.jsonl');
const SIZE = 300;

const QUERIES = [
  'coronavirus',
  'confinement',
  'macron',
  'emmanuel macron',
  '"emmanuel macron"',
  'gouvernement',
  'gouvern',
  'ministre de l’interieur',
  '"ministre de l\'intérieur"',
  'elections municipales',
  'élection',
  'gilets jaunes',
  '"gilets jaunes"',
  'greve',
  'grèves sncf',
  'retraites',
  'reforme des retraites',
  'hopital',
  'hôpitaux',
  'medecins',
  'police',
  'policiers',
  'justice tribunal',
  'prison',
  'enfants',
  'l’enfant',
  'femmes',
  'violences',
  'accident',
  'voiture electrique',
  'voitures électriques',
  'etats-unis',
  'trump',
  'chine',
  'europe',
  "l'europe",
  "d'europe",
  'president de la republique',
  'incendie',
  'minist',
];

interface Corpus {
  title: string;
  lead: string;
  body: string;
  date: string;
  category: string;
}

async function readCorpus(path: string): Promise<Corpus[]> {
  const out: Corpus[] = [];
  for await (const line of createInterface({ input: createReadStream(path) })) {
    const a = JSON.parse(line) as {
      title: string;
      heading: string;
      article: string;
      date: string;
      category: string;
    };
    if (!a.title || !a.article) continue;
    out.push({
      title: a.title.slice(0, 290),
      lead: a.heading ?? '',
      body: a.article,
      date: a.date,
      category: a.category.split('/')[0]!,
    });
    if (out.length === SIZE) break;
  }
  return out;
}

const skip = !CORPUS
  ? 'shared/ is absent (../shared/data/fr-news): no corpus for the parity test'
  : POSTGRES_SKIP;

describe('search parity: SQLite and PostgreSQL find the same articles', {
  skip,
}, () => {
  const apps: Record<string, TestApp> = {};
  const dbs: TestDatabase[] = [];

  before(async () => {
    const corpus = await readCorpus(CORPUS!);
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await createTestDatabase(dialect);
      dbs.push(db);
      const t = await buildTestApp(db);
      apps[dialect] = t;
      const sections = new Map<string, number>();
      for (const [i, a] of corpus.entries()) {
        let section = sections.get(a.category);
        if (section === undefined)
          sections.set(
            a.category,
            (section = (
              await buildSection(t.ctx, { slug: a.category, name: a.category })
            ).id),
          );
        // Same day for many articles: minutes keep the order total.
        const publishedAt = new Date(
          Date.parse(`${a.date}T08:00:00Z`) + i * 60_000,
        );
        await buildArticle(t.ctx, {
          title: a.title,
          lead: a.lead,
          bodySource: a.body,
          sectionId: section,
          slug: `a-${i}`,
          publishedAt,
        });
      }
    }
  });
  after(async () => {
    for (const t of Object.values(apps)) await t.app.close();
    for (const db of dbs) await db.drop();
  });

  const run = (
    dialect: string,
    q: string,
    sort: 'relevance' | 'date',
    now = apps[dialect]!.clock.now(),
  ) => {
    const t = apps[dialect]!;
    return t.ctx.search.searchPublic(t.ctx.db, {
      query: parseQuery(q),
      sort,
      limit: 1000,
      offset: 0,
      now,
      ranking: { halfLifeDays: 180 },
    });
  };

  test('the same matches, in the same date order, with the same totals', async () => {
    let matched = 0;
    for (const q of QUERIES) {
      const [lite, pg] = await Promise.all([
        run('sqlite', q, 'date'),
        run('postgres', q, 'date'),
      ]);
      assert.equal(lite.total, pg.total, `total for ${q}`);
      assert.deepEqual(
        lite.hits.map((h) => h.articleId),
        pg.hits.map((h) => h.articleId),
        `matches for ${q}`,
      );
      if (lite.total > 0) matched++;
    }
    assert.ok(
      matched >= 35,
      `${matched} of ${QUERIES.length} queries match something`,
    );
  });

  test('the same when the articles are recent: PostgreSQL gathers them across its rings of time', async () => {
    // Seen from the day after the newest article, the corpus spreads over this month, the months
    // before and past years: PostgreSQL reads each ring in turn (db/repos/search/postgres.ts).
    const newest = new Date(
      (
        await apps['sqlite']!.ctx.db.selectFrom('articles')
          .select((eb) => eb.fn.max('published_at').as('at'))
          .executeTakeFirstOrThrow()
      ).at as string,
    );
    const now = new Date(newest.getTime() + 86_400_000);
    for (const q of QUERIES) {
      const [lite, pg] = await Promise.all([
        run('sqlite', q, 'date', now),
        run('postgres', q, 'date', now),
      ]);
      assert.equal(lite.total, pg.total, `total for ${q}`);
      assert.deepEqual(
        lite.hits.map((h) => h.articleId),
        pg.hits.map((h) => h.articleId),
        `matches for ${q}`,
      );
    }
  });

  test('the best answers agree for most queries', async () => {
    let agree = 0,
      compared = 0;
    for (const q of QUERIES) {
      const [lite, pg] = await Promise.all([
        run('sqlite', q, 'relevance'),
        run('postgres', q, 'relevance'),
      ]);
      if (lite.total === 0) continue;
      compared++;
      const top = new Set(lite.hits.slice(0, 3).map((h) => h.articleId));
      if (top.has(pg.hits[0]!.articleId)) agree++;
    }
    assert.ok(
      agree >= compared * 0.8,
      `PostgreSQL's first answer is in SQLite's top 3 for ${agree} of ${compared} queries`,
    );
  });
});
