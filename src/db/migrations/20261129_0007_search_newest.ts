import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * PostgreSQL: readers' newest matches found by one function, ring by ring of time
 * (db/repos/search/postgres.ts writes the rings). Each ring is a GIN scan of the query's
 * lexemes and the ring's month or year lexemes (migration 20261129_0006), sorted by date; the
 * function stops at the first ring that completes `want` matches. After the month rings, if
 * fewer than `sparse_below` were found (a rare word), or after the last ring, it reads
 * everything older than the ring it stopped at with one scan of the query's lexemes alone. As a
 * PL/pgSQL function its statements are planned once per connection (generic plans: the plan is
 * the same GIN scan whatever the words), not on every search (a query holding eight rings as
 * UNION ALL branches cost 1.2 ms to plan, as much as a common word's index work), and its own
 * settings keep sequential scans off without a transaction around each search (see
 * `withIndexScans`).
 *
 * A phrase that the match list cannot prove (three words, or ending on the word being typed) is
 * checked against the stored vector after the date sort and before the LIMIT, so only as many
 * candidates are read as it takes to pass `want`. Nothing on SQLite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION search_newest_public(
      rings tsquery[], starts timestamptz[], older tsquery, exact tsquery, want int, sparse_ring int, sparse_below int,
      at_most timestamptz, in_section int, from_at timestamptz, until_at timestamptz)
    RETURNS TABLE (article_id int, sort_at timestamptz, head tsvector)
    LANGUAGE plpgsql STABLE
    SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET plan_cache_mode = force_generic_plan
    ROWS 1001
    AS $$
    #variable_conflict use_column
    DECLARE
      got int := 0;
      n int;
      i int := 1;
      ring tsquery := rings[1];
      before timestamptz;
    BEGIN
      -- Ring after ring (before IS NULL), then everything older than where the rings stopped.
      LOOP
        RETURN QUERY SELECT s.article_id, s.sort_at, s.head FROM (
          SELECT f.article_id, f.sort_at, f.head, f.document FROM (
            SELECT d.article_id, d.sort_at, d.head, d.document FROM search_documents d
            WHERE search_match(d.match) @@ ring
              AND d.status = 'published' AND d.published_at <= at_most AND d.deleted_at IS NULL
              AND (in_section IS NULL OR d.section_id = in_section)
              AND (from_at IS NULL OR d.published_at >= from_at) AND (until_at IS NULL OR d.published_at < until_at)
            OFFSET 0) f
          WHERE before IS NULL OR f.sort_at < before
          ORDER BY f.sort_at DESC OFFSET 0) s
        WHERE exact IS NULL OR s.document @@ exact
        LIMIT want - got;
        GET DIAGNOSTICS n = ROW_COUNT;
        got := got + n;
        EXIT WHEN got >= want OR before IS NOT NULL;
        IF i = array_length(rings, 1) OR (i = sparse_ring AND got < sparse_below) THEN
          before := starts[i];
          ring := older;
        ELSE
          i := i + 1;
          ring := rings[i];
        END IF;
      END LOOP;
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION IF EXISTS search_newest_public(tsquery[], timestamptz[], tsquery, tsquery, int, int, int, timestamptz, int, timestamptz, timestamptz)`.execute(
    db,
  );
}
