import type { Queryable } from '../database.ts';
import type { ArticleRecord } from './articles.ts';

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

export async function insertRevision(db: Queryable, articleId: number, version: number, snapshot: RevisionSnapshot, userId: number | null, at: Date): Promise<void> {
  await db.insertInto('revisions').values({
    article_id: articleId, version, snapshot: JSON.stringify(snapshot), user_id: userId, created_at: at.toISOString(),
  }).execute();
}
