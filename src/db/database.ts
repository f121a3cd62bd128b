import { Migrator, type Kysely } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import type { Database } from './schema.ts';
import { sqlite } from './dialects/sqlite.ts';
import { postgres } from './dialects/postgres.ts';
import type { Dialect, OpenOptions } from './dialects/dialect.ts';
import { migrationProvider } from './migrations/index.ts';

export type Db = Kysely<Database>;
/** Anything repositories can run a query on: the database or an open transaction. */
export type Queryable = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** Everything that differs between SQLite and PostgreSQL: ask it, never its name. */
  dialect: Dialect;
  /** Where it was opened: a second connection of another kind (LISTEN) opens the same database. */
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** The configuration names the dialect; this is the one place the name is read. */
const DIALECTS: Record<DatabaseTarget['dialect'], Dialect> = {
  sqlite,
  postgres,
};

export function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): DatabaseHandle {
  const dialect = DIALECTS[target.dialect];
  const db = dialect.open(target, options);
  return { db, dialect, target, close: () => db.destroy() };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`,
      { cause: error },
    );
  }
  return (results ?? [])
    .filter((r) => r.status === 'Success')
    .map((r) => r.migrationName);
}
