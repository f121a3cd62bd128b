import type { Queryable } from '../database.ts';
import type { Edition } from '../../domain/editions.ts';
import { publiclyVisible } from './publicScope.ts';

/** Editions, their sections' membership and the links between translations (migration 0800). */

function toEdition(row: {
  code: string;
  language: string;
  name: string;
  path_prefix: string;
  host: string | null;
  news_publication_name: string;
  legal_notice: string;
}): Edition {
  return {
    code: row.code,
    language: row.language,
    name: row.name,
    pathPrefix: row.path_prefix,
    host: row.host,
    newsPublicationName: row.news_publication_name,
    legalNotice: row.legal_notice,
  };
}

const EDITION_COLUMNS = [
  'code',
  'language',
  'name',
  'path_prefix',
  'host',
  'news_publication_name',
  'legal_notice',
] as const;

export async function listEditions(db: Queryable): Promise<Edition[]> {
  const rows = await db
    .selectFrom('editions')
    .select(EDITION_COLUMNS)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toEdition);
}

export async function findEdition(
  db: Queryable,
  code: string,
): Promise<Edition | null> {
  const row = await db
    .selectFrom('editions')
    .select(EDITION_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toEdition(row) : null;
}

export async function insertEdition(
  db: Queryable,
  e: Edition,
  now: Date,
): Promise<void> {
  const { n } = await db
    .selectFrom('editions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await db
    .insertInto('editions')
    .values({
      code: e.code,
      language: e.language,
      name: e.name,
      path_prefix: e.pathPrefix,
      host: e.host,
      news_publication_name: e.newsPublicationName,
      legal_notice: e.legalNotice,
      position: Number(n),
      created_at: now.toISOString(),
    })
    .execute();
}

/** The edition of a section or an article; null when there is no such row. */
export async function sectionEdition(
  db: Queryable,
  sectionId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('sections')
    .select('edition')
    .where('id', '=', sectionId)
    .executeTakeFirst();
  return row?.edition ?? null;
}

export async function setSectionEdition(
  db: Queryable,
  slug: string,
  edition: string,
): Promise<boolean> {
  const r = await db
    .updateTable('sections')
    .set({ edition })
    .where('slug', '=', slug)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ArticleEditionInfo {
  id: number;
  edition: string;
  translationGroup: number | null;
}

export async function articleEditions(
  db: Queryable,
  ids: number[],
): Promise<ArticleEditionInfo[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'edition', 'translation_group'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    edition: r.edition,
    translationGroup: r.translation_group,
  }));
}

/** Puts `ids` in one translation group (the smallest id names it), merging any groups they had. */
export async function joinTranslationGroup(
  db: Queryable,
  ids: number[],
): Promise<number> {
  const info = await articleEditions(db, ids);
  const groups = info
    .map((i) => i.translationGroup)
    .filter((g): g is number => g !== null);
  const group = Math.min(...ids, ...groups);
  await db
    .updateTable('articles')
    .set({ translation_group: group })
    .where('id', 'in', ids)
    .execute();
  if (groups.length)
    await db
      .updateTable('articles')
      .set({ translation_group: group })
      .where('translation_group', 'in', groups)
      .execute();
  return group;
}

/** A public translation of an article, in another edition. */
export interface PublicTranslation {
  articleId: number;
  slug: string;
  title: string;
  edition: string;
}

/** The translations readers may see of `articleId` (itself excluded), one per other edition. */
export async function listPublicTranslations(
  db: Queryable,
  articleId: number,
  now: Date,
  editions: readonly string[],
): Promise<PublicTranslation[]> {
  const me = await db
    .selectFrom('articles')
    .select(['translation_group', 'edition'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!me || me.translation_group === null) return [];
  const group = me.translation_group;
  const out: PublicTranslation[] = [];
  for (const edition of editions) {
    if (edition === me.edition) continue;
    const row = await db
      .selectFrom('articles')
      .select(['id', 'slug', 'title'])
      .where('translation_group', '=', group)
      .where('id', '!=', articleId)
      .where(publiclyVisible(now, edition))
      .orderBy('published_at', 'desc')
      .executeTakeFirst();
    if (row)
      out.push({
        articleId: row.id,
        slug: row.slug,
        title: row.title,
        edition,
      });
  }
  return out;
}

/** For the sitemaps: the public translations of many articles of one edition at once. */
export async function listPublicTranslationsOf(
  db: Queryable,
  articleIds: number[],
  now: Date,
  otherEditions: readonly string[],
): Promise<Map<number, { slug: string; edition: string }[]>> {
  const out = new Map<number, { slug: string; edition: string }[]>();
  if (articleIds.length === 0 || otherEditions.length === 0) return out;
  const mine = await db
    .selectFrom('articles')
    .select(['id', 'translation_group'])
    .where('id', 'in', articleIds)
    .where('translation_group', 'is not', null)
    .execute();
  if (mine.length === 0) return out;
  const groups = [...new Set(mine.map((m) => m.translation_group!))];
  const others = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'edition', 'translation_group'])
    .where('translation_group', 'in', groups)
    .where((eb) => eb.or(otherEditions.map((e) => publiclyVisible(now, e)(eb))))
    .execute();
  for (const m of mine) {
    const list = others
      .filter((o) => o.translation_group === m.translation_group)
      .map((o) => ({ slug: o.slug, edition: o.edition }));
    if (list.length) out.set(m.id, list);
  }
  return out;
}

/** The id of an edition's article by slug, whatever its state (the demo links translations by it). */
export async function findArticleIdBySlug(
  db: Queryable,
  slug: string,
  edition: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('articles')
    .select('id')
    .where('slug', '=', slug)
    .where('edition', '=', edition)
    .executeTakeFirst();
  return row?.id ?? null;
}
