import type { Kysely } from 'kysely';
import { idConstraints, idType, jsonType, timeType } from './dialect.ts';

/**
 * Live blogs: an article may be followed live (`live_blogs`, one row per article: state, when
 * the coverage began and ended, the score box), and carries entries posted by journalists
 * (`live_entries`: Markdown and its sanitised HTML, the « moment clé » flag; a deleted entry
 * keeps its row, so readers' pages can remove it by id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_blogs')
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', timeType(db), (c) => c.notNull())
    .addColumn('ended_at', timeType(db))
    .addColumn('scoreboard', jsonType(db))
    .addColumn('updated_at', timeType(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('live_entries')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    // The signature as it was when posted (the journalist's name; the demo's bylines have no account).
    .addColumn('author_name', 'text')
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('key_moment', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', timeType(db), (c) => c.notNull())
    .addColumn('updated_at', timeType(db), (c) => c.notNull())
    .addColumn('deleted_at', timeType(db))
    .execute();
  await db.schema
    .createIndex('live_entries_article_idx')
    .on('live_entries')
    .columns(['article_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_entries').ifExists().execute();
  await db.schema.dropTable('live_blogs').ifExists().execute();
}
