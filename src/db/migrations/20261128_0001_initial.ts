import type { Kysely } from 'kysely';
import { idConstraints, idType, timeType, jsonType } from './dialect.ts';

/** Sections, people, articles with their bylines and tags, revisions and the event log. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db);
  const pk = idConstraints(db);
  const time = timeType(db);
  const json = jsonType(db);

  await db.schema
    .createTable('users')
    .addColumn('id', id, pk)
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(400)')
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', id, pk)
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn('id', id, pk)
    .addColumn('slug', 'varchar(160)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'integer', (c) =>
      c.references('users.id').onDelete('set null'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', id, pk)
    .addColumn('slug', 'varchar(160)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(160)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().defaultTo('topic'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', id, pk)
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) =>
      c.references('sections.id').onDelete('restrict'),
    )
    .addColumn('language', 'varchar(10)', (c) => c.notNull().defaultTo('fr'))
    .addColumn('is_featured', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_breaking', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('cover_url', 'varchar(1000)')
    .addColumn('cover_alt', 'varchar(500)')
    .addColumn('cover_caption', 'varchar(500)')
    .addColumn('cover_credit', 'varchar(200)')
    .addColumn('seo_title', 'varchar(300)')
    .addColumn('seo_description', 'varchar(500)')
    .addColumn('correction_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) =>
      c.references('users.id').onDelete('set null'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('first_published_at', time)
    .addColumn('published_at', time)
    .addColumn('modified_at', time)
    .addColumn('scheduled_at', time)
    .addColumn('deleted_at', time)
    .execute();
  // The public read scope filters on status and time; listings sort by publication time.
  await db.schema
    .createIndex('articles_public_idx')
    .on('articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_section_idx')
    .on('articles')
    .columns(['section_id', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_scheduled_idx')
    .on('articles')
    .columns(['scheduled_at'])
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) =>
      c.notNull().references('authors.id').onDelete('restrict'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema
    .createIndex('article_authors_author_idx')
    .on('article_authors')
    .column('author_id')
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'integer', (c) =>
      c.notNull().references('tags.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('article_tags_tag_idx')
    .on('article_tags')
    .column('tag_id')
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', id, pk)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', json, (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) =>
      c.references('users.id').onDelete('set null'),
    )
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('revisions_article_idx')
    .on('revisions')
    .columns(['article_id', 'version'])
    .execute();

  // Written in the same transaction as each change; processors and the live feed read it.
  await db.schema
    .createTable('events')
    .addColumn('id', id, pk)
    .addColumn('name', 'varchar(80)', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('actor_id', 'integer')
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_article_idx')
    .on('events')
    .column('article_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'events',
    'revisions',
    'article_tags',
    'article_authors',
    'articles',
    'tags',
    'authors',
    'sections',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
