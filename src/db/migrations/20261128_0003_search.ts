import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * The search index. Terms arrive already normalised by the application (folded, stop words out,
 * stemmed), so neither engine's own language processing is used:
 * - SQLite: an FTS5 table with the `ascii` tokenizer (it splits on spaces only, as our terms
 *   have no ASCII punctuation), contentless (terms only, no copy of the text) with deletes
 *   allowed. Its rowid is a recency key (publication minute, then article id), so that the most
 *   recent matches come first straight from the index; `search_keys` remembers each article's key,
 *   and a covering index on `articles` makes the public-scope check of each match cheap.
 * - PostgreSQL: a tsvector per article written from the same terms, with a GIN index, and beside
 *   it the status, section and dates that readers' searches filter and sort on, so that a query
 *   picks its most recent matches from this table alone. The tsvectors are kept out of line
 *   (toast_tuple_target) and compressed with lz4: picking matches reads narrow rows, and ranking
 *   the chosen ones decompresses fast. `head` (title and lead only) stays in line: ranking reads it
 *   for every candidate, and the whole article's vector for the best hundred only.
 * The index starts empty: the application fills it (`newsdesk reindex`, or on start-up).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE TABLE search_documents (
      article_id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
      document tsvector NOT NULL,
      head tsvector NOT NULL,
      status varchar(20) NOT NULL,
      section_id integer,
      published_at timestamptz,
      deleted_at timestamptz,
      sort_at timestamptz NOT NULL
    ) WITH (toast_tuple_target = 128)`.execute(db);
    // lz4 where the server was built with it (the usual packages are); pglz, the default, elsewhere.
    await sql`DO $$ BEGIN
      ALTER TABLE search_documents ALTER COLUMN document SET COMPRESSION lz4;
      ALTER TABLE search_documents ALTER COLUMN head SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN NULL;
    END $$`.execute(db);
    await sql`ALTER TABLE search_documents ALTER COLUMN head SET STORAGE MAIN`.execute(
      db,
    );
    // No pending list (fastupdate): entries go straight into the index, so a query never has to
    // scan thousands of pending ones after a burst of writes. Newsroom writes are few.
    await sql`CREATE INDEX search_documents_gin ON search_documents USING gin (document) WITH (fastupdate = off)`.execute(
      db,
    );
    await db.schema
      .createIndex('search_documents_sort_idx')
      .on('search_documents')
      .columns(['sort_at'])
      .execute();
    return;
  }
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    title, lead, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'
  )`.execute(db);
  await db.schema
    .createTable('search_keys')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('fts_rowid', 'integer', (c) => c.notNull())
    .execute();
  // Each match is checked against the public read scope by article id. SQLite keeps a row's
  // columns in order, so reaching published_at means walking past the body's overflow pages:
  // this covering index answers the check without touching the article row (4x faster).
  await db.schema
    .createIndex('articles_search_scope_idx')
    .on('articles')
    .columns(['id', 'status', 'published_at', 'deleted_at', 'section_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.dropTable('search_documents').ifExists().execute();
    return;
  }
  await db.schema.dropIndex('articles_search_scope_idx').ifExists().execute();
  await db.schema.dropTable('search_keys').ifExists().execute();
  await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
}
