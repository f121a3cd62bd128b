import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';

export interface PreviewLink {
  id: number;
  articleId: number;
  createdBy: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = [
  'id',
  'article_id',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
] as const;

function toLink(r: {
  id: number;
  article_id: number;
  created_by: number;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}): PreviewLink {
  return {
    id: r.id,
    articleId: r.article_id,
    createdBy: r.created_by,
    createdAt: toDate(r.created_at),
    expiresAt: toDate(r.expires_at),
    revokedAt: r.revoked_at === null ? null : toDate(r.revoked_at),
  };
}

export async function insertPreviewLink(
  db: Queryable,
  link: {
    articleId: number;
    tokenHash: string;
    createdBy: number;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('preview_links')
    .values({
      article_id: link.articleId,
      token_hash: link.tokenHash,
      created_by: link.createdBy,
      created_at: link.createdAt.toISOString(),
      expires_at: link.expiresAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPreviewLinkByHash(
  db: Queryable,
  tokenHash: string,
): Promise<PreviewLink | null> {
  const row = await db
    .selectFrom('preview_links')
    .select(COLUMNS)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toLink(row) : null;
}

/** An article's links still usable at `now`, newest first: what the editor lists. */
export async function listActivePreviewLinks(
  db: Queryable,
  articleId: number,
  now: Date,
): Promise<PreviewLink[]> {
  const rows = await db
    .selectFrom('preview_links')
    .select(COLUMNS)
    .where('article_id', '=', articleId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toLink);
}

/** Revokes one of an article's links; false when it is not that article's or already revoked. */
export async function revokePreviewLink(
  db: Queryable,
  id: number,
  articleId: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('preview_links')
    .set({ revoked_at: at.toISOString() })
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
