import { sql } from 'kysely';
import type { Queryable } from '../../src/db/database.ts';

/** Whether the planner has statistics for `table` (an import ends with them: db/repos/statistics.ts). */
export async function hasStatistics(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  table: string,
): Promise<boolean> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = ${table}`.execute(
          db,
        )
      : await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname = ${table} AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`.execute(
          db,
        );
  return Number(rows[0]?.n ?? 0) > 0;
}
