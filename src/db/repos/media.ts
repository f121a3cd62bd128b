import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Queryable } from '../database.ts';
import { fromJson, toDate, type MediaTable } from '../schema.ts';
import type { Crops, MediaRecord } from '../../domain/pictures.ts';

export type MediaRole = 'cover' | 'body';

export interface MediaUse {
  articleId: number;
  title: string;
  slug: string;
  status: string;
  role: MediaRole;
}

type MediaRow = Selectable<MediaTable>;

export function toMediaRecord(row: MediaRow): MediaRecord {
  return {
    id: row.id,
    originalKey: row.original_key,
    contentHash: row.content_hash,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    bytes: Number(row.bytes),
    fileName: row.file_name,
    focal: { x: Number(row.focal_x), y: Number(row.focal_y) },
    crops: fromJson<Crops>(row.crops) ?? {},
    alt: row.alt,
    decorative: Boolean(row.decorative),
    caption: row.caption,
    credit: row.credit,
    copyright: row.copyright,
    usageNotes: row.usage_notes,
    uploadedBy: row.uploaded_by,
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export async function insertMedia(
  db: Queryable,
  values: Insertable<MediaTable>,
): Promise<number> {
  const row = await db
    .insertInto('media')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findMediaById(
  db: Queryable,
  id: number,
): Promise<MediaRecord | null> {
  const row = await db
    .selectFrom('media')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toMediaRecord(row) : null;
}

/** Many pictures in one query (the covers of a page of teasers). */
export async function findMediaByIds(
  db: Queryable,
  ids: number[],
): Promise<Map<number, MediaRecord>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, toMediaRecord(r)]));
}

/** Updates a picture only if it is still at `expectedVersion` (no silent overwrite); false when stale. */
export async function updateMediaIfVersion(
  db: Queryable,
  id: number,
  expectedVersion: number,
  patch: Updateable<MediaTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('media')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteMediaRow(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('media_uses').where('media_id', '=', id).execute();
  await db.deleteFrom('media').where('id', '=', id).execute();
}

/** Where a picture is used, newest article first. */
export async function listMediaUses(
  db: Queryable,
  mediaId: number,
): Promise<MediaUse[]> {
  const rows = await db
    .selectFrom('media_uses')
    .innerJoin('articles', 'articles.id', 'media_uses.article_id')
    .select([
      'articles.id',
      'articles.title',
      'articles.slug',
      'articles.status',
      'media_uses.role',
    ])
    .where('media_uses.media_id', '=', mediaId)
    .orderBy('articles.id', 'desc')
    .execute();
  return rows.map((r) => ({
    articleId: r.id,
    title: r.title,
    slug: r.slug,
    status: r.status,
    role: r.role as MediaRole,
  }));
}

/** Replaces an article's uses of pictures (its cover, its body's figures) with `uses`. */
export async function setArticleMediaUses(
  db: Queryable,
  articleId: number,
  uses: { mediaId: number; role: MediaRole }[],
): Promise<void> {
  await db
    .deleteFrom('media_uses')
    .where('article_id', '=', articleId)
    .execute();
  const unique = new Map(uses.map((u) => [`${u.mediaId}:${u.role}`, u]));
  if (unique.size === 0) return;
  await db
    .insertInto('media_uses')
    .values(
      [...unique.values()].map((u) => ({
        media_id: u.mediaId,
        article_id: articleId,
        role: u.role,
      })),
    )
    .execute();
}

export interface MediaListQuery {
  /** Index terms (French-normalised); each must begin a word of the picture's terms. */
  terms?: string[];
  uploadedBy?: number;
  orientation?: 'landscape' | 'portrait' | 'square';
  used?: boolean;
  /** Uploaded on or after / before these instants. */
  from?: Date;
  until?: Date;
  limit: number;
  offset?: number;
}

/** The library, newest first, with the total for pagination and how many uses each picture has. */
export async function listMedia(
  db: Queryable,
  query: MediaListQuery,
): Promise<{ items: (MediaRecord & { uses: number })[]; total: number }> {
  let base = db.selectFrom('media');
  for (const term of query.terms ?? [])
    base = base.where(
      'media.search_terms',
      'like',
      `% ${term.replace(/[%_\\]/g, '')}%`,
    );
  if (query.uploadedBy !== undefined)
    base = base.where('media.uploaded_by', '=', query.uploadedBy);
  if (query.orientation === 'landscape')
    base = base.whereRef('media.width', '>', 'media.height');
  if (query.orientation === 'portrait')
    base = base.whereRef('media.width', '<', 'media.height');
  if (query.orientation === 'square')
    base = base.whereRef('media.width', '=', 'media.height');
  if (query.from)
    base = base.where('media.created_at', '>=', query.from.toISOString());
  if (query.until)
    base = base.where('media.created_at', '<', query.until.toISOString());
  if (query.used !== undefined) {
    const used = query.used;
    base = base.where((eb) => {
      const uses = eb.exists(
        eb
          .selectFrom('media_uses')
          .select('media_uses.media_id')
          .whereRef('media_uses.media_id', '=', 'media.id'),
      );
      return used ? uses : eb.not(uses);
    });
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll('media')
      .select((eb) =>
        eb
          .selectFrom('media_uses')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('media_uses.media_id', '=', 'media.id')
          .as('use_count'),
      )
      .orderBy('media.created_at', 'desc')
      .orderBy('media.id', 'desc')
      .limit(query.limit)
      .offset(query.offset ?? 0)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...toMediaRecord(r),
      uses: Number(r.use_count ?? 0),
    })),
    total: Number(count.n),
  };
}

/** Every picture's id and storage key, for `newsdesk media check|orphans|regenerate`. */
export async function listAllMediaKeys(
  db: Queryable,
): Promise<{ id: number; originalKey: string }[]> {
  const rows = await db
    .selectFrom('media')
    .select(['id', 'original_key'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, originalKey: r.original_key }));
}
