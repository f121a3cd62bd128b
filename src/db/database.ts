import { Kysely, Migrator, type Transaction } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import type { Database } from './schema.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import { migrationProvider } from './migrations/index.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything repositories can run a query on: the database or an open transaction. */
export type Queryable = Kysely<Database>;

/** What differs between the dialects and matters above the repositories, read, never sniffed. */
export interface DialectInfo {
  name: 'sqlite' | 'postgres';
  /** SQLite allows one writer at a time: background jobs need no cross-process lock. */
  singleWriter: boolean;
}

export interface DatabaseHandle {
  db: Db;
  dialect: DialectInfo;
  /** Where it was opened: a second connection of another kind (LISTEN) opens the same database. */
  target: DatabaseTarget;
  close(): Promise<void>;
}

export interface OpenOptions {
  poolSize?: number;
  /** How long a new PostgreSQL connection may take before the query fails (default: no limit). */
  connectionTimeoutMs?: number;
  /** A pooled PostgreSQL connection broke while idle (it is replaced on the next query). */
  onIdleError?: (error: Error) => void;
}

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): DatabaseHandle {
  if (target.dialect === 'sqlite') {
    const { dialect } = createSqliteDialect(target.path);
    const db = new Kysely<Database>({ dialect });
    return { db, dialect: { name: 'sqlite', singleWriter: true }, target, close: () => db.destroy() };
  }
  const { dialect } = createPostgresDialect(target.connectionString, options.poolSize, options.onIdleError, options.connectionTimeoutMs);
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: { name: 'postgres', singleWriter: false }, target, close: () => db.destroy() };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
