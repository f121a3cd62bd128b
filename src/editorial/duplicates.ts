import type { Queryable } from '../db/database.ts';
import { findCandidateIds, findSignatures, type SignatureRow } from '../db/repos/editorial.ts';
import type { Entity } from './entities.ts';
import { dayNumber } from './indexer.ts';
import { indexTerms, termKey, type Signature } from './signature.ts';
import { compareSignatures, DUPLICATE_THRESHOLD, RELATED_THRESHOLD } from './similarity.ts';

/** At most this many candidates (most shared index terms first) are scored per check. */
export const MAX_CANDIDATES = 40;

export interface SimilarArticle {
  articleId: number;
  score: number;
  exact: boolean;
  /** Why: the words and the named entities the two share. */
  sharedTerms: string[];
  sharedEntities: string[];
}

export interface SimilarQuery {
  signature: Signature;
  entities: Entity[];
  /** The article itself, when it is stored. */
  excludeId?: number;
  now: Date;
  /** How far back to look, in days. */
  windowDays: number;
  threshold: number;
  limit: number;
}

/**
 * Articles alike to a signature: candidates come from the inverted index (those filed under at
 * least two of its terms in the window), then each is scored on its signature. Never reads the
 * archive beyond those candidates.
 */
export async function findSimilar(db: Queryable, q: SimilarQuery): Promise<SimilarArticle[]> {
  const keys = indexTerms(q.signature).map(termKey);
  const candidates = await findCandidateIds(db, {
    termKeys: keys, fromDay: dayNumber(q.now) - q.windowDays, minShared: Math.min(2, keys.length), limit: MAX_CANDIDATES,
    ...(q.excludeId !== undefined ? { excludeId: q.excludeId } : {}),
  });
  const rows = await findSignatures(db, candidates.map((c) => c.articleId));
  return rows.map((row) => explain(q, row)).filter((s) => s.score >= q.threshold)
    .sort((a, b) => b.score - a.score || b.articleId - a.articleId).slice(0, q.limit);
}

function explain(q: SimilarQuery, row: SignatureRow): SimilarArticle {
  const s = compareSignatures(q.signature, row.signature);
  const theirs = new Set(row.entities.map((e) => e.key));
  return {
    articleId: row.articleId, score: s.score, exact: s.exact, sharedTerms: s.sharedTerms,
    sharedEntities: q.entities.filter((e) => theirs.has(e.key)).map((e) => e.name).slice(0, 8),
  };
}

/** Likely duplicates of an article among live articles of the last `windowDays` days. */
export function findLikelyDuplicates(db: Queryable, q: Omit<SimilarQuery, 'threshold' | 'limit'> & { limit?: number }): Promise<SimilarArticle[]> {
  return findSimilar(db, { ...q, threshold: DUPLICATE_THRESHOLD, limit: q.limit ?? 5 });
}

/** How far back « À lire aussi » looks for stories on the same subject. */
export const RELATED_WINDOW_DAYS = 365;

/** Ids of articles on the same subject (not the same text), best first; the caller keeps the public ones. */
export async function findRelatedIds(db: Queryable, articleId: number, signature: Signature, now: Date): Promise<number[]> {
  const similar = await findSimilar(db, { signature, entities: [], excludeId: articleId, now, windowDays: RELATED_WINDOW_DAYS, threshold: RELATED_THRESHOLD, limit: 20 });
  return similar.filter((s) => !s.exact).map((s) => s.articleId);
}
