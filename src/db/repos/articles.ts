import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Queryable } from '../database.ts';
import {
  toDate,
  type ArticleRow,
  type ArticlesTable,
  type Database,
} from '../schema.ts';
import { publiclyVisible } from './publicScope.ts';
import type { ArticleStatus } from '../../domain/article.ts';
import type {
  ArticleRecord,
  ArticleWithRelations,
  PersonRef,
  SectionRef,
} from '../../domain/articleRecord.ts';
import { toMediaRecord } from './media.ts';
import type { MediaRecord } from '../../domain/pictures.ts';

export function toArticleRecord(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    bodySource: row.body_source,
    bodyHtml: row.body_html,
    status: row.status as ArticleStatus,
    sectionId: row.section_id,
    language: row.language,
    featured: Boolean(row.is_featured),
    breaking: Boolean(row.is_breaking),
    cover: row.cover_url
      ? {
          url: row.cover_url,
          alt: row.cover_alt ?? '',
          caption: row.cover_caption,
          credit: row.cover_credit,
          mediaId: row.cover_media_id ?? null,
        }
      : null,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    correctionNote: row.correction_note,
    returnNote: row.return_note,
    version: row.version,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    firstPublishedAt: toDate(row.first_published_at),
    publishedAt: toDate(row.published_at),
    modifiedAt: toDate(row.modified_at),
    scheduledAt: toDate(row.scheduled_at),
    deletedAt: toDate(row.deleted_at),
  };
}

