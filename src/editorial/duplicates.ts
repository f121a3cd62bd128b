import type { Queryable } from '../db/database.ts';
import {
  findCandidateIds,
  findSignatures,
  type SignatureRow,
} from '../db/repos/editorial.ts';
import type { Entity } from './entities.ts';
import { dayNumber } from './indexer.ts';
import { indexTerms, termKey, type Signature } from './signature.ts';
import {
  compareSignatures,
  RELATED_THRESHOLD,
  type Similarity,
} from './similarity.ts';
import { decideDuplicate, type DecidingSignal } from './duplicateModel.ts';
import { duplicateSignals } from './duplicateSignals.ts';

/** At most this many candidates (most shared index terms first) are scored per check. */
export const MAX_CANDIDATES = 40;

export interface SimilarArticle {
  articleId: number;
  /** For related articles the hand-weighted similarity; for likely duplicates the model's probability. */
  score: number;
  exact: boolean;
  /** Why: the words and the named entities the two share. */
  sharedTerms: string[];
  sharedEntities: string[];
}

/** A likely duplicate, with what the journalist is told about the decision. */
export interface LikelyDuplicate extends SimilarArticle {
  /** Whole days between the stored article and the text checked. */
  gapDays: number;
  /** The signal that weighed most in the decision. */
  signal: DecidingSignal;
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
export async function findSimilar(
  db: Queryable,
  q: SimilarQuery,
): Promise<SimilarArticle[]> {
  const rows = await candidateRows(db, q);
  return rows
    .map((row) =>
      explain(q, row, compareSignatures(q.signature, row.signature)),
    )
    .filter((s) => s.score >= q.threshold)
    .sort(byScore)
    .slice(0, q.limit);
}

const byScore = (a: SimilarArticle, b: SimilarArticle) =>
  b.score - a.score || b.articleId - a.articleId;

/** The signatures of the articles the inverted index hands over for a check (at most MAX_CANDIDATES). */
async function candidateRows(
  db: Queryable,
  q: Omit<SimilarQuery, 'threshold' | 'limit'>,
): Promise<SignatureRow[]> {
  const keys = indexTerms(q.signature).map(termKey);
  const candidates = await findCandidateIds(db, {
    termKeys: keys,
    fromDay: dayNumber(q.now) - q.windowDays,
    minShared: Math.min(2, keys.length),
    limit: MAX_CANDIDATES,
    ...(q.excludeId !== undefined ? { excludeId: q.excludeId } : {}),
  });
  return findSignatures(
    db,
    candidates.map((c) => c.articleId),
  );
}

function explain(
  q: Pick<SimilarQuery, 'entities'>,
  row: SignatureRow,
  s: Similarity,
): SimilarArticle {
  const theirs = new Set(row.entities.map((e) => e.key));
  return {
    articleId: row.articleId,
    score: s.score,
    exact: s.exact,
    sharedTerms: s.sharedTerms,
    sharedEntities: q.entities
      .filter((e) => theirs.has(e.key))
      .map((e) => e.name)
      .slice(0, 8),
  };
}

/**
 * Likely duplicates of an article among live articles of the last `windowDays` days: the
 * candidates of the inverted index, each judged by the model on its signals (duplicateModel.ts),
 * most probable first.
 */
export async function findLikelyDuplicates(
  db: Queryable,
  q: Omit<SimilarQuery, 'threshold' | 'limit'> & { limit?: number },
): Promise<LikelyDuplicate[]> {
  const today = dayNumber(q.now);
  const found: LikelyDuplicate[] = [];
  for (const row of await candidateRows(db, q)) {
    const gapDays = Math.max(0, today - row.day);
    const signals = duplicateSignals(q.signature, row.signature, gapDays, {
      query: q.entities,
      candidate: row.entities,
    });
    const decision = decideDuplicate(signals);
    if (!decision.duplicate) continue;
    found.push({
      ...explain(q, row, signals.similarity),
      score: decision.probability,
      gapDays,
      signal: decision.signal,
    });
  }
  return found.sort(byScore).slice(0, q.limit ?? 5);
}

/** How far back « À lire aussi » looks for stories on the same subject. */
export const RELATED_WINDOW_DAYS = 365;

/** Ids of articles on the same subject (not the same text), best first; the caller keeps the public ones. */
export async function findRelatedIds(
  db: Queryable,
  articleId: number,
  signature: Signature,
  now: Date,
): Promise<number[]> {
  const similar = await findSimilar(db, {
    signature,
    entities: [],
    excludeId: articleId,
    now,
    windowDays: RELATED_WINDOW_DAYS,
    threshold: RELATED_THRESHOLD,
    limit: 20,
  });
  return similar.filter((s) => !s.exact).map((s) => s.articleId);
}
