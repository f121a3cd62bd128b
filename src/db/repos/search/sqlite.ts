import {
  OperationNodeTransformer,
  RawNode,
  sql,
  TableNode,
  type Expression,
  type ExpressionBuilder,
  type JoinNode,
  type KyselyPlugin,
  type SqlBool,
} from 'kysely';
import type { Queryable } from '../../database.ts';
import type { Database } from '../../schema.ts';
import { toFts5 } from '../../../search/matchExpressions.ts';
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
 * The search index on SQLite: a contentless FTS5 table (migration 20261128_0003) holding
 * normalised terms only; snippets are cut from the articles themselves. Its rowid is a recency
 * key, `minute × 2^27 + article id`, so FTS5 hands matches over newest first and a query reads
 * only as many as it ranks, however common its words. `search_keys` maps articles to keys.
 */
type Tables = {
  search_fts: { rowid: number; title: string; lead: string; body: string };
  search_keys: { article_id: number; fts_rowid: number };
};

const fts = (db: Queryable) => db.withTables<Tables>();

const ID_BITS = 2 ** 27;
/** Pages one `merge` step writes at most (`optimize`): 160 MB per transaction. */
const MERGE_PAGES = 40_000;

const MAX_MINUTE = 2 ** 26 - 1;

/** Rows this connection has changed since it opened (FTS5's `merge` says it worked through it). */
async function totalChanges(db: Queryable): Promise<number> {
  const r = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db);
  return Number(r.rows[0]!.n);
}

/** The minute of `date` since 1970, within what a key can hold (years 1970 to 2097). */
function minuteOf(date: Date): number {
  return Math.min(MAX_MINUTE, Math.max(0, Math.floor(date.getTime() / 60_000)));
}

/** The FTS5 rowid of an article: newer sorts higher; the low bits give the article id back. */
export function recencyKey(doc: IndexDocument): number {
  if (doc.articleId >= ID_BITS)
    throw new Error(
      `article id ${doc.articleId} is beyond the search key's range`,
    );
  return minuteOf(doc.publishedAt ?? doc.createdAt) * ID_BITS + doc.articleId;
}

/**
 * Each match is checked against the read scope by article id. SQLite's planner prefers the
 * articles' rowid to the covering index `articles_search_scope_idx` (migration 20261128_0003),
 * but the row holds the body's overflow pages before the dates: through the index, the check of
 * 1,000 candidates takes 2 ms instead of 6. Kysely has no INDEXED BY, so this plugin writes it
 * into the query's one cross join with `articles`.
 */
class ScopeIndexHint extends OperationNodeTransformer {
  protected override transformJoin(node: JoinNode): JoinNode {
    const join = super.transformJoin(node);
    if (
      join.joinType !== 'CrossJoin' ||
      !TableNode.is(join.table) ||
      join.table.table.identifier.name !== 'articles'
    )
      return join;
    return {
      ...join,
      table: RawNode.createWithSql(
        '"articles" INDEXED BY "articles_search_scope_idx"',
      ),
    };
  }
}

const scopeIndexHint: KyselyPlugin = {
  transformQuery: (args) => new ScopeIndexHint().transformNode(args.node),
  transformResult: async (args) => args.result,
};

interface Run {
  match: string;
  filter: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>;
  /** The time recency and the date sort use. */
  dateColumn: ReturnType<typeof sql>;
  /** Bounds on the key, from a date range (the article filter checks the exact times). */
  keyRange?: { from?: Date; until?: Date };
  request: PublicSearchRequest | NewsroomSearchRequest;
}