export async function insertArticle(
  db: Queryable,
  values: Insertable<ArticlesTable>,
): Promise<number> {
  const row = await db
    .insertInto('articles')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates an article only if it is still at `expectedVersion`, and bumps the version: the
 * guard against one editor silently overwriting another. Returns false when it was stale.
 */
export async function updateArticleIfVersion(
  db: Queryable,
  id: number,
  expectedVersion: number,
  patch: Updateable<ArticlesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findArticleById(
  db: Queryable,
  id: number,
): Promise<ArticleRecord | null> {
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toArticleRecord(row) : null;
}

export async function isArticleSlugTaken(
  db: Queryable,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let q = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The ids of an article's bylines, in order. */
export async function listArticleAuthorIds(
  db: Queryable,
  articleId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', articleId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.author_id);
}

export function setArticleAuthors(
  db: Queryable,
  articleId: number,
  authorIds: number[],
): Promise<void> {
  return replaceLinks(db, 'article_authors', articleId, authorIds);
}

export function setArticleTags(
  db: Queryable,
  articleId: number,
  tagIds: number[],
): Promise<void> {
  return replaceLinks(db, 'article_tags', articleId, tagIds);
}

/** An article's bylines or tags, replaced whole: duplicates dropped, the given order kept. */
async function replaceLinks(
  db: Queryable,
  table: 'article_authors' | 'article_tags',
  articleId: number,
  ids: number[],
): Promise<void> {
  await db.deleteFrom(table).where('article_id', '=', articleId).execute();
  const rows = [...new Set(ids)].map((id, position) => ({
    article_id: articleId,
    id,
    position,
  }));
  if (rows.length === 0) return;
  if (table === 'article_authors')
    await db
      .insertInto(table)
      .values(rows.map(({ id, ...row }) => ({ ...row, author_id: id })))
      .execute();
  else
    await db
      .insertInto(table)
      .values(rows.map(({ id, ...row }) => ({ ...row, tag_id: id })))
      .execute();
}

/** What a caller already holds in memory (the page cache keeps the sections): not read again. */
export interface KnownRelations {
  sections?: ReadonlyMap<number, SectionRef>;
}

/**
 * Loads sections, bylines, tags and cover pictures for many articles at once: one query for
 * the bylines and tags together, one for the pictures (none when no article has one), one for
 * the sections unless `known` holds them. Not a query per article, nor per relation.
 */
export async function withRelations(
  db: Queryable,
  records: ArticleRecord[],
  known: KnownRelations = {},
): Promise<ArticleWithRelations[]> {
  if (records.length === 0) return [];
  const sectionIds = [
    ...new Set(
      records.map((r) => r.sectionId).filter((id): id is number => id !== null),
    ),
  ];
  const mediaIds = [
    ...new Set(
      records
        .map((r) => r.cover?.mediaId ?? null)
        .filter((id): id is number => id !== null),
    ),
  ];
  const [sections, people, media] = await Promise.all([
    known.sections ?? sectionsById(db, sectionIds),
    peopleAndTags(
      db,
      records.map((r) => r.id),
    ),
    mediaIds.length
      ? db.selectFrom('media').selectAll().where('id', 'in', mediaIds).execute()
      : [],
  ]);
  const pictures = new Map(media.map((m) => [m.id, toMediaRecord(m)]));
  const byArticle = new Map<number, MediaRecord>();
  for (const r of records) {
    const picture = r.cover?.mediaId ? pictures.get(r.cover.mediaId) : null;
    if (picture) byArticle.set(r.id, picture);
  }
  return attachRelations(records, {
    sections,
    ...people,
    pictures: byArticle,
  });
}

/** What `attachRelations` needs: sections by id, bylines and tags by article. */
export interface Relations {
  sections: ReadonlyMap<number, SectionRef>;
  authors: Map<number, PersonRef[]>;
  tags: Map<number, PersonRef[]>;
  /** Cover pictures by article. */
  pictures: Map<number, MediaRecord>;
}

async function sectionsById(
  db: Queryable,
  ids: number[],
): Promise<Map<number, SectionRef>> {
  const rows = ids.length
    ? await db
        .selectFrom('sections')
        .select(['id', 'slug', 'name'])
        .where('id', 'in', ids)
        .execute()
    : [];
  return new Map(rows.map((s) => [s.id, s]));
}

/**
 * Bylines and tags of these articles, in their order: two queries (one UNION ALL read more index
 * entries at 5,000 articles than at 1,000 on PostgreSQL, a planner's choice the queries-per-page
 * test refuses).
 */
async function peopleAndTags(
  db: Queryable,
  articleIds: number[],
): Promise<Pick<Relations, 'authors' | 'tags'>> {
  if (articleIds.length === 0) return { authors: new Map(), tags: new Map() };
  const [authorRows, tagRows] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select([
        'article_authors.article_id',
        'authors.id',
        'authors.slug',
        'authors.name',
      ])
      .where('article_authors.article_id', 'in', articleIds)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', articleIds)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  const group = (
    rows: { article_id: number; id: number; slug: string; name: string }[],
  ) => {
    const byArticle = new Map<number, PersonRef[]>();
    for (const r of rows) {
      const list = byArticle.get(r.article_id) ?? [];
      list.push({ id: r.id, slug: r.slug, name: r.name });
      byArticle.set(r.article_id, list);
    }
    return byArticle;
  };
  return { authors: group(authorRows), tags: group(tagRows) };
}

/**
 * Bylines and tags of these articles, and these sections (every section when not given: a site
 * has a few dozen). Callers that know the ids before the articles are read (search results)
 * read both at once, saving a round trip.
 */
export async function loadRelations(
  db: Queryable,
  articleIds: number[],
  sectionIds?: number[],
): Promise<Relations> {
  const [sections, people, pictures] = await Promise.all([
    sectionIds === undefined
      ? db
          .selectFrom('sections')
          .select(['id', 'slug', 'name'])
          .execute()
          .then((rows) => new Map(rows.map((s) => [s.id, s])))
      : sectionsById(db, sectionIds),
    peopleAndTags(db, articleIds),
    articleIds.length === 0
      ? []
      : db
          .selectFrom('articles')
          .innerJoin('media', 'media.id', 'articles.cover_media_id')
          .selectAll('media')
          .select('articles.id as article_id')
          .where('articles.id', 'in', articleIds)
          .execute(),
  ]);
  return {
    sections,
    ...people,
    pictures: new Map(
      pictures.map(({ article_id, ...media }) => [
        article_id,
        toMediaRecord(media),
      ]),
    ),
  };
}

export function attachRelations(
  records: ArticleRecord[],
  relations: Relations,
): ArticleWithRelations[] {
  return records.map((r) => ({
    ...r,
    section:
      r.sectionId !== null
        ? (relations.sections.get(r.sectionId) ?? null)
        : null,
    authors: relations.authors.get(r.id) ?? [],
    tags: relations.tags.get(r.id) ?? [],
    coverPicture: r.cover?.mediaId
      ? (relations.pictures.get(r.id) ?? null)
      : null,
  }));
}

/** A published article by slug, as readers may see it; null for anything else. */
export async function findPublishedBySlug(
  db: Queryable,
  slug: string,
  now: Date,
  edition?: string,
  known: KnownRelations = {},
): Promise<ArticleWithRelations | null> {
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('slug', '=', slug)
    .where(publiclyVisible(now, edition))
    .executeTakeFirst();
  if (!row) return null;
  const [article] = await withRelations(db, [toArticleRecord(row)], known);
  return article ?? null;
}

/**
 * "Was this article ever public": its first publication time is set when it is first published
 * and never cleared, whatever happens to it after. The one definition, as a query constraint.
 */
export const wasEverPublic = (eb: ExpressionBuilder<Database, 'articles'>) =>
  eb('articles.first_published_at', 'is not', null);

/**
 * The first publication time of each of `ids` still in the table: null for those never public
 * (drafts), absent for those gone. For followers of events (caches, WebSub, the live fil info):
 * only an article that was ever public can be on a reader's page or in a feed.
 */
export async function firstPublicationsOf(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, Date | null>> {
  const found = new Map<number, Date | null>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('articles')
      .select(['articles.id', 'articles.first_published_at'])
      .where('articles.id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.id, toDate(r.first_published_at));
  }
  return found;
}

/** Whether a slug belonged to an article that was published and then withdrawn (→ 410). */
export async function wasWithdrawn(
  db: Queryable,
  slug: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('articles')
    .select('articles.id')
    .where('articles.slug', '=', slug)
    .where('articles.status', '=', 'unpublished')
    .where(wasEverPublic)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every column but the bodies, which listings never show and which weigh the most. */
export const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.lead',
  'articles.status',
  'articles.section_id',
  'articles.language',
  'articles.is_featured',
  'articles.is_breaking',
  'articles.cover_url',
  'articles.cover_alt',
  'articles.cover_caption',
  'articles.cover_credit',
  'articles.cover_media_id',
  'articles.seo_title',
  'articles.seo_description',
  'articles.correction_note',
  'articles.return_note',
  'articles.version',
  'articles.created_by',
  'articles.created_at',
  'articles.updated_at',
  'articles.first_published_at',
  'articles.published_at',
  'articles.modified_at',
  'articles.scheduled_at',
  'articles.deleted_at',
] as const;

export interface PublicListQuery {
  now: Date;
  limit: number;
  offset?: number;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  excludeIds?: number[];
  featuredOnly?: boolean;
  /** Only articles older than this one (keyset pagination). */
  before?: { id: number; publishedAt: Date };
  /** The edition listed (db/repos/publicScope.ts): the default one when absent. */
  edition?: string;
}

/** The public articles matching a listing's filters (section, tag, author…), as a query to select from. */
export function publicArticles(
  db: Queryable,
  query: Omit<PublicListQuery, 'limit' | 'offset' | 'before'>,
) {
  let base = db
    .selectFrom('articles')
    .where(publiclyVisible(query.now, query.edition));
  if (query.sectionId !== undefined)
    base = base.where('articles.section_id', '=', query.sectionId);
  if (query.tagId !== undefined) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('article_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (query.authorId !== undefined) {
    const authorId = query.authorId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.author_id', '=', authorId),
      ),
    );
  }
  if (query.excludeIds?.length)
    base = base.where('articles.id', 'not in', query.excludeIds);
  if (query.featuredOnly) base = base.where('articles.is_featured', '=', true);
  return base;
}

/**
 * Published articles, newest first, without their bodies. No total: counting every public
 * article costs a pass over the archive (163 ms at 100,000), and only listing pages show a
 * count, which they bound with `countPublishedUpTo`. `before` pages by keyset: the articles
 * older than that one, read from the index wherever the page is.
 */
export async function listPublished(
  db: Queryable,
  query: PublicListQuery,
  known: KnownRelations = {},
): Promise<{ items: ArticleWithRelations[] }> {
  const items = await withRelations(
    db,
    await listPublishedRecords(db, query),
    known,
  );
  return { items };
}

/**
 * `listPublished` without the relations: for a page that shows several lists and loads the
 * relations of all their articles at once (withRelations).
 */
export async function listPublishedRecords(
  db: Queryable,
  query: PublicListQuery,
): Promise<ArticleRecord[]> {
  const rows = await listingRows(db, query)
    .select(SUMMARY_COLUMNS)
    .limit(query.limit)
    .offset(query.offset ?? 0)
    .execute();
  return rows.map(summaryRecord);
}

/** A row of SUMMARY_COLUMNS as a record (no body). */
function summaryRecord(
  row: Omit<ArticleRow, 'body_html' | 'body_source'>,
): ArticleRecord {
  return toArticleRecord({ ...row, body_html: '', body_source: '' });
}

/**
 * The newest `limit` public articles of each of `sectionIds` (the home page's section blocks),
 * newest first within each, in one query: a UNION ALL of one short index range per section.
 */
export async function listNewestPerSection(
  db: Queryable,
  query: {
    now: Date;
    sectionIds: number[];
    limit: number;
    excludeIds?: number[];
  },
): Promise<Map<number, ArticleRecord[]>> {
  const bySection = new Map<number, ArticleRecord[]>(
    query.sectionIds.map((id) => [id, []]),
  );
  const parts = query.sectionIds.map((sectionId) =>
    db
      .selectFrom(
        listingRows(db, {
          now: query.now,
          sectionId,
          ...(query.excludeIds ? { excludeIds: query.excludeIds } : {}),
        })
          .select(SUMMARY_COLUMNS)
          .limit(query.limit)
          .as('newest'),
      )
      .selectAll(),
  );
  const [first, ...rest] = parts;
  if (!first) return bySection;
  const rows = await rest
    .reduce((union, part) => union.unionAll(part), first)
    .execute();
  for (const row of rows)
    if (row.section_id !== null)
      bySection.get(row.section_id)?.push(summaryRecord(row));
  // Each part comes newest first, but a UNION ALL promises no order between or within parts.
  for (const list of bySection.values())
    list.sort(
      (a, b) =>
        (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) ||
        b.id - a.id,
    );
  return bySection;
}

/**
 * A listing's rows in reading order. A tag's or an author's page is read from the links' own
 * index of public articles by publication time (kept by triggers: the 0200 migration), one
 * range whatever the archive's size; from `articles`, newest first keeping those with the tag,
 * a tag last used long ago walked every newer article.
 */
function listingRows(db: Queryable, query: Omit<PublicListQuery, 'limit'>) {
  const before = query.before;
  const now = query.now.toISOString();
  if (query.tagId !== undefined) {
    const { tagId, ...rest } = query;
    return publicArticles(db, rest)
      .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
      .where('article_tags.tag_id', '=', tagId)
      .where('article_tags.public_at', '<=', now)
      .$if(before !== undefined, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('article_tags.public_at', 'article_tags.article_id'),
            '<',
            eb.tuple(before!.publishedAt.toISOString(), before!.id),
          ),
        ),
      )
      .orderBy('article_tags.public_at', 'desc')
      .orderBy('article_tags.article_id', 'desc');
  }
  if (query.authorId !== undefined) {
    const { authorId, ...rest } = query;
    return publicArticles(db, rest)
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .where('article_authors.author_id', '=', authorId)
      .where('article_authors.public_at', '<=', now)
      .$if(before !== undefined, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple(
              'article_authors.public_at',
              'article_authors.article_id',
            ),
            '<',
            eb.tuple(before!.publishedAt.toISOString(), before!.id),
          ),
        ),
      )
      .orderBy('article_authors.public_at', 'desc')
      .orderBy('article_authors.article_id', 'desc');
  }
  return publicArticles(db, query)
    .$if(before !== undefined, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('articles.published_at', 'articles.id'),
          '<',
          eb.tuple(before!.publishedAt.toISOString(), before!.id),
        ),
      ),
    )
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc');
}

