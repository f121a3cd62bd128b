import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import {
  createTestDatabase,
  describeEachDialect,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { isSearchable, parseQuery } from '../../src/search/query.ts';
import {
  arabicDemoArticles,
  arabicDemoSections,
} from '../../src/demo/arabicContent.ts';

/**
 * Arabic relevance: the fourteen Arabic demo articles (src/demo/arabicContent.ts) and 50
 * queries written against them — hamza and alef forms, taa marbuta, alef maqsura, harakat,
 * tatweel, Arabic-Indic digits, the definite article and the prepositions glued to it, sound
 * plurals, phrases, prefixes while typing, mixed Arabic and Latin script, stop words.
 * `all` lists every article that must be found (and nothing else when `only`); the first
 * answer must be one of them. Then SQLite and PostgreSQL must agree on every query.
 */
interface Case {
  q: string;
  all: string[];
  /** No other article may match. */
  only?: boolean;
  why: string;
}

const CASES: Case[] = [
  // Hamza and alef forms.
  { q: 'الأسعار', all: ['ar-at-tadakhum'], why: 'hamza as written' },
  { q: 'الاسعار', all: ['ar-at-tadakhum'], why: 'alef without hamza' },
  { q: 'اسعار', all: ['ar-at-tadakhum'], why: 'no hamza, no article' },
  { q: 'أمطار', all: ['ar-tanja-al-amtar'], why: 'hamza, no article' },
  { q: 'امطار غزيره', all: ['ar-tanja-al-amtar'], only: true, why: 'both' },
  { q: 'انتاج الماء', all: ['ar-mukhattat-al-maa'], only: true, why: 'إنتاج' },
  // Taa marbuta written as haa, and the reverse.
  {
    q: 'الحكومه',
    all: ['ar-mukhattat-al-maa', 'ar-al-barlaman-al-intikhabat'],
    only: true,
    why: 'ه for ة',
  },
  { q: 'مدرسه', all: ['ar-madaris-ar-riyada'], only: true, why: 'ه for ة' },
  {
    q: 'الطاقه الريحيه',
    all: ['ar-al-ayoun-at-taqa-ar-rihiya', 'ar-mukhattat-al-maa'],
    only: true,
    why: 'two words with ه for ة',
  },
  // Alef maqsura.
  { q: 'مستشفي', all: ['ar-al-atibba-al-qura'], only: true, why: 'ي for ى' },
  { q: 'المستشفى', all: ['ar-al-atibba-al-qura'], only: true, why: 'ى' },
  // Harakat and tatweel.
  {
    q: 'الْمُنْتَخَب',
    all: ['ar-al-muntakhab-al-watani'],
    only: true,
    why: 'vowelled query',
  },
  {
    q: 'مَدَارِسُ الرِّيَادَة',
    all: ['ar-madaris-ar-riyada'],
    only: true,
    why: 'vowels and shadda',
  },
  {
    q: 'بنك المغـــرب',
    all: ['ar-bank-al-maghrib-saar-al-faida'],
    only: true,
    why: 'tatweel',
  },
  // Digits: Arabic-Indic and Western find each other.
  { q: '٢٠٢٩', all: ['ar-oncf-al-musafirin'], only: true, why: 'as written' },
  { q: '2029', all: ['ar-oncf-al-musafirin'], only: true, why: 'Western' },
  {
    q: '٤٠٠ كيلومتر',
    all: ['ar-mukhattat-al-maa'],
    only: true,
    why: 'Arabic-Indic for 400',
  },
  { q: '٢٦٠٠', all: ['ar-madaris-ar-riyada'], only: true, why: '2600' },
  {
    q: '9 في المائة',
    all: ['ar-oncf-al-musafirin'],
    only: true,
    why: 'في is a stop word',
  },
  // The definite article, with or without.
  {
    q: 'وزير',
    all: ['ar-al-barlaman-al-intikhabat'],
    only: true,
    why: 'وزير الداخلية; و is not the conjunction',
  },
  {
    q: 'الوزير',
    all: ['ar-al-barlaman-al-intikhabat'],
    only: true,
    why: 'the same stem',
  },
  {
    q: 'الوزارة',
    all: [
      'ar-madaris-ar-riyada',
      'ar-al-atibba-al-qura',
      'ar-mukhattat-al-maa',
    ],
    why: 'وزارة التربية، الصحة، التجهيز',
  },
  { q: 'مسافرين', all: ['ar-oncf-al-musafirin'], only: true, why: 'المسافرين' },
  { q: 'القطار', all: ['ar-oncf-al-musafirin'], only: true, why: 'article' },
  // Prepositions and conjunctions glued to the word.
  {
    q: 'بالرباط',
    all: ['ar-mukhattat-al-maa', 'ar-oncf-al-musafirin'],
    only: true,
    why: 'بـ + الرباط; والرباط in the text',
  },
  {
    q: 'الرباط',
    all: ['ar-mukhattat-al-maa', 'ar-oncf-al-musafirin'],
    only: true,
    why: 'the same two',
  },
  {
    q: 'للطاقة',
    all: ['ar-al-ayoun-at-taqa-ar-rihiya', 'ar-mukhattat-al-maa'],
    only: true,
    why: 'لـ + الطاقة',
  },
  {
    q: 'والدار البيضاء',
    all: [
      'ar-mukhattat-al-maa',
      'ar-oncf-al-musafirin',
      'ar-derby-al-wydad-al-raja',
    ],
    only: true,
    why: 'و + الدار',
  },
  // Sound plurals and derived forms.
  {
    q: 'قطارات',
    all: ['ar-oncf-al-musafirin'],
    only: true,
    why: 'قطاراته، القطارات',
  },
  {
    q: 'اللاعبين',
    all: ['ar-al-muntakhab-al-watani', 'ar-derby-al-wydad-al-raja'],
    only: true,
    why: 'اللاعبين، لاعبين، لاعبو',
  },
  {
    q: 'انتخابات',
    all: ['ar-al-barlaman-al-intikhabat'],
    only: true,
    why: 'الانتخابات، الانتخابية',
  },
  {
    q: 'الانتخابي',
    all: ['ar-al-barlaman-al-intikhabat'],
    only: true,
    why: 'adjective',
  },
  {
    q: 'المحطات',
    all: ['ar-mukhattat-al-maa', 'ar-al-ayoun-at-taqa-ar-rihiya'],
    why: 'محطات، محطة',
  },
  {
    q: 'فنادق',
    all: ['ar-marrakech-al-fanadiq', 'ar-fas-tarmim-al-madina'],
    only: true,
    why: 'الفنادق',
  },
  {
    q: 'فنادق مراكش',
    all: ['ar-marrakech-al-fanadiq'],
    only: true,
    why: 'two words, one article',
  },
  {
    q: 'السياحه',
    all: ['ar-marrakech-al-fanadiq'],
    only: true,
    why: 'السياحة، سياحيا',
  },
  // Phrases.
  {
    q: '"الدار البيضاء"',
    all: [
      'ar-mukhattat-al-maa',
      'ar-oncf-al-musafirin',
      'ar-derby-al-wydad-al-raja',
    ],
    only: true,
    why: 'phrase',
  },
  { q: '"البيضاء الدار"', all: [], only: true, why: 'order matters' },
  {
    q: '«سعر الفائدة»',
    all: ['ar-bank-al-maghrib-saar-al-faida'],
    only: true,
    why: 'guillemets',
  },
  // The last word is a prefix while typing.
  {
    q: 'تحلي',
    all: ['ar-mukhattat-al-maa'],
    only: true,
    why: 'تحلية',
  },
  {
    q: 'الطاق',
    all: ['ar-al-ayoun-at-taqa-ar-rihiya', 'ar-mukhattat-al-maa'],
    only: true,
    why: 'الطاقة',
  },
  // Mixed scripts.
  {
    q: 'ONCF القطارات',
    all: ['ar-oncf-al-musafirin'],
    only: true,
    why: 'Latin and Arabic',
  },
  {
    q: 'bank al-maghrib',
    all: ['ar-bank-al-maghrib-saar-al-faida'],
    only: true,
    why: 'the Latin name in the Arabic lead',
  },
  { q: 'ONCF الحسيمة', all: [], only: true, why: 'every word must match' },
  // Stop words alone.
  { q: 'في من على', all: [], only: true, why: 'Snowball’s Arabic list' },
  // Names and places.
  {
    q: 'الحسيمة',
    all: ['ar-hazza-ardiya-al-hoceima'],
    only: true,
    why: 'place',
  },
  {
    q: 'الوداد والرجاء',
    all: ['ar-derby-al-wydad-al-raja'],
    only: true,
    why: 'clubs, conjunction',
  },
  { q: 'ديربي', all: ['ar-derby-al-wydad-al-raja'], only: true, why: 'word' },
  {
    q: 'المدينه العتيقه',
    all: ['ar-fas-tarmim-al-madina'],
    only: true,
    why: 'ه for ة twice',
  },
  { q: 'الزليج', all: ['ar-fas-tarmim-al-madina'], only: true, why: 'word' },
  {
    q: 'هزه ارضيه',
    all: ['ar-hazza-ardiya-al-hoceima'],
    only: true,
    why: 'no hamza, ه for ة',
  },
];

async function fill(t: TestApp): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  const sections = new Map<string, number>();
  for (const s of arabicDemoSections)
    sections.set(
      s.slug,
      (await buildSection(t.ctx, { slug: s.slug, name: s.name })).id,
    );
  const now = t.clock.now().getTime();
  for (const a of arabicDemoArticles) {
    const { id } = await buildArticle(t.ctx, {
      title: a.title,
      lead: a.lead,
      bodySource: a.body,
      sectionId: sections.get(a.section)!,
      slug: a.key,
      publishedAt: new Date(now - a.minutesAgo * 60_000),
    });
    keys.set(id, a.key);
  }
  return keys;
}

