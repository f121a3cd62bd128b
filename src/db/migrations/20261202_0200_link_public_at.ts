import { sql, type Kysely } from 'kysely';
import { isPostgres, timeType } from './dialect.ts';

/*
 * Tag and author pages read their newest public articles from the links themselves. Listed
 * from `articles` (newest first, keeping those with the tag), a tag last used long ago made the
 * page walk every newer article: 100,000 rows for one page. Each link now carries its article's
 * publication time while the article is public (published, not deleted), null otherwise, with an
 * index by (tag or author, that time, article): a page is one range of that index, whatever the
 * archive's size. Triggers keep the copy right on every write (commands, bulk imports, SQL by
 * hand), so no code path can forget it. `published_at <= now` is still checked at read time:
 * the copy says « public from », never « public now ».
 */
const PUBLIC_AT = `CASE WHEN a.status = 'published' AND a.deleted_at IS NULL THEN a.published_at END`;
const PUBLIC_AT_NEW = `CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL THEN NEW.published_at END`;
const LINKS = [
  { table: 'article_tags', key: 'tag_id' },
  { table: 'article_authors', key: 'author_id' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  for (const { table, key } of LINKS) {
    await db.schema.alterTable(table).addColumn('public_at', time).execute();
    await sql
      .raw(
        `UPDATE ${table} SET public_at = (SELECT ${PUBLIC_AT} FROM articles a WHERE a.id = ${table}.article_id)`,
      )
      .execute(db);
    await db.schema
      .createIndex(`${table}_public_idx`)
      .on(table)
      .columns([key, 'public_at', 'article_id'])
      .execute();
  }
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION link_public_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL THEN a.published_at END
    INTO NEW.public_at FROM articles a WHERE a.id = NEW.article_id;
  RETURN NEW;
END $$`.execute(db);
    await sql`CREATE FUNCTION article_public_at_to_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v timestamptz := CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL THEN NEW.published_at END;
BEGIN
  IF v IS DISTINCT FROM (CASE WHEN OLD.status = 'published' AND OLD.deleted_at IS NULL THEN OLD.published_at END) THEN
    UPDATE article_tags SET public_at = v WHERE article_id = NEW.id;
    UPDATE article_authors SET public_at = v WHERE article_id = NEW.id;
  END IF;
  RETURN NULL;
END $$`.execute(db);
    for (const { table } of LINKS)
      await sql
        .raw(
          `CREATE TRIGGER ${table}_public_at BEFORE INSERT OR UPDATE OF article_id ON ${table} FOR EACH ROW EXECUTE FUNCTION link_public_at()`,
        )
        .execute(db);
    await sql`CREATE TRIGGER articles_public_at_to_links AFTER UPDATE OF status, published_at, deleted_at ON articles FOR EACH ROW EXECUTE FUNCTION article_public_at_to_links()`.execute(
      db,
    );
    return;
  }
  for (const { table, key } of LINKS)
    await sql
      .raw(
        `CREATE TRIGGER ${table}_public_at AFTER INSERT ON ${table} BEGIN
  UPDATE ${table} SET public_at = (SELECT ${PUBLIC_AT} FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND ${key} = NEW.${key};
END`,
      )
      .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER articles_public_at_to_links AFTER UPDATE OF status, published_at, deleted_at ON articles BEGIN
  UPDATE article_tags SET public_at = ${PUBLIC_AT_NEW} WHERE article_id = NEW.id;
  UPDATE article_authors SET public_at = ${PUBLIC_AT_NEW} WHERE article_id = NEW.id;
END`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const on = (table: string) => (isPostgres(db) ? ` ON ${table}` : '');
  await sql
    .raw(`DROP TRIGGER IF EXISTS articles_public_at_to_links${on('articles')}`)
    .execute(db);
  for (const { table } of LINKS) {
    await sql
      .raw(`DROP TRIGGER IF EXISTS ${table}_public_at${on(table)}`)
      .execute(db);
    await db.schema.dropIndex(`${table}_public_idx`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn('public_at').execute();
  }
  if (isPostgres(db)) {
    await sql`DROP FUNCTION IF EXISTS link_public_at()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS article_public_at_to_links()`.execute(db);
  }
}
