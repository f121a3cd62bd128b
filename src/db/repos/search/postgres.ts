import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Queryable } from '../../database.ts';
import type { Database } from '../../schema.ts';
import {
  pairLexeme,
  prefixLexeme,
  quoteLexeme,
  toTsMatch,
  type TsMatch,
} from '../../../search/matchExpressions.ts';
import {
  FIELD_WEIGHTS,
  MAX_CANDIDATES,
  type IndexDocument,
  type NewsroomSearchRequest,
  type PublicSearchRequest,
  type SearchProvider,
  type SearchResultPage,
} from '../../../search/provider.ts';
import { newsroomFilter, publicFilter } from './filters.ts';

/**
 * The search index on PostgreSQL: one row per article (migrations 20261128_0003, 20261129_0006),
 * written from the normalised terms as literals, not through `to_tsvector`, so PostgreSQL's
 * parser and dictionaries never re-interpret them: the terms are exactly SQLite's. `match`
 * (plain lexemes: terms, their beginnings, pairs of consecutive terms, month and year) carries
 * the GIN index that finds matches; `document` (positions; title, lead and body weighted A, B
 * and C) checks longer phrases and ranks the best candidates; `head` (title and lead) ranks
 * every candidate. Beside them, the article's status, section and dates let a query pick its
 * most recent matches from this table alone.
 */
type SearchTables = {
  search_documents: {
    article_id: number;
    document: string;
    match: string;
    head: string;
    status: string;
    section_id: number | null;
    published_at: string | null;
    deleted_at: string | null;
    sort_at: string;
  };
};

const pgdb = (db: Queryable) => db.withTables<SearchTables>();
type DocsEb = ExpressionBuilder<Database & SearchTables, 'search_documents'>;

/** PostgreSQL's limit for a position; later words share it (they still match, phrases aside). */
const MAX_POSITION = 16383;

/**
 * `'chin':3A,9C 'japon':5A`: each term with its positions and weight. Fields are one position
 * apart so that a phrase never runs from the end of the title into the lead, as in FTS5.
 */
export function tsvectorLiteral(
  doc: Pick<IndexDocument, 'title' | 'lead' | 'body'>,
): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (terms: string[], weight: 'A' | 'B' | 'C') => {
    for (const term of terms) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      // PostgreSQL keeps 256 positions per lexeme; more would only be dropped on input.
      if (list.length < 256) list.push(`${position}${weight}`);
    }
    position++;
  };
  add(doc.title, 'A');
  add(doc.lead, 'B');
  add(doc.body, 'C');
  return [...positions]
    .map(([term, list]) => `${quoteLexeme(term)}:${list.join(',')}`)
    .join(' ');
}

/** Beginnings shorter than this are not indexed (query.ts matches shorter words whole). */
const MIN_PREFIX_LEXEME = 3;

/**
 * The match list, what the GIN index holds (as `search_match(match)`): plain lexemes separated
 * by spaces. Every term; every beginning of a term from 3 characters (`franc*` for « franc »,
 * « france », « français »…); every two terms that follow each other in a field (`coup>mond`);
 * the month and the year of the entry's date. Every part of a query (words, the word being
 * typed, a two-word phrase, a recency window) is then a plain lexeme, which the index answers
 * without reading any article's vector.
 */
export function matchLexemes(
  doc: Pick<IndexDocument, 'title' | 'lead' | 'body'>,
  date: Date,
): string {
  const lexemes = new Set<string>([
    monthLexeme(date),
    yearLexeme(date.getUTCFullYear()),
  ]);
  for (const field of [doc.title, doc.lead, doc.body]) {
    field.forEach((term, i) => {
      if (i > 0) lexemes.add(pairLexeme(field[i - 1]!, term));
      if (lexemes.has(term)) return;
      lexemes.add(term);
      for (let n = MIN_PREFIX_LEXEME; n <= term.length; n++)
        lexemes.add(prefixLexeme(term.slice(0, n)));
    });
  }
  return [...lexemes].join(' ');
}

