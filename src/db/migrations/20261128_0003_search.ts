import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * The search index. Terms arrive already normalised by the application (folded, stop words out,
 * stemmed), so neither engine's own language processing is used:
 * - SQLite: an FTS5 table with the `ascii` tokenizer (it splits on spaces only, as our terms
 *   have no ASCII punctuation), contentless (terms only, no copy of the text) with deletes
 *   allowed; the rowid is the article id.
 * - PostgreSQL: a tsvector per article written from the same terms, with a GIN index.
 * The index starts empty: the application fills it (`newsdesk reindex`, or on start-up).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.createTable('search_documents')
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX search_documents_gin ON search_documents USING gin (document)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    title, lead, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropTable('search_documents').ifExists().execute();
  else await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
}
