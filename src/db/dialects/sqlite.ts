import {
  DatabaseSync,
  type SQLInputValue,
  type StatementSync,
} from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';
import { sqliteSearch } from '../repos/search/sqlite.ts';
import { analyzeSqlite } from '../repos/statistics.ts';
import { inProcessSignal, targetOf, type Dialect } from './dialect.ts';

/**
 * Kysely ships a SQLite dialect written against better-sqlite3's interface; node:sqlite is
 * close enough that a thin bridge suffices, which spares us a native dependency. The bridge also
 * caches prepared statements (preparing is a large share of a small query's cost) and binds
 * booleans and Dates, which node:sqlite refuses.
 */
export function createSqliteDialect(path: string): {
  dialect: SqliteDialect;
  database: DatabaseSync;
} {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new DatabaseSync(path, { timeout: 5000 });
  // WAL lets readers go on while a writer commits; foreign keys are off by default in SQLite.
  database.exec(
    'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;',
  );
  // A page cache of up to 64 MiB (the default is 2 MiB, allocated as pages are read). A search
  // reads FTS5 pages and, for each of its 1,000 candidates, the articles' scope index: with the
  // default the two evict each other and every lookup goes back to the file (8 ms instead of 2
  // for « gouvernement » on 30,000 articles).
  database.exec('PRAGMA cache_size = -65536;');
  const cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
  const prepare = (sql: string) => {
    let entry = cache.get(sql);
    if (!entry) {
      const stmt = database.prepare(sql);
      entry = { stmt, reader: stmt.columns().length > 0 };
      if (cache.size > 500) cache.clear();
      cache.set(sql, entry);
    }
    return entry;
  };
  const bridge = {
    prepare(sql: string) {
      const { stmt, reader } = prepare(sql);
      return {
        reader,
        all: (params: readonly unknown[]) => stmt.all(...params.map(bindValue)),
        run: (params: readonly unknown[]) => stmt.run(...params.map(bindValue)),
        iterate: (params: readonly unknown[]) =>
          stmt.iterate(...params.map(bindValue)),
      };
    },
    close() {
      cache.clear();
      database.close();
    },
  };
  return {
    dialect: new SqliteDialect({ database: bridge as never }),
    database,
  };
}

function bindValue(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as SQLInputValue;
}

/** SQLite through node:sqlite: one writer, FTS5, and this process's own sink as the only signal. */
export const sqlite: Dialect = {
  name: 'sqlite',
  singleWriter: true,
  // One writer at a time: ids commit in order, nothing to wait for.
  eventGraceMs: 0,
  open: (target) =>
    new Kysely<Database>({
      dialect: createSqliteDialect(targetOf(target, 'sqlite').path).dialect,
    }),
  search: sqliteSearch,
  changeSignal: (_target, local) => inProcessSignal(local),
  refreshStatistics: analyzeSqlite,
};
