import pg from 'pg';
import { PostgresDialect } from 'kysely';

/** PostgreSQL through node-postgres; bigint counts come back as numbers (they stay far below 2^53). */
export function createPostgresDialect(connectionString: string, max = 10): { dialect: PostgresDialect; pool: pg.Pool } {
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v); // int8: count(*) and bigserial
    return pg.types.getTypeParser(oid, format as 'text');
  } };
  const pool = new pg.Pool({ connectionString, max, types: types as never });
  return { dialect: new PostgresDialect({ pool }), pool };
}
