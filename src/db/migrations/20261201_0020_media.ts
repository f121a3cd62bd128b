import type { Kysely } from 'kysely';
import { idConstraints, idType, jsonType, timeType } from './dialect.ts';

/**
 * Pictures: one row per picture in the library (its original file, what the journalist wrote
 * about it, its focal point and hand-set crops), the places it is used, and the article's cover
 * as a reference to it. Renditions are not rows: they are files named after what they are made of.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('media')
    .addColumn('id', idType(db), idConstraints(db))
    // Key of the original in storage; changes when the file is replaced.
    .addColumn('original_key', 'varchar(300)', (c) => c.notNull())
    // sha256 of the original's bytes, hex.
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('mime_type', 'varchar(40)', (c) => c.notNull())
    // Width and height as shown, after the EXIF orientation is applied.
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
    // Focal point as fractions of width and height (0.5, 0.5 is the centre).
    .addColumn('focal_x', 'real', (c) => c.notNull().defaultTo(0.5))
    .addColumn('focal_y', 'real', (c) => c.notNull().defaultTo(0.5))
    // Crops set by hand, by ratio ({"16:9": {x, y, width, height}} in pixels); the others follow the focal point.
    .addColumn('crops', jsonType(db), (c) => c.notNull())
    .addColumn('alt', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('decorative', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('caption', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('copyright', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('usage_notes', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    // The library's search terms (French-normalised caption, credit, alt, file name).
    .addColumn('search_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'integer', (c) =>
      c.references('users.id').onDelete('set null'),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_created_idx')
    .on('media')
    .columns(['created_at', 'id'])
    .execute();

  // Where each picture is used: the cover of an article, or in its body (figures, galleries).
  await db.schema
    .createTable('media_uses')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_uses_pk', [
      'media_id',
      'article_id',
      'role',
    ])
    .execute();
  await db.schema
    .createIndex('media_uses_article_idx')
    .on('media_uses')
    .column('article_id')
    .execute();

  await db.schema
    .alterTable('articles')
    .addColumn('cover_media_id', 'integer', (c) => c.references('media.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('cover_media_id').execute();
  await db.schema.dropTable('media_uses').execute();
  await db.schema.dropTable('media').execute();
}