/**
 * How many public articles a listing has, counting no further than `cap`: a count that reads
 * at most `cap` index entries whatever the archive's size. A result above `cap` means « more
 * than `cap` ».
 */
export async function countPublishedUpTo(
  db: Queryable,
  query: Omit<PublicListQuery, 'limit' | 'offset' | 'before'>,
  cap: number,
): Promise<number> {
  const row = await db
    .selectFrom(
      listingRows(db, query)
        .select('articles.id')
        .limit(cap + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where a keyset page starts: the article it follows, by its publication time and id. */
export async function findPublicCursor(
  db: Queryable,
  id: number,
  now: Date,
  edition?: string,
): Promise<{ id: number; publishedAt: Date } | null> {
  const row = await db
    .selectFrom('articles')
    .select(['articles.id', 'articles.published_at'])
    .where('articles.id', '=', id)
    .where(publiclyVisible(now, edition))
    .executeTakeFirst();
  const publishedAt = row ? toDate(row.published_at) : null;
  return row && publishedAt ? { id: row.id, publishedAt } : null;
}

/** The tags « À lire aussi » looks through, in the article's order: a bound on its queries. */
const RELATED_TAGS = 5;

/**
 * The newest public articles carrying any of `tagIds`, but not `exclude`: the newest few of
 * each tag from the links' index (one short range per tag, whatever the archive's size),
 * merged here. Joined from `articles` newest first, an article whose tags were last used long
 * ago made this walk every newer article.
 */
async function newestPublicIdsByTags(
  db: Queryable,
  tagIds: number[],
  now: Date,
  limit: number,
  exclude: Set<number>,
): Promise<number[]> {
  const perTag = await Promise.all(
    tagIds.map((tagId) =>
      db
        .selectFrom('article_tags')
        .select(['article_tags.article_id', 'article_tags.public_at'])
        .where('article_tags.tag_id', '=', tagId)
        .where('article_tags.public_at', '<=', now.toISOString())
        .orderBy('article_tags.public_at', 'desc')
        .orderBy('article_tags.article_id', 'desc')
        .limit(limit + exclude.size)
        .execute(),
    ),
  );
  const newest = new Map<number, number>();
  for (const r of perTag.flat())
    if (!exclude.has(r.article_id) && r.public_at !== null)
      newest.set(r.article_id, toDate(r.public_at)?.getTime() ?? 0);
  return [...newest]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * Articles close to `article`, for « À lire aussi »: first those the editorial similarity found
 * (`similarIds`), newest first, then ones sharing its tags, then its section. All public only.
 */
export async function listRelated(
  db: Queryable,
  article: ArticleWithRelations,
  now: Date,
  limit: number,
  similarIds: number[] = [],
  known: KnownRelations = {},
): Promise<ArticleWithRelations[]> {
  const tagIds = article.tags.map((t) => t.id);
  // Records first, their relations at the end: one load for all, whichever steps found them.
  const picked: ArticleRecord[] = [];
  const ids = similarIds.filter((id) => id !== article.id);
  if (ids.length) {
    const rows = await db
      .selectFrom('articles')
      .select(SUMMARY_COLUMNS)
      .where(publiclyVisible(now))
      .where('articles.id', 'in', ids)
      .orderBy('articles.published_at', 'desc')
      .limit(limit)
      .execute();
    picked.push(...rows.map(summaryRecord));
  }
  if (picked.length < limit && tagIds.length) {
    const exclude = new Set([article.id, ...picked.map((a) => a.id)]);
    const ids = await newestPublicIdsByTags(
      db,
      tagIds.slice(0, RELATED_TAGS),
      now,
      limit - picked.length,
      exclude,
    );
    if (ids.length) {
      const rows = await db
        .selectFrom('articles')
        .select(SUMMARY_COLUMNS)
        .where(publiclyVisible(now))
        .where('articles.id', 'in', ids)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .execute();
      picked.push(...rows.map(summaryRecord));
    }
  }
  if (picked.length < limit && article.sectionId !== null)
    picked.push(
      ...(await listPublishedRecords(db, {
        now,
        limit: limit - picked.length,
        sectionId: article.sectionId,
        excludeIds: [article.id, ...picked.map((a) => a.id)],
      })),
    );
  return withRelations(db, picked, known);
}

/** The next `limit` article ids after `afterId`, in id order: for passes over the whole archive. */
export async function listArticleIdsAfter(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Scheduled articles whose publication time has come, oldest first. */
export async function listDueScheduledIds(
  db: Queryable,
  now: Date,
): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now.toISOString())
    .orderBy('scheduled_at')
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes a deleted picture off an article's cover (bumping its version, like any change). */
export async function clearArticleCover(
  db: Queryable,
  articleId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('articles')
    .set((eb) => ({
      cover_media_id: null,
      cover_url: null,
      cover_alt: null,
      cover_caption: null,
      cover_credit: null,
      version: eb('version', '+', 1),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', articleId)
    .execute();
}

/** Every published article's id, section and publication time (the demo's audience is drawn from them). */
export async function listPublishedTimes(
  db: Queryable,
): Promise<
  { id: number; sectionId: number | null; publishedAt: Date | null }[]
> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'section_id', 'published_at'])
    .where('status', '=', 'published')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sectionId: r.section_id,
    publishedAt: r.published_at ? toDate(r.published_at) : null,
  }));
}

/** Slug and title of the articles a body's « Lire aussi » blocks name (trashed ones left out). */
export async function findArticleLinks(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, { slug: string; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'title'])
    .where('id', 'in', [...new Set(ids)])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(
    rows.map((r) => [Number(r.id), { slug: r.slug, title: r.title }]),
  );
}

/** Bodies after `afterId`, by id, for the re-render pass (`newsdesk reindex --only bodies`). */
export async function listArticleBodiesAfter(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<
  {
    id: number;
    slug: string;
    title: string;
    status: string;
    source: string;
    html: string;
  }[]
> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'status', 'body_source', 'body_html'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    source: r.body_source,
    html: r.body_html,
  }));
}

/**
 * Replaces the HTML derived from an unchanged body source. The version stays: the text did not
 * change, so a journalist with the article open must not get a stale-save refusal.
 */
export async function setArticleBodyHtml(
  db: Queryable,
  id: number,
  bodyHtml: string,
): Promise<void> {
  await db
    .updateTable('articles')
    .set({ body_html: bodyHtml })
    .where('id', '=', id)
    .execute();
}
