import type { Kysely } from 'kysely';
import { idConstraints, idType, jsonType, timeType } from './dialect.ts';

/** Sessions, one-time links, login failures, editors' sections, site settings, the return note. */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);

  // The cookie carries a random token; only its SHA-256 is stored, so a database leak opens no session.
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .execute();
  await db.schema
    .createIndex('sessions_user_idx')
    .on('sessions')
    .column('user_id')
    .execute();

  // First-run setup, invitations and password resets: single use, hashed, expiring.
  await db.schema
    .createTable('one_time_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) =>
      c.references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .execute();

  // Kept in the database, not in memory, so the limit holds across processes and restarts.
  await db.schema
    .createTable('login_failures')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_email_idx')
    .on('login_failures')
    .columns(['email', 'created_at'])
    .execute();
  await db.schema
    .createIndex('login_failures_ip_idx')
    .on('login_failures')
    .columns(['ip', 'created_at'])
    .execute();

  // An editor with rows here may act only in these sections; none means every section.
  await db.schema
    .createTable('user_sections')
    .addColumn('user_id', 'integer', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('section_id', 'integer', (c) =>
      c.notNull().references('sections.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('user_sections_pk', ['user_id', 'section_id'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', jsonType(db), (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('articles')
    .addColumn('return_note', 'text')
    .execute();
  await db.schema
    .createIndex('events_name_idx')
    .on('events')
    .columns(['name', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_name_idx').ifExists().execute();
  await db.schema.alterTable('articles').dropColumn('return_note').execute();
  for (const table of [
    'settings',
    'user_sections',
    'login_failures',
    'one_time_tokens',
    'sessions',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
