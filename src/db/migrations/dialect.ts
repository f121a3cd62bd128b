import {
  PostgresAdapter,
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Kysely,
} from 'kysely';

/*
 * Column types that differ between the two dialects, for migrations only. Migrations must not
 * import application code, so this file is theirs alone and, once a migration uses it, frozen
 * in what it returns.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Auto-incrementing integer primary key type. */
export function idType(db: Kysely<any>): ColumnDataType {
  return isPostgres(db) ? 'serial' : 'integer';
}

/** The primary key's constraints: SQLite needs AUTOINCREMENT spelled out, serial implies it. */
export function idConstraints(
  db: Kysely<any>,
): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db)
    ? (c) => c.primaryKey()
    : (c) => c.primaryKey().autoIncrement();
}

/** A point in time: timestamptz on PostgreSQL, ISO-8601 UTC text on SQLite (sorts as time). */
export function timeType(db: Kysely<any>): ColumnDataType {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

/** JSON document: jsonb on PostgreSQL, text on SQLite. */
export function jsonType(db: Kysely<any>): ColumnDataType {
  return isPostgres(db) ? 'jsonb' : 'text';
}