/** `~202611`, the month of an entry's date (no reader's word can contain `~`): recency windows. */
function monthLexeme(date: Date): string {
  return `~${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `~2026`, the year of an entry's date. */
function yearLexeme(year: number): string {
  return `~${year}`;
}

/**
 * A ring of time: the entries whose month or year is one of these lexemes, dated from `from`.
 * Rings never overlap (an entry has one month and one year) and each ends where the one before
 * it begins, so reading them in turn reads matches from the newest back.
 */
interface Ring {
  lexemes: string[];
  from: Date;
}

/** Years read one at a time, after the months, before everything older is read at once. */
const YEAR_RINGS = 4;

/** Rings of months (this month, the two before, the rest of that year) before the years. */
const MONTH_RINGS = 3;

/**
 * Readers' rings: this month; the two before it; the rest of that year back to January; then
 * each of the four years before. `search_newest_public` (migration 20261129_0007) reads them in
 * turn and stops at the ring that completes MAX_CANDIDATES + 1 matches, then reads everything
 * older than the last ring by date alone (or right after the month rings: see `sparseBelow`).
 * A common word thus sorts a few months of matches, never the archive's; a rare one reads the
 * rings, each a GIN scan of its few matches (under a millisecond on 200,000 articles). A ring
 * costs the index in proportion to its lexemes (each is merged with the query's), which is why
 * past years are one lexeme each, not twelve months or one OR of several years, and why the
 * archive beyond them is not read through year lexemes at all.
 */
export function rings(now: Date): Ring[] {
  const current = monthNumber(now);
  const ring = (from: number, until: number): Ring => ({
    lexemes: monthsAsLexemes(from, until),
    from: monthStart(from),
  });
  const january = Math.floor((current - 3) / 12) * 12;
  const years = Array.from({ length: YEAR_RINGS }, (_, i) =>
    ring(january - 12 * (i + 1), january - 12 * i),
  );
  return [
    ring(current, current + 1),
    ring(current - 2, current),
    ring(january, current - 2),
    ...years,
  ];
}

/** A month counted as year × 12 + month (0 to 11), in UTC like the month lexemes. */
const monthNumber = (date: Date) =>
  date.getUTCFullYear() * 12 + date.getUTCMonth();
const monthStart = (month: number) =>
  new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));

/** Lexemes for the months [from, until): a whole year as its year's lexeme, other months as theirs. */
function monthsAsLexemes(from: number, until: number): string[] {
  const lexemes: string[] = [];
  for (let m = from; m < until; ) {
    if (m % 12 === 0 && m + 12 <= until) {
      lexemes.push(yearLexeme(m / 12));
      m += 12;
    } else {
      lexemes.push(monthLexeme(monthStart(m)));
      m++;
    }
  }
  return lexemes;
}

// ts_rank's weights are listed {D, C, B, A}: body, lead, title relative to the title.
const RANK_WEIGHTS = `{0,${FIELD_WEIGHTS.body / FIELD_WEIGHTS.title},${FIELD_WEIGHTS.lead / FIELD_WEIGHTS.title},1}`;

interface Run {
  match: TsMatch;
  /** The MAX_CANDIDATES + 1 most recent matches allowed (one more tells whether there were more). */
  newest: RawBuilder<Candidate>;
  /** The authority: the filter on `articles` (the public read scope, or the newsroom's). */
  filter: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>;
  request: PublicSearchRequest | NewsroomSearchRequest;
}

interface Candidate {
  article_id: number;
  sort_at: string;
  head: string;
}

/**
 * Ranking reads each candidate's tsvector, and reading a whole article's one costs several
 * microseconds (it is stored out of line): so all candidates are first ranked on the small
 * title-and-lead vector (`head`), and only the best FULLY_RANKED of them on the whole article.
 * Body-only matches thus compete on recency first; beyond the first pages the order is the
 * first stage's.
 */
const FULLY_RANKED = 100;

/**
 * Runs `fn` with sequential scans disabled. PostgreSQL's planner does not count the cost of
 * decompressing out-of-line tsvectors, so for a query matching a quarter of the articles it
 * prefers reading the whole table and testing every vector, which costs seconds on a large
 * archive, to the GIN index, which costs milliseconds. Parallel workers are off too: starting
 * one costs more (10 to 20 ms, more on a busy server) than the few milliseconds of heap reading
 * it would share. SET LOCAL lasts for the transaction only.
 */
async function withIndexScans<T>(
  db: Queryable,
  fn: (db: Queryable) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) {
    await sql`SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0`.execute(
      db,
    );
    try {
      return await fn(db);
    } finally {
      await sql`RESET enable_seqscan; RESET max_parallel_workers_per_gather`.execute(
        db,
      );
    }
  }
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0`.execute(
      tx,
    );
    return fn(tx);
  });
}

