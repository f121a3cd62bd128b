import type { Queryable } from '../database.ts';
import { fromJson, toDate } from '../schema.ts';
import type { ArticleRecord } from '../../domain/articleRecord.ts';

/** What a revision keeps: the fields a journalist edits, as they were after a save. */
export interface RevisionSnapshot {
  title: string;
  slug: string;
  lead: string;
  bodySource: string;
  sectionId: number | null;
  authorIds: number[];
  tagIds: number[];
  featured: boolean;
  breaking: boolean;
  seoTitle: string | null;
  seoDescription: string | null;
  cover: ArticleRecord['cover'];
  correctionNote: string | null;
}

export async function insertRevision(
  db: Queryable,
  articleId: number,
  version: number,
  snapshot: RevisionSnapshot,
  userId: number | null,
  at: Date,
): Promise<void> {
  await db
    .insertInto('revisions')
    .values({
      article_id: articleId,
      version,
      snapshot: JSON.stringify(snapshot),
      user_id: userId,
      created_at: at.toISOString(),
    })
    .execute();
}

export interface Revision {
  id: number;
  articleId: number;
  version: number;
  snapshot: RevisionSnapshot;
  userId: number | null;
  userName: string | null;
  createdAt: Date;
}

export async function listRevisions(
  db: Queryable,
  articleId: number,
): Promise<Revision[]> {
  const rows = await db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.user_id')
    .select([
      'revisions.id',
      'revisions.article_id',
      'revisions.version',
      'revisions.snapshot',
      'revisions.user_id',
      'revisions.created_at',
      'users.display_name',
    ])
    .where('revisions.article_id', '=', articleId)
    .orderBy('revisions.version', 'desc')
    .orderBy('revisions.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    version: r.version,
    snapshot: fromJson<RevisionSnapshot>(r.snapshot),
    userId: r.user_id,
    userName: r.display_name,
    createdAt: toDate(r.created_at),
  }));
}
