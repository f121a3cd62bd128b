import { Migrator, sql, type Kysely } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import type { Database } from './schema.ts';
import { sqlite } from './dialects/sqlite.ts';
import { postgres } from './dialects/postgres.ts';
import type { Dialect, OpenOptions } from './dialects/dialect.ts';
import { MIGRATION_NAMES, migrationProvider } from './migrations/index.ts';

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
  if (await everyMigrationApplied(db)) return [];
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

/**
 * One read of Kysely's own table: true when it names exactly our migrations, so a start on an
 * up-to-date database skips the migrator, which introspects every table (one query per table
 * on SQLite) and loads every migration file before finding nothing to do. Anything else (no
 * table yet, a migration missing, one we do not know) goes to the migrator, which applies or
 * refuses as before.
 */
async function everyMigrationApplied(db: Db): Promise<boolean> {
  try {
    const { rows } = await sql<{
      name: string;
    }>`select name from kysely_migration`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return (
      applied.size === MIGRATION_NAMES.length &&
      MIGRATION_NAMES.every((name) => applied.has(name))
    );
  } catch {
    return false; // no migration table yet
  }
}