/** Readers' newest matches, ring by ring (see `rings`), from the index table alone. */
function publicNewest(
  match: TsMatch,
  request: PublicSearchRequest,
): RawBuilder<Candidate> {
  const all = rings(request.now);
  const ringQueries = all.map(
    (ring) =>
      `(${match.match}) & (${ring.lexemes.map(quoteLexeme).join(' | ')})`,
  );
  const iso = (d: Date | undefined) => d?.toISOString() ?? null;
  const want = MAX_CANDIDATES + 1;
  return sql<Candidate>`search_newest_public(
    ${ringQueries}::tsquery[], ${all.map((ring) => ring.from.toISOString())}::timestamptz[], ${match.match}::tsquery,
    ${match.checkExact ? match.exact : null}::tsquery, ${want}::int, ${MONTH_RINGS}::int, ${sparseBelow(all, want)}::int,
    ${request.now.toISOString()}::timestamptz, ${request.sectionId ?? null}::int, ${iso(request.from)}::timestamptz, ${iso(request.until)}::timestamptz)`;
}

/**
 * Fewer matches than this in the month rings, and the year rings would, at that pace, complete
 * not even half of `want`: the function then reads everything older at once, one GIN scan of the
 * query instead of one per year (each merging the query's lexemes with a year's). Half, because
 * news comes in bursts: a story that was everywhere two years ago and is quiet now would
 * otherwise have its whole archive read, where its year ring completes `want` cheaply.
 */
function sparseBelow(all: Ring[], want: number): number {
  const months =
    monthNumber(all[0]!.from) - monthNumber(all[MONTH_RINGS - 1]!.from) + 1;
  return Math.ceil((want * months) / (months + 12 * YEAR_RINGS) / 2);
}

/**
 * The newsroom's newest matches: allowed by the index's statuses and sections (and by the
 * filter on `articles` when it narrows beyond them: authorship), over all time, since what is
 * scheduled is dated after now. The GIN index answers the match list alone; for a phrase,
 * candidates are then checked against the exact query, newest first, until enough pass:
 * checking reads the candidate's whole vector.
 */
function newsroomNewest(
  db: Queryable,
  match: TsMatch,
  request: NewsroomSearchRequest,
): RawBuilder<Candidate> {
  const filter = newsroomFilter(request.visibility);
  let q = pgdb(db)
    .selectFrom('search_documents')
    .select([
      'search_documents.article_id',
      'search_documents.sort_at',
      'search_documents.head',
    ])
    .$if(match.checkExact, (qb) => qb.select('search_documents.document'))
    .where(
      sql<SqlBool>`search_match(search_documents.match) @@ ${match.match}::tsquery`,
    )
    .where(newsroomPrefilter(request));
  if (request.visibility.authorUserId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('articles')
          .select('articles.id')
          .whereRef('articles.id', '=', 'search_documents.article_id')
          .where((inner) =>
            filter(inner as unknown as ExpressionBuilder<Database, 'articles'>),
          ),
      ),
    );
  }
  // OFFSET 0 keeps the date order out of the subquery: matches come from the GIN index, never
  // from walking the date index while testing every article's vector, which the planner may
  // prefer when it underestimates how few articles match.
  const sorted = pgdb(db)
    .selectFrom(q.offset(0).as('f'))
    .selectAll('f')
    .orderBy('f.sort_at', 'desc');
  // OFFSET 0 again: the phrase check runs on the sorted candidates, in order, until enough pass.
  const candidates = pgdb(db)
    .selectFrom(sorted.offset(0).as('m'))
    .select(['m.article_id', 'm.sort_at', 'm.head']);
  const newest = (
    match.checkExact
      ? candidates.where(sql<SqlBool>`m.document @@ ${match.exact}::tsquery`)
      : candidates
  ).limit(MAX_CANDIDATES + 1);
  return sql<Candidate>`${newest}`;
}

