import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';
import { publiclyVisible } from './publicScope.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';

/** What a sitemap says about an article: where it is, when it last changed, its picture. */
export interface SitemapArticleRow {
  id: number;
  slug: string;
  title: string;
  firstPublishedAt: Date;
  publishedAt: Date;
  modifiedAt: Date | null;
  coverUrl: string | null;
}

/** `edition`: the edition's articles (db/repos/publicScope.ts), the default one when absent. */
type Range = { now: Date; from: Date; to: Date; edition?: string };

function toSitemapRow(r: {
  id: number;
  slug: string;
  title: string;
  first_published_at: Date | string | null;
  published_at: Date | string | null;
  modified_at: Date | string | null;
  cover_url: string | null;
}): SitemapArticleRow {
  const publishedAt = toDate(r.published_at) ?? new Date(0);
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    coverUrl: r.cover_url,
    firstPublishedAt: toDate(r.first_published_at) ?? publishedAt,
    publishedAt,
    modifiedAt: toDate(r.modified_at),
  };
}

const ROW_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.first_published_at',
  'articles.published_at',
  'articles.modified_at',
  'articles.cover_url',
] as const;

/** Public articles first published in [from, to), oldest first: one page of a monthly sitemap. */
export async function listArticlesFirstPublishedIn(
  db: Queryable,
  q: Range & { limit: number; offset: number },
): Promise<SitemapArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .select(ROW_COLUMNS)
    .where(publiclyVisible(q.now, q.edition))
    .where('articles.first_published_at', '>=', q.from.toISOString())
    .where('articles.first_published_at', '<', q.to.toISOString())
    .orderBy('articles.first_published_at')
    .orderBy('articles.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return rows.map(toSitemapRow);
}

/** How many public articles were first published in [from, to), and when the latest of them changed. */
export async function summarizeFirstPublishedIn(
  db: Queryable,
  q: Range,
): Promise<{ count: number; lastModified: Date | null }> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('articles.published_at').as('published'),
      eb.fn.max('articles.modified_at').as('modified'),
    ])
    .where(publiclyVisible(q.now, q.edition))
    .where('articles.first_published_at', '>=', q.from.toISOString())
    .where('articles.first_published_at', '<', q.to.toISOString())
    .executeTakeFirstOrThrow();
  const dates = [
    toDate(row.published as Date | string | null),
    toDate(row.modified as Date | string | null),
  ].filter((d): d is Date => d !== null);
  return {
    count: Number(row.n),
    lastModified: dates.length
      ? new Date(Math.max(...dates.map((d) => d.getTime())))
      : null,
  };
}

/** The first publication time of the oldest public article (where monthly sitemaps start), or null. */
export async function earliestFirstPublication(
  db: Queryable,
  now: Date,
  edition?: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('articles')
    .select('articles.first_published_at')
    .where(publiclyVisible(now, edition))
    .where('articles.first_published_at', 'is not', null)
    .orderBy('articles.first_published_at')
    .limit(1)
    .executeTakeFirst();
  return row ? toDate(row.first_published_at) : null;
}

/** The newest publication time among public articles, or null: lastmod for listings. */
export async function latestPublication(
  db: Queryable,
  now: Date,
  edition?: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('articles')
    .select('articles.published_at')
    .where(publiclyVisible(now, edition))
    .orderBy('articles.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toDate(row.published_at) : null;
}

/**
 * Public articles first published since `since` whose section is in the news sitemap (or that
 * have none), newest first: the Google News sitemap.
 */
export async function listNewsSitemapArticles(
  db: Queryable,
  q: { now: Date; since: Date; limit: number; edition?: string },
): Promise<SitemapArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(ROW_COLUMNS)
    .where(publiclyVisible(q.now, q.edition))
    .where('articles.first_published_at', '>=', q.since.toISOString())
    .where((eb) =>
      eb.or([
        eb('articles.section_id', 'is', null),
        eb('sections.in_news_sitemap', '=', true),
      ]),
    )
    .orderBy('articles.first_published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map(toSitemapRow);
}

/** Every section of an edition with the publication time of its newest public article (null when it has none). */
export async function listSectionsWithLatest(
  db: Queryable,
  now: Date,
  edition: string = DEFAULT_EDITION,
): Promise<{ slug: string; latest: Date | null }[]> {
  const rows = await db
    .selectFrom('sections')
    .where('sections.edition', '=', edition)
    .select((eb) => [
      'sections.slug',
      eb
        .selectFrom('articles')
        .select('articles.published_at')
        .whereRef('articles.section_id', '=', 'sections.id')
        .where(publiclyVisible(now, edition))
        // The newest first from the (section, time) index, not max(): with the public scope's
        // filters SQLite's max() read every article of the section.
        .orderBy('articles.published_at', 'desc')
        .limit(1)
        .as('latest'),
    ])
    .orderBy('sections.position')
    .orderBy('sections.id')
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    latest: toDate((r.latest ?? null) as Date | string | null),
  }));
}

