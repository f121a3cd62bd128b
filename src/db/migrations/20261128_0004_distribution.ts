import type { Kysely } from 'kysely';

/**
 * Distribution: sections can stay out of the Google News sitemap (opinion, partner content), and
 * the indexes that sitemaps and the news sitemap read by: articles by first publication time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sections')
    .addColumn('in_news_sitemap', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  // Monthly sitemaps and the 48-hour news sitemap select a range of first publication times
  // among published articles; first_published_at never changes, so an article stays in its month.
  await db.schema
    .createIndex('articles_first_published_idx')
    .ifNotExists()
    .on('articles')
    .columns(['status', 'first_published_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .dropIndex('articles_first_published_idx')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('sections')
    .dropColumn('in_news_sitemap')
    .execute();
}
