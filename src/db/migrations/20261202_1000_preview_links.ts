import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType } from './dialect.ts';

/**
 * Private preview links (issue #16, item 6): an article shown to someone without an account, by
 * a link that expires and can be revoked. Only the SHA-256 of the link's secret is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('preview_links')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) =>
      c.notNull().references('users.id'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('revoked_at', time)
    .execute();
  await db.schema
    .createIndex('preview_links_article')
    .on('preview_links')
    .column('article_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('preview_links').ifExists().execute();
}