async function run(db: Queryable, r: Run): Promise<SearchResultPage> {
  // CROSS JOIN keeps FTS5 as the outer loop: matches come newest first (ORDER BY rowid DESC is
  // FTS5's own order), each article is looked up by the id in its key, and reading stops at
  // MAX_CANDIDATES + 1 allowed matches (one more tells whether there were more).
  let candidates = fts(db)
    .selectFrom('search_fts')
    .crossJoin('articles')
    .where(sql<SqlBool>`search_fts MATCH ${r.match}`)
    .where(sql<SqlBool>`articles.id = (search_fts.rowid & ${ID_BITS - 1})`)
    .where((eb) =>
      r.filter(eb as unknown as ExpressionBuilder<Database, 'articles'>),
    );
  if (r.keyRange?.from)
    candidates = candidates.where(
      'search_fts.rowid',
      '>=',
      minuteOf(r.keyRange.from) * ID_BITS,
    );
  if (r.keyRange?.until)
    candidates = candidates.where(
      'search_fts.rowid',
      '<',
      (minuteOf(r.keyRange.until) + 1) * ID_BITS,
    );
  const { title, lead, body } = FIELD_WEIGHTS;
  const recent = candidates
    .select([
      'articles.id as id',
      sql<number>`bm25(search_fts, ${title}, ${lead}, ${body})`.as('rank'),
      sql<string>`${r.dateColumn}`.as('at'),
    ])
    .orderBy('search_fts.rowid', 'desc')
    .limit(MAX_CANDIDATES + 1);
  // bm25() cannot be evaluated inside a window query: the candidates are scored in a subquery,
  // ranked and counted outside it. The total comes with the page: one query, not two.
  const ageDays = sql`max(0, julianday(${r.request.now.toISOString()}) - julianday(c.at))`;
  const score = sql<number>`(-c.rank) * pow(0.5, ${ageDays} / ${r.request.ranking.halfLifeDays})`;
  let page = fts(db)
    .withPlugin(scopeIndexHint)
    .selectFrom(recent.as('c'))
    .select([
      'c.id',
      score.as('score'),
      sql<number>`count(*) over ()`.as('total'),
    ]);
  page =
    r.request.sort === 'date'
      ? page.orderBy('c.at', 'desc').orderBy('c.id', 'desc')
      : page.orderBy('score', 'desc').orderBy('c.id', 'desc');
  const offset = r.request.offset;
  const rows =
    offset >= MAX_CANDIDATES
      ? []
      : await page
          .limit(Math.min(r.request.limit, MAX_CANDIDATES - offset))
          .offset(offset)
          .execute();
  // Past the last page no row carries the total: count on its own, for this rare case only.
  const found =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number(
            (
              await fts(db)
                .withPlugin(scopeIndexHint)
                .selectFrom(recent.as('c'))
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

export const sqliteSearch: SearchProvider = {
  dialect: 'sqlite',

  async upsert(db, docs: IndexDocument[]) {
    if (docs.length === 0) return;
    const ids = docs.map((d) => d.articleId);
    const old = await fts(db)
      .selectFrom('search_keys')
      .select('fts_rowid')
      .where('article_id', 'in', ids)
      .execute();
    if (old.length)
      await fts(db)
        .deleteFrom('search_fts')
        .where(
          'rowid',
          'in',
          old.map((o) => o.fts_rowid),
        )
        .execute();
    const keyed = docs.map((d) => ({ d, key: recencyKey(d) }));
    await fts(db)
      .insertInto('search_fts')
      .values(
        keyed.map(({ d, key }) => ({
          rowid: key,
          title: d.title.join(' '),
          lead: d.lead.join(' '),
          body: d.body.join(' '),
        })),
      )
      .execute();
    await fts(db)
      .insertInto('search_keys')
      .values(
        keyed.map(({ d, key }) => ({
          article_id: d.articleId,
          fts_rowid: key,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('article_id')
          .doUpdateSet((eb) => ({ fts_rowid: eb.ref('excluded.fts_rowid') })),
      )
      .execute();
  },

  async remove(db, articleId) {
    const old = await fts(db)
      .selectFrom('search_keys')
      .select('fts_rowid')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (!old) return;
    await fts(db)
      .deleteFrom('search_fts')
      .where('rowid', '=', old.fts_rowid)
      .execute();
    await fts(db)
      .deleteFrom('search_keys')
      .where('article_id', '=', articleId)
      .execute();
  },

  async has(db, articleId) {
    return (
      (await fts(db)
        .selectFrom('search_keys')
        .select('article_id')
        .where('article_id', '=', articleId)
        .executeTakeFirst()) !== undefined
    );
  },

  async isEmpty(db) {
    return (
      (await fts(db)
        .selectFrom('search_keys')
        .select('article_id')
        .limit(1)
        .executeTakeFirst()) === undefined
    );
  },

  async count(db) {
    const row = await fts(db)
      .selectFrom('search_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async removeOrphans(db) {
    const gone = await fts(db)
      .selectFrom('search_keys')
      .select(['article_id', 'fts_rowid'])
      .where('article_id', 'not in', (eb) =>
        eb.selectFrom('articles').select('articles.id'),
      )
      .execute();
    for (const g of gone) await sqliteSearch.remove(db, g.article_id);
  },

  async clear(db) {
    // FTS5's own command for contentless tables: drops every entry at once.
    await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(
      db,
    );
    await sql`DELETE FROM search_keys`.execute(db);
    // No incremental merging while the bulk load runs (`optimize` merges everything once at
    // the end and turns it back on): a fifth less work on 10,000 articles. FTS5's crisis merge
    // still bounds the segments if a rebuild dies before `optimize`.
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0)`.execute(
      db,
    );
  },

  async optimize(db) {
    // FTS5's default incremental merging again (`clear` turned it off for the bulk load).
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 4)`.execute(
      db,
    );
    // The segments merged into one (smaller, faster to query), a bounded step per statement.
    // FTS5's `optimize` does it in one transaction whose pages, far more than the page cache
    // holds, spill into the WAL and are read back through it: 116 s of a 163 s rebuild at
    // 100,000 articles. `merge` with a negative page count works across levels, so repeated it
    // ends in the same single segment; each step commits and the WAL is checkpointed between
    // them. Steps of 500 pages took 247 s, 8,000 took 19 s, 40,000 (160 MB) 7.9 s. FTS5 did no
    // work when total_changes() moved by less than two.
    for (;;) {
      const before = await totalChanges(db);
      await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('merge', ${-MERGE_PAGES})`.execute(
        db,
      );
      if ((await totalChanges(db)) - before < 2) break;
    }
  },

  async sizeInBytes(db) {
    // Pages of the FTS5 shadow tables, the key map and the scope index, from dbstat (in node:sqlite).
    const row = await sql<{
      bytes: number | null;
    }>`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_%' OR name LIKE 'sqlite_autoindex_search_%' OR name = 'articles_search_scope_idx'`
      .execute(db)
      .then(
        (r) => r.rows[0],
        () => undefined,
      );
    return Number(row?.bytes ?? 0);
  },

  async searchPublic(db, request: PublicSearchRequest) {
    return run(db, {
      match: toFts5(request.query),
      filter: publicFilter(request),
      dateColumn: sql.ref('articles.published_at'),
      request,
      keyRange: {
        ...(request.from ? { from: request.from } : {}),
        ...(request.until ? { until: request.until } : {}),
      },
    });
  },

  async searchNewsroom(db, request: NewsroomSearchRequest) {
    return run(db, {
      match: toFts5(request.query),
      filter: newsroomFilter(request.visibility),
      dateColumn: sql`coalesce(articles.published_at, articles.created_at)`,
      request,
    });
  },
};
