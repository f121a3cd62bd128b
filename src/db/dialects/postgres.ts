import pg from 'pg';
import { PostgresDialect } from 'kysely';

/**
 * PostgreSQL through node-postgres; bigint counts come back as numbers (they stay far below 2^53).
 * A pooled connection that breaks while idle (the server restarts, an administrator ends it) is
 * dropped by the pool, and the next query opens a new one; the pool reports it as an 'error'
 * event, which would end the process if nothing listened, so `onIdleError` always listens.
 */
export function createPostgresDialect(
  connectionString: string, max = 10, onIdleError: (error: Error) => void = () => {}, connectionTimeoutMillis = 0,
): { dialect: PostgresDialect; pool: pg.Pool } {
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v); // int8: count(*) and bigserial
    return pg.types.getTypeParser(oid, format as 'text');
  } };
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis, types: types as never });
  pool.on('error', onIdleError);
  return { dialect: new PostgresDialect({ pool }), pool };
}
