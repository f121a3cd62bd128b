import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Queryable } from '../../database.ts';
import type { Database } from '../../schema.ts';
import { toFts5 } from '../../../search/matchExpressions.ts';
import {
  FIELD_WEIGHTS, type IndexDocument, type NewsroomSearchRequest, type PublicSearchRequest,
  type SearchProvider, type SearchResultPage,
} from '../../../search/provider.ts';
import { newsroomFilter, publicFilter } from './filters.ts';

/**
 * The search index on SQLite: an FTS5 table (migration 20261128_0003) whose rowid is the
 * article id. It stores normalised terms only (`contentless`): snippets are cut from the
 * articles themselves. Its tokenizer is `ascii`, so each normalised term is one FTS5 token.
 */
type FtsTables = { search_fts: { rowid: number; title: string; lead: string; body: string } };

const fts = (db: Queryable) => db.withTables<FtsTables>();

interface Run {
  match: string;
  filter: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>;
  /** The time recency and the date sort use. */
  dateColumn: ReturnType<typeof sql>;
  request: PublicSearchRequest | NewsroomSearchRequest;
}

async function run(db: Queryable, r: Run): Promise<SearchResultPage> {
  // CROSS JOIN keeps FTS5 as the outer loop: match first, then look articles up by id.
  const base = fts(db).selectFrom('search_fts').crossJoin('articles')
    .whereRef('articles.id', '=', 'search_fts.rowid')
    .where(sql<SqlBool>`search_fts MATCH ${r.match}`)
    .where((eb) => r.filter(eb as unknown as ExpressionBuilder<Database, 'articles'>));
  const { title, lead, body } = FIELD_WEIGHTS;
  const ageDays = sql`max(0, julianday(${r.request.now.toISOString()}) - julianday(${r.dateColumn}))`;
  const score = sql<number>`(-bm25(search_fts, ${title}, ${lead}, ${body})) * pow(0.5, ${ageDays} / ${r.request.ranking.halfLifeDays})`;
  // The total comes with the page (a window count over the same matches): one query, not two.
  // bm25() cannot be evaluated inside a window query, so the matches are scored in a subquery.
  const scored = base.select(['articles.id as id', score.as('score'), sql<string>`${r.dateColumn}`.as('at')]);
  let page = fts(db).selectFrom(scored.as('m')).select(['m.id', 'm.score', sql<number>`count(*) over ()`.as('total')]);
  page = r.request.sort === 'date'
    ? page.orderBy('m.at', 'desc').orderBy('m.id', 'desc')
    : page.orderBy('m.score', 'desc').orderBy('m.id', 'desc');
  const rows = await page.limit(r.request.limit).offset(r.request.offset).execute();
  // Past the last page no row carries the total: count on its own, for this rare case only.
  const total = rows.length > 0 ? Number(rows[0]!.total)
    : r.request.offset === 0 ? 0
    : Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { hits: rows.map((row) => ({ articleId: row.id, score: Number(row.score) })), total };
}

export const sqliteSearch: SearchProvider = {
  dialect: 'sqlite',

  async upsert(db, docs: IndexDocument[]) {
    if (docs.length === 0) return;
    const ids = docs.map((d) => d.articleId);
    await fts(db).deleteFrom('search_fts').where('rowid', 'in', ids).execute();
    await fts(db).insertInto('search_fts').values(docs.map((d) => ({
      rowid: d.articleId, title: d.title.join(' '), lead: d.lead.join(' '), body: d.body.join(' '),
    }))).execute();
  },

  async remove(db, articleId) {
    await fts(db).deleteFrom('search_fts').where('rowid', '=', articleId).execute();
  },

  async has(db, articleId) {
    return (await fts(db).selectFrom('search_fts').select('rowid').where('rowid', '=', articleId).executeTakeFirst()) !== undefined;
  },

  async count(db) {
    const row = await fts(db).selectFrom('search_fts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async removeOrphans(db) {
    await fts(db).deleteFrom('search_fts')
      .where('rowid', 'not in', (eb) => eb.selectFrom('articles').select('articles.id')).execute();
  },

  async clear(db) {
    await sql`DELETE FROM search_fts`.execute(db);
  },

  async optimize(db) {
    // FTS5's own command: merges the index's segments into one (smaller, faster to query).
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(db);
  },

  async sizeInBytes(db) {
    // The FTS5 shadow tables' pages, from dbstat (compiled into node:sqlite; 0 where it is not).
    const row = await sql<{ bytes: number | null }>`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_fts%'`.execute(db)
      .then((r) => r.rows[0], () => undefined);
    return Number(row?.bytes ?? 0);
  },

  async searchPublic(db, request: PublicSearchRequest) {
    return run(db, { match: toFts5(request.query), filter: publicFilter(request), dateColumn: sql.ref('articles.published_at'), request });
  },

  async searchNewsroom(db, request: NewsroomSearchRequest) {
    return run(db, {
      match: toFts5(request.query), filter: newsroomFilter(request.visibility),
      dateColumn: sql`coalesce(articles.published_at, articles.updated_at)`, request,
    });
  },
};
