import { sql } from 'kysely';
import type { Queryable } from '../database.ts';

/*
 * The query planner's statistics, refreshed after a bulk load. Without them PostgreSQL plans the
 * first pages after an import of 100,000 posts as if the tables were empty: the home page's
 * « latest published » became a bitmap scan of every article, 80–165 ms a query, until
 * autovacuum came round (never, where it is off). Each dialect object names its own (Dialect).
 */

/** PostgreSQL: ANALYZE every table of the database (a sample of each; seconds at 100,000 articles). */
export async function analyzePostgres(db: Queryable): Promise<void> {
  await sql`ANALYZE`.execute(db);
}

/** SQLite: ANALYZE every table, each index read in part (analysis_limit), so the cost stays bounded. */
export async function analyzeSqlite(db: Queryable): Promise<void> {
  await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE`.execute(db);
}
