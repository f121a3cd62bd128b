import type { Kysely } from 'kysely';
import { timeType } from './dialect.ts';

/**
 * Imports and old addresses:
 * - `import_map`: what each source record (a WordPress post, a Ghost tag…) became here, by the
 *   source's own id, so that an interrupted import resumes and a second run changes nothing;
 * - `redirects`: old paths answered with a 301 before the 404 (an imported article's old
 *   permalink, or lines of `newsdesk redirects import`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_map')
    .addColumn('source', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'source_id'])
    .execute();
  await db.schema
    .createTable('redirects')
    .addColumn('from_path', 'varchar(1000)', (c) => c.primaryKey())
    .addColumn('to_path', 'varchar(1000)', (c) => c.notNull())
    // An article's redirect follows its current address; a CSV line's target is kept as given.
    .addColumn('article_id', 'integer', (c) =>
      c.references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_at', timeType(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redirects').execute();
  await db.schema.dropTable('import_map').execute();
}
