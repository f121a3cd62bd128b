import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType } from './dialect.ts';

/**
 * Credentials of the APIs: Content API keys (read-only, public content) and Admin API tokens
 * (a role, optional sections, always accountable to a newsroom member). Only the SHA-256 of the
 * secret is kept; `prefix` is what the back office shows to tell them apart.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('api_credentials')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(12)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    // Admin tokens: the role they act with (never above their user's) and the sections they may touch.
    .addColumn('role', 'varchar(20)')
    .addColumn('section_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // Content keys: the browser origins allowed to call with the key, and requests per minute.
    .addColumn('cors_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rate_per_minute', 'integer', (c) => c.notNull().defaultTo(600))
    .addColumn('created_by', 'integer', (c) =>
      c.notNull().references('users.id'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_used_at', time)
    .addColumn('revoked_at', time)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_credentials').ifExists().execute();
}
