import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType } from './dialect.ts';

/**
 * Newsroom comments on an article (issue 16 item 8): a thread beside the editor, never shown
 * to readers. A comment is resolved (kept, folded) or deleted by its author.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('article_comments')
    .ifNotExists()
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('resolved_at', time)
    .addColumn('resolved_by', 'integer')
    .execute();
  await db.schema
    .createIndex('article_comments_article')
    .ifNotExists()
    .on('article_comments')
    .columns(['article_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_comments').ifExists().execute();
}