/**
 * Slugs of tags with at least one public article, at most `limit`, oldest tag first. With
 * another edition than the default one, only tags one of its public articles carries.
 */
export function listTagSlugsInUse(
  db: Queryable,
  now: Date,
  limit: number,
  edition: string = DEFAULT_EDITION,
): Promise<string[]> {
  return listSlugsInUse(db, 'tags', now, limit, edition);
}

/** Slugs of authors with at least one public article (of `edition` other than the default one), at most `limit`, oldest first. */
export function listAuthorSlugsInUse(
  db: Queryable,
  now: Date,
  limit: number,
  edition: string = DEFAULT_EDITION,
): Promise<string[]> {
  return listSlugsInUse(db, 'authors', now, limit, edition);
}

/** Each owner's link table from articles, and the link's column naming the owner. */
const LINKS = {
  tags: { link: 'article_tags', key: 'tag_id' },
  authors: { link: 'article_authors', key: 'author_id' },
} as const;

/**
 * Tags and authors are listed the same way: through the links' copy of their article's
 * publication time (see tagPubliclyCarried), and for another edition than the default one,
 * only through one of that edition's public articles.
 */
async function listSlugsInUse(
  db: Queryable,
  owner: keyof typeof LINKS,
  now: Date,
  limit: number,
  edition: string,
): Promise<string[]> {
  const { link, key } = LINKS[owner];
  const linked = db.dynamic.table(link).as('link');
  const linkKey = db.dynamic.ref<'link.tag_id'>(`link.${key}`);
  const rows = await db
    .selectFrom(db.dynamic.table(owner).as('owner'))
    .select('owner.slug')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom(linked)
          .select('link.article_id')
          .where(linkKey, '=', eb.ref('owner.id'))
          .where('link.public_at', '<=', now.toISOString()),
      ),
    )
    .$if(edition !== DEFAULT_EDITION, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom(linked)
            .innerJoin('articles', 'articles.id', 'link.article_id')
            .select('link.article_id')
            .where(linkKey, '=', eb.ref('owner.id'))
            .where(publiclyVisible(now, edition)),
        ),
      ),
    )
    .orderBy('owner.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.slug);
}

/**
 * When the next embargoed article becomes visible (published, with a publication time still
 * ahead), or null. No event marks that moment, so caches of public lists expire at it.
 */
export async function nextEmbargoEnd(
  db: Queryable,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('articles')
    .select('articles.published_at')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '>', now.toISOString())
    .where('articles.deleted_at', 'is', null)
    .orderBy('articles.published_at')
    .limit(1)
    .executeTakeFirst();
  return row ? toDate(row.published_at) : null;
}

/** Puts a section's articles in the Google News sitemap or keeps them out; false if no such section. */
export async function setSectionInNewsSitemap(
  db: Queryable,
  slug: string,
  include: boolean,
): Promise<{ id: number } | null> {
  const row = await db
    .updateTable('sections')
    .set({ in_news_sitemap: include })
    .where('slug', '=', slug)
    .returning('id')
    .executeTakeFirst();
  return row ?? null;
}
