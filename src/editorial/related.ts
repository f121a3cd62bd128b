import type { Queryable } from '../db/database.ts';
import { findSignature } from '../db/repos/editorial.ts';
import { findRelatedIds } from './duplicates.ts';

/**
 * Articles on the same subject as a published one, from the editorial similarity (the caller
 * keeps only what readers may see). An article not yet indexed has none; the page then falls
 * back to shared tags and section.
 */
export async function similarToPublished(
  db: Queryable,
  articleId: number,
  now: Date,
): Promise<number[]> {
  const row = await findSignature(db, articleId);
  return row ? findRelatedIds(db, articleId, row.signature, now) : [];
}
