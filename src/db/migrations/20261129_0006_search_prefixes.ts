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
 * - PostgreSQL: `search_prefixes(document)`, every beginning (3 characters and more) of every
 *   term of a document, with a GIN index on it. A `:*` prefix in a tsquery makes the GIN index
 *   recheck each match against its stored vector (read and decompress it: 80 ms for a word found
 *   in 7,000 articles); a plain lexeme in this index needs no recheck (9 ms). The vector is
 *   computed, never stored: only the index takes room. Terms shorter than 3 are kept whole, so
 *   that a short stem typed as a whole word is found here too.
 */
const CREATE = (prefix: string | null) => sql.raw(`CREATE VIRTUAL TABLE search_fts USING fts5(
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
  // COST: the planner must never choose to compute it row by row over thousands of rows.
  await sql`CREATE FUNCTION search_prefixes(document tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000
    AS $$ SELECT array_to_tsvector(array(
      SELECT left(lexeme, n) FROM unnest(tsvector_to_array(document)) AS lexeme,
        generate_series(least(3, length(lexeme)), length(lexeme)) AS n
      WHERE left(lexeme, 1) <> '~')) $$`.execute(db);
  await sql`CREATE INDEX search_documents_prefixes_gin ON search_documents USING gin (search_prefixes(document)) WITH (fastupdate = off)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await recreate(db, null);
    return;
  }
  await sql`DROP INDEX IF EXISTS search_documents_prefixes_gin`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_prefixes(tsvector)`.execute(db);
}
