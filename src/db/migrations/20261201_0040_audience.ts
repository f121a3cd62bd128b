import type { Kysely } from 'kysely';
import { timeType } from './dialect.ts';

/**
 * Audience without trackers (see docs/ARCHITECTURE.md « Audience »). Nothing here can follow a
 * reader from one day to the next:
 * - `audience_salts`: the day's random salt, shared by every process; deleted once the day is
 *   counted, so that day's visitor hashes can never be recomputed.
 * - `audience_visitors`: the day's distinct visitor hashes (salted), only to count them; deleted
 *   with the salt once the daily figure is written.
 * - `audience_hourly`: views per hour, article, section and referrer kind: counters, no visitor.
 * - `audience_daily`: the legal figure (loi 88-13), distinct visitors and views per day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audience_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audience_visitors')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_visitors_pk', ['day', 'visitor'])
    .execute();
  await db.schema
    .createTable('audience_hourly')
    .addColumn('hour', timeType(db), (c) => c.notNull())
    // 0: a page that is not an article (home, section fronts); no article or section has id 0.
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('referrer', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_hourly_pk', [
      'hour',
      'article_id',
      'section_id',
      'referrer',
    ])
    .execute();
  // « Les plus lus » sums an article's last 24 hours.
  await db.schema
    .createIndex('audience_hourly_article_idx')
    .on('audience_hourly')
    .columns(['article_id', 'hour'])
    .execute();
  await db.schema
    .createTable('audience_daily')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('visitors', 'integer', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('computed_at', timeType(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audience_daily',
    'audience_hourly',
    'audience_visitors',
    'audience_salts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
