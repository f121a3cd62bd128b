import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../schema.ts';
import { notifyChannel } from '../repos/events.ts';
import { postgresSearch } from '../repos/search/postgres.ts';
import { analyzePostgres } from '../repos/statistics.ts';
import {
  EVENTS_CHANNEL,
  targetOf,
  type Dialect,
  type EventSignal,
  type LocalEvents,
} from './dialect.ts';
import { listenChannel } from './postgresListener.ts';

/**
 * PostgreSQL through node-postgres; bigint counts come back as numbers (they stay far below 2^53).
 * A pooled connection that breaks while idle (the server restarts, an administrator ends it) is
 * dropped by the pool, and the next query opens a new one; the pool reports it as an 'error'
 * event, which would end the process if nothing listened, so `onIdleError` always listens.
 * pg is loaded with the first connection, so a SQLite newsroom never loads it.
 */
export function createPostgresDialect(
  connectionString: string,
  max = 10,
  onIdleError: (error: Error) => void = () => {},
  connectionTimeoutMillis = 0,
): PostgresDialect {
  return new PostgresDialect({
    pool: async (): Promise<pg.Pool> => {
      const { default: pg } = await import('pg');
      const types = {
        getTypeParser: (oid: number, format?: 'text' | 'binary') => {
          if (oid === 20) return (v: string) => Number(v); // int8: count(*) and bigserial
          return pg.types.getTypeParser(oid, format as 'text');
        },
      };
      const pool = new pg.Pool({
        connectionString,
        max,
        connectionTimeoutMillis,
        types: types as never,
      });
      pool.on('error', onIdleError);
      return pool;
    },
  });
}

/**
 * The change signal across processes: NOTIFY in the recording transaction (delivered at commit,
 * to every listener), LISTEN on a dedicated connection. The in-process poke is kept as well: it
 * costs nothing and lets a lone process skip the round trip.
 */
export function postgresSignal(
  local: LocalEvents,
  connectionString: string,
): EventSignal {
  return {
    announce: (tx) => notifyChannel(tx, EVENTS_CHANNEL),
    listen: async (wake, onError) => {
      const off = local.onRecorded(wake);
      const listener = await listenChannel({
        connectionString,
        channel: EVENTS_CHANNEL,
        onNotify: wake,
        onError,
      });
      return async () => {
        off();
        await listener.close();
      };
    },
  };
}

/** PostgreSQL through pg: several writers (ids may commit out of order), tsvector, NOTIFY. */
export const postgres: Dialect = {
  name: 'postgres',
  singleWriter: false,
  eventGraceMs: 3_000,
  open: (target, options) =>
    new Kysely<Database>({
      dialect: createPostgresDialect(
        targetOf(target, 'postgres').connectionString,
        options.poolSize,
        options.onIdleError,
        options.connectionTimeoutMs,
      ),
    }),
  search: postgresSearch,
  changeSignal: (target, local) =>
    postgresSignal(local, targetOf(target, 'postgres').connectionString),
  refreshStatistics: analyzePostgres,
};