/** Ranks the most recent matches. */
async function rank(db: Queryable, r: Run): Promise<SearchResultPage> {
  const query = sql`${r.match.exact}::tsquery`;
  // Ranked from the index table alone (its dates are the articles' own: the publication date, or
  // the creation date of what is not published). The total comes with the page.
  // In float8 throughout: extract() returns numeric, and power() on numerics is slow.
  const ageDays = sql`greatest(0, extract(epoch from (${r.request.now.toISOString()}::timestamptz - c.sort_at))::float8 / 86400)`;
  const decay = sql<number>`power(0.5::float8, ${ageDays} / ${r.request.ranking.halfLifeDays}::float8)`;
  const firstStage = sql<number>`ts_rank(${RANK_WEIGHTS}::float4[], c.head, ${query}) * ${decay}`;
  // Scored first (OFFSET 0 keeps it apart), so that the window sorts carry narrow rows, not `head`.
  const scored = pgdb(db)
    .selectFrom(r.newest.as('c'))
    .select([
      'c.article_id as id',
      sql<string>`c.sort_at`.as('at'),
      decay.as('decay'),
      firstStage.as('first'),
    ])
    .offset(0);
  const stage = pgdb(db)
    .selectFrom(scored.as('f'))
    .select([
      'f.id',
      'f.at',
      'f.decay',
      'f.first',
      sql<number>`row_number() over (order by f.first desc, f.at desc, f.id desc)`.as(
        'place',
      ),
      sql<number>`count(*) over ()`.as('total'),
    ]);
  const fullScore = sql<number>`(SELECT ts_rank(${RANK_WEIGHTS}::float4[], d.document, ${query}) FROM search_documents d WHERE d.article_id = s.id) * s.decay`;
  const byDate = r.request.sort === 'date';
  // Sorted by date, no article needs its whole vector read.
  const scoreColumn = byDate
    ? sql`s.first`
    : sql`CASE WHEN s.place <= ${FULLY_RANKED} THEN ${fullScore} ELSE s.first END`;
  const order = byDate
    ? sql`s.at desc, s.id desc`
    : sql`(s.place > ${FULLY_RANKED}), score desc, s.id desc`;
  const offset = r.request.offset;
  const limit = Math.min(r.request.limit, MAX_CANDIDATES - offset);
  // The page's articles go through the filter on `articles` again, the authority (the index
  // follows them in the same transaction, so this drops nothing unless they disagree).
  const allowed = pgdb(db)
    .selectFrom('articles')
    .select('articles.id')
    .whereRef('articles.id', '=', sql.ref('p.id'))
    .where((eb) =>
      r.filter(eb as unknown as ExpressionBuilder<Database, 'articles'>),
    );
  const { rows } =
    offset >= MAX_CANDIDATES
      ? { rows: [] }
      : await sql<{ id: number; score: number; total: number }>`
    SELECT p.id, p.total, p.score FROM (
      SELECT s.id, s.total, ${scoreColumn} AS score, s.at, s.place
      FROM (${stage}) s ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    ) p WHERE EXISTS (${allowed}) ORDER BY ${byDate ? sql`p.at desc, p.id desc` : sql`(p.place > ${FULLY_RANKED}), p.score desc, p.id desc`}`.execute(
          db,
        );
  // Past the last page no row carries the total: count on its own, for this rare case only.
  const found =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number(
            (
              await pgdb(db)
                .selectFrom(stage.as('s'))
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
  return {
    hits: rows.map((row) => ({ articleId: row.id, score: Number(row.score) })),
    total: Math.min(found, MAX_CANDIDATES),
    totalIsExact: found <= MAX_CANDIDATES,
  };
}

/** The newsroom: statuses and sections from the index; authorship needs the articles (see `newsroomNewest`). */
function newsroomPrefilter(request: NewsroomSearchRequest) {
  const v = request.visibility;
  return (eb: DocsEb): Expression<SqlBool> => {
    if (
      v.statuses.length === 0 ||
      (v.sectionIds !== undefined && v.sectionIds.length === 0)
    )
      return sql<SqlBool>`false`;
    return eb.and([
      eb('search_documents.status', 'in', [...v.statuses]),
      ...(v.sectionIds !== undefined
        ? [eb('search_documents.section_id', 'in', [...v.sectionIds])]
        : []),
    ]);
  };
}

export const postgresSearch: SearchProvider = {
  dialect: 'postgres',

  async upsert(db, docs: IndexDocument[]) {
    if (docs.length === 0) return;
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    await pgdb(db)
      .insertInto('search_documents')
      .values(
        docs.map((d) => ({
          article_id: d.articleId,
          document: sql`${tsvectorLiteral(d)}::tsvector` as never,
          match: matchLexemes(d, d.publishedAt ?? d.createdAt),
          head: sql`${tsvectorLiteral({ title: d.title, lead: d.lead, body: [] })}::tsvector` as never,
          status: d.status,
          section_id: d.sectionId,
          published_at: iso(d.publishedAt),
          deleted_at: iso(d.deletedAt),
          sort_at: (d.publishedAt ?? d.createdAt).toISOString(),
        })),
      )
      .onConflict((oc) =>
        oc.column('article_id').doUpdateSet((eb) => ({
          document: eb.ref('excluded.document'),
          match: eb.ref('excluded.match'),
          head: eb.ref('excluded.head'),
          status: eb.ref('excluded.status'),
          section_id: eb.ref('excluded.section_id'),
          published_at: eb.ref('excluded.published_at'),
          deleted_at: eb.ref('excluded.deleted_at'),
          sort_at: eb.ref('excluded.sort_at'),
        })),
      )
      .execute();
  },

  async remove(db, articleId) {
    await pgdb(db)
      .deleteFrom('search_documents')
      .where('article_id', '=', articleId)
      .execute();
  },

  async has(db, articleId) {
    return (
      (await pgdb(db)
        .selectFrom('search_documents')
        .select('article_id')
        .where('article_id', '=', articleId)
        .executeTakeFirst()) !== undefined
    );
  },

  async isEmpty(db) {
    return (
      (await pgdb(db)
        .selectFrom('search_documents')
        .select('article_id')
        .limit(1)
        .executeTakeFirst()) === undefined
    );
  },

  async count(db) {
    const row = await pgdb(db)
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async removeOrphans(db) {
    // The foreign key cascades deletes; this only matters for rows written around it.
    await pgdb(db)
      .deleteFrom('search_documents')
      .where('article_id', 'not in', (eb) =>
        eb.selectFrom('articles').select('articles.id'),
      )
      .execute();
  },

  async clear(db) {
    // A bulk load follows: building the GIN index once at the end is several times faster than
    // updating it row by row. `optimize` builds it again (as migration 20261128_0003 defines it);
    // if a rebuild dies in between, searches still work, slowly, until `newsdesk reindex` ends.
    await sql`TRUNCATE search_documents`.execute(db);
    await sql`DROP INDEX IF EXISTS search_documents_match_gin`.execute(db);
  },

  async optimize(db) {
    // As migration 20261129_0006 defines it.
    await sql`CREATE INDEX IF NOT EXISTS search_documents_match_gin ON search_documents USING gin (search_match(match)) WITH (fastupdate = off)`.execute(
      db,
    );
    await sql`ANALYZE search_documents`.execute(db);
  },

  async sizeInBytes(db) {
    const row = await sql<{
      bytes: string;
    }>`SELECT pg_total_relation_size('search_documents') AS bytes`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },

  async searchPublic(db, request: PublicSearchRequest) {
    // The function keeps sequential scans off for its own statements; the ranking around it
    // only looks articles up by id.
    const match = toTsMatch(request.query);
    return rank(db, {
      match,
      newest: publicNewest(match, request),
      filter: publicFilter(request),
      request,
    });
  },

  async searchNewsroom(db, request: NewsroomSearchRequest) {
    const match = toTsMatch(request.query);
    return withIndexScans(db, (tx) =>
      rank(tx, {
        match,
        newest: newsroomNewest(tx, match, request),
        filter: newsroomFilter(request.visibility),
        request,
      }),
    );
  },
};
