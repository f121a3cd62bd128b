import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType } from './dialect.ts';

/**
 * Editions (issue #20): a newsroom publishes one or more editions, each with its language,
 * address (a path prefix such as `/ar`, or a host such as `ar.example.ma`), name, Google News
 * publication name and legal notice. The default install has one, `fr`, served at the root;
 * adding another is `newsdesk edition add` (src/cli/editionCommand.ts).
 *
 * Sections and articles belong to an edition (`edition`, the edition's code, default `fr`, so
 * every existing row stays in the French edition). Articles in different editions that tell
 * the same story share a `translation_group` (the id of the first of them). A desk limited
 * to an edition is an editor limited to its sections (`user_sections`, the existing mechanism).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('editions')
    .addColumn('id', idType(db), idConstraints(db))
    .addColumn('code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('language', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // '' for the root; '/ar' for a prefix. Ignored when `host` is set.
    .addColumn('path_prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('host', 'text')
    .addColumn('news_publication_name', 'text', (c) => c.notNull())
    .addColumn('legal_notice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timeType(db), (c) => c.notNull())
    .execute();
  await db
    .insertInto('editions')
    .values({
      code: 'fr',
      language: 'fr',
      name: 'Édition française',
      path_prefix: '',
      host: null,
      news_publication_name: '',
      legal_notice: '',
      position: 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  await db.schema
    .alterTable('sections')
    .addColumn('edition', 'varchar(20)', (c) => c.notNull().defaultTo('fr'))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('edition', 'varchar(20)', (c) => c.notNull().defaultTo('fr'))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('translation_group', 'integer')
    .execute();
  await db.schema
    .createIndex('articles_translation_group_idx')
    .on('articles')
    .column('translation_group')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .dropIndex('articles_translation_group_idx')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('articles')
    .dropColumn('translation_group')
    .execute();
  await db.schema.alterTable('articles').dropColumn('edition').execute();
  await db.schema.alterTable('sections').dropColumn('edition').execute();
  await db.schema.dropTable('editions').ifExists().execute();
}
