import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * Prefixes (the last word, matched while the reader types, « tour de fra ») answered by an index
 * on both databases, instead of by reading every term the prefix starts.
 *
 * - SQLite: the FTS5 table gains prefix indexes for 3 to 6 characters. Without them FTS5 reads
 *   and merges the entries of every term a prefix starts: up to 40 ms for « franc* » on 200,000
 *   articles, under 10 ms with them. Longer prefixes start few terms and need none. The index
 *   grows about 3.5 times. A contentless FTS5 table cannot be altered or copied, so it is created
 *   again, empty, with its key map: the application rebuilds the index when it finds it empty
 *   (`ensureSearchIndex` at start-up, or `newsdesk reindex`).
 * - PostgreSQL: the GIN index moves from the document to a `match` list of plain lexemes,
 *   written by the application beside it (`search_match(match)` makes it a tsvector): every
 *   term; every beginning of a term from 3 characters, marked (`franc*`); every two terms that
 *   follow each other (`coup>mond`); the month (`~202611`) and the year (`~2026`). A `:*` prefix
 *   or a phrase makes a GIN index recheck each match against its stored vector (read and
 *   decompress it: 80 ms for a word found in 7,000 articles); plain lexemes need no recheck
 *   (9 ms), and words, the typed prefix, two-word phrases and a recency window then make one
 *   index scan. Kept as text, which compresses well (a term's beginnings repeat), not as a
 *   tsvector, which does not. The table is emptied: the application rebuilds it, as on SQLite.
 */
const CREATE = (prefix: string | null) =>
  sql.raw(`CREATE VIRTUAL TABLE search_fts USING fts5(
    title, lead, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'${prefix ? `, prefix = '${prefix}'` : ''}
  )`);

async function recreate(db: Kysely<any>, prefix: string | null): Promise<void> {
  await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await CREATE(prefix).execute(db);
  await sql`DELETE FROM search_keys`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await recreate(db, '3 4 5 6');
    return;
  }
  await sql`TRUNCATE search_documents`.execute(db);
  await sql`DROP INDEX IF EXISTS search_documents_gin`.execute(db);
  await sql`ALTER TABLE search_documents ADD COLUMN match text NOT NULL`.execute(
    db,
  );
  await sql`DO $$ BEGIN
    ALTER TABLE search_documents ALTER COLUMN match SET COMPRESSION lz4;
  EXCEPTION WHEN OTHERS THEN NULL;
  END $$`.execute(db);
  await sql`CREATE FUNCTION search_match(match text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_to_tsvector(string_to_array(match, ' ')) $$`.execute(db);
  await sql`CREATE INDEX search_documents_match_gin ON search_documents USING gin (search_match(match)) WITH (fastupdate = off)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await recreate(db, null);
    return;
  }
  await sql`TRUNCATE search_documents`.execute(db);
  await sql`DROP INDEX IF EXISTS search_documents_match_gin`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_match(text)`.execute(db);
  await sql`ALTER TABLE search_documents DROP COLUMN match`.execute(db);
  await sql`CREATE INDEX search_documents_gin ON search_documents USING gin (document) WITH (fastupdate = off)`.execute(
    db,
  );
}