/** As the search routes do: a query of stop words only is not run. */
const search = async (t: TestApp, q: string, sort: 'relevance' | 'date') => {
  const query = parseQuery(q);
  if (!isSearchable(query)) return { total: 0, hits: [] };
  return t.ctx.search.searchPublic(t.ctx.db, {
    query,
    sort,
    limit: 100,
    offset: 0,
    now: t.clock.now(),
    ranking: { halfLifeDays: 180 },
  });
};

test('at least 40 Arabic queries', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} queries`);
});

describeEachDialect('Arabic search relevance', (getDb) => {
  let t: TestApp;
  let keys: Map<number, string>;

  test('setup: the Arabic demo articles', async () => {
    t = await buildTestApp(getDb());
    keys = await fill(t);
    assert.equal(keys.size, arabicDemoArticles.length);
  });

  for (const c of CASES)
    test(`« ${c.q} » (${c.why})`, async () => {
      const found = (await search(t, c.q, 'relevance')).hits.map(
        (h) => keys.get(h.articleId)!,
      );
      for (const k of c.all) assert.ok(found.includes(k), `${k} in ${found}`);
      if (c.only) assert.deepEqual([...found].sort(), [...c.all].sort());
      if (c.all.length > 0) assert.ok(c.all.includes(found[0]!), found[0]);
    });

  test('the results page highlights Arabic words as written, with its variants', async () => {
    const res = await t.app.inject(
      `/recherche?q=${encodeURIComponent('الحكومه')}`,
    );
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    const marks = $('mark')
      .map((_, m) => $(m).text())
      .get();
    assert.ok(marks.includes('الحكومة'), `marks: ${marks}`);
    const vowelled = await t.app.inject(
      `/api/search?q=${encodeURIComponent('القطار')}`,
    );
    assert.equal(vowelled.statusCode, 200);
    assert.match(vowelled.body, /<mark>[^<]*قطار[^<]*<\/mark>/);
  });
});

describe('Arabic search parity: SQLite and PostgreSQL find the same articles', {
  skip: POSTGRES_SKIP,
}, () => {
  const apps: Record<string, TestApp> = {};
  const keys: Record<string, Map<number, string>> = {};
  const dbs: TestDatabase[] = [];
  before(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await createTestDatabase(dialect);
      dbs.push(db);
      apps[dialect] = await buildTestApp(db);
      keys[dialect] = await fill(apps[dialect]);
    }
  });
  after(async () => {
    for (const t of Object.values(apps)) await t.app.close();
    for (const db of dbs) await db.drop();
  });

  test('the same matches in the same date order, the same totals, and mostly the same best answer', async () => {
    let agree = 0,
      compared = 0;
    for (const { q } of CASES) {
      const named = async (d: string, sort: 'relevance' | 'date') => {
        const r = await search(apps[d]!, q, sort);
        return {
          total: r.total,
          keys: r.hits.map((h) => keys[d]!.get(h.articleId)),
        };
      };
      const [lite, pg] = await Promise.all([
        named('sqlite', 'date'),
        named('postgres', 'date'),
      ]);
      assert.equal(lite.total, pg.total, `total for ${q}`);
      assert.deepEqual(lite.keys, pg.keys, `matches for ${q}`);
      const [liteR, pgR] = await Promise.all([
        named('sqlite', 'relevance'),
        named('postgres', 'relevance'),
      ]);
      if (liteR.total === 0) continue;
      compared++;
      if (liteR.keys.slice(0, 3).includes(pgR.keys[0])) agree++;
    }
    assert.ok(
      agree >= compared * 0.8,
      `PostgreSQL's first answer is in SQLite's top 3 for ${agree} of ${compared} queries`,
    );
  });
});
