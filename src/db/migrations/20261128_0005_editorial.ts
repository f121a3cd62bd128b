import { sql, type Kysely } from 'kysely';
import { isPostgres, timeType } from './dialect.ts';

/**
 * The editorial index: each article's signature (for the duplicate guard and related articles),
 * an inverted index of its distinctive terms by day, the section model's term counts learnt from
 * the published archive, and tag aliases for entity matching.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  // One row per live article (draft to published); trashed and withdrawn articles have none.
  await db.schema
    .createTable('editorial_signatures')
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('entities', 'text', (c) => c.notNull())
    // What the section model counted for this article, so an edit or withdrawal can take it back.
    .addColumn('counted_section', 'integer')
    .addColumn('counted_terms', 'text')
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  // term (32-bit key) → articles filed under it, by day: a check reads only its terms over its window.
  // On SQLite the table is its own index (WITHOUT ROWID): half the size, one lookup per term.
  await db.schema
    .createTable('editorial_postings')
    .addColumn('term', 'integer', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('editorial_postings_pk', [
      'term',
      'day',
      'article_id',
    ])
    .$call((b) => (isPostgres(db) ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema
    .createIndex('editorial_postings_article_idx')
    .on('editorial_postings')
    .column('article_id')
    .execute();

  // Published articles per (term, section): document frequencies for IDF, and the section model.
  await db.schema
    .createTable('editorial_terms')
    .addColumn('term', 'varchar(80)', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('editorial_terms_pk', ['term', 'section_id'])
    .$call((b) => (isPostgres(db) ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema
    .createTable('editorial_sections')
    .addColumn('section_id', 'integer', (c) => c.primaryKey())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addColumn('terms', 'integer', (c) => c.notNull())
    .execute();

  // Other names of a tag (« CATL » for « Contemporary Amperex Technology »), folded for matching.
  await db.schema
    .createTable('tag_aliases')
    .addColumn('alias_key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('tag_id', 'integer', (c) =>
      c.notNull().references('tags.id').onDelete('cascade'),
    )
    .addColumn('alias', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tag_aliases_tag_idx')
    .on('tag_aliases')
    .column('tag_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'tag_aliases',
    'editorial_sections',
    'editorial_terms',
    'editorial_postings',
    'editorial_signatures',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
