/*
 * The labelled development set ../shared/data/dup-dev/ (480 pairs read by hand; see its README):
 * loading, signing each side as the product would, and the guard's decision on a pair as deployed
 * (candidate retrieval from the inverted index, then the score, within the window).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isCandidate, SHARED, type CorpusArticle } from './lib.ts';
import {
  signatureOf,
  termBag,
  type Idf,
  type Signature,
} from '../src/editorial/signature.ts';
import {
  duplicateSignals,
  featureVector,
  type DuplicateSignals,
} from '../src/editorial/duplicateSignals.ts';
import { entitiesOf } from '../src/editorial/indexer.ts';

export const DUP_DEV = `${SHARED}data/dup-dev/pairs.jsonl`;

export type DupSource = 'mined' | 'identical-group' | 'written';
interface Side {
  id: number | null;
  date: string;
  time: string | null;
  title: string;
  heading: string;
  article: string;
}
export interface DevPair {
  pairId: string;
  a: Side;
  b: Side;
  label: 'duplicate' | 'different';
  source: DupSource;
  reason: string;
  candidateType: string[];
  /** The set's plain TF-IDF cosine (title + chapô + body), for a baseline. */
  similarity: number;
}

export function dupDevAvailable(): boolean {
  return existsSync(DUP_DEV);
}

export function loadDevPairs(): DevPair[] {
  return readFileSync(DUP_DEV, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = JSON.parse(line);
      return {
        pairId: r.pair_id,
        a: r.a,
        b: r.b,
        label: r.label,
        source: r.source,
        reason: r.reason,
        candidateType: r.candidate_type,
        similarity: r.similarity,
      };
    });
}

/** Exact copies (identical title, chapô and body): the easy part, reported apart. */
export const isExactCopy = (p: DevPair) =>
  p.candidateType.includes('identical-fields');

/** The set a pair is reported in: its source, exact copies apart. */
export function reportSet(p: DevPair): string {
  return isExactCopy(p) ? 'exact copies' : p.source;
}

/** Folds of a grouped k-fold: pairs sharing an article (contrastive near-misses) stay in one fold. */
export function foldOf(p: DevPair, k: number): number {
  const key = String(p.a.id ?? p.pairId);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++)
    h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

/** The product's logistic regression, fitted by plain gradient descent with an L2 penalty (features are in [0, 1]). */
export function fitLogistic(
  x: number[][],
  y: number[],
  l2 = 0.01,
  epochs = 3000,
  rate = 0.5,
): { weights: number[]; bias: number } {
  const d = x[0]!.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = b;
      for (let j = 0; j < d; j++) z += w[j]! * xi[j]!;
      const err = 1 / (1 + Math.exp(-z)) - y[i]!;
      for (let j = 0; j < d; j++) gw[j]! += err * xi[j]!;
      gb += err;
    }
    for (let j = 0; j < d; j++)
      w[j]! -= rate * (gw[j]! / x.length + l2 * w[j]!);
    b -= rate * (gb / x.length);
  }
  return { weights: w, bias: b };
}

/** The threshold on a score that maximises F1 on labelled examples (ties: the higher threshold, fewer false alarms). */
export function bestThreshold(
  scored: { score: number; duplicate: boolean }[],
): number {
  const candidates = [...new Set(scored.map((s) => s.score))].sort(
    (a, b) => a - b,
  );
  let best = 0.5,
    bestF1 = -1;
  for (const t of candidates) {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const s of scored) {
      const f = s.score >= t;
      if (f && s.duplicate) tp++;
      else if (f) fp++;
      else if (s.duplicate) fn++;
    }
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 >= bestF1) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/** One labelled pair, read as the guard reads it: the later text (b) checked against the stored one (a). */
export interface DevRow {
  pair: DevPair;
  set: string;
  duplicate: boolean;
  /** Whether the inverted index hands `a` to the check of `b` (among the 40 candidates of the window). */
  retrieved: boolean;
  /** Whole days from a to b, as the index's day numbers give them. */
  gapDays: number;
  signals: DuplicateSignals;
  features: number[];
}

const dayOf = (date: string) =>
  Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * Every pair of the set as a row. `signatures` holds the corpus's signatures (document
 * frequencies over the whole corpus); written drafts are signed with the same `idf`.
 */
export function devRows(
  pairs: DevPair[],
  corpus: Map<number, CorpusArticle>,
  signatures: Map<number, Signature>,
  idf: Idf,
  windowDays: number,
  retrieval = true,
): DevRow[] {
  const byDay = new Map<number, number[]>();
  for (const a of corpus.values()) {
    const d = dayOf(a.date);
    (byDay.get(d) ?? byDay.set(d, []).get(d)!).push(a.id);
  }
  const sign = (s: Side) =>
    s.id !== null
      ? signatures.get(s.id)!
      : signatureOf(
          termBag({ title: s.title, lead: s.heading, body: s.article }),
          idf,
        );
  return pairs.map((pair) => {
    const a = sign(pair.a),
      b = sign(pair.b);
    const day = dayOf(pair.b.date),
      gapDays = day - dayOf(pair.a.date);
    // Without `retrieval` (signatures of the pairs only), every pair of the window counts as handed over.
    const pool: Signature[] = [];
    if (retrieval)
      for (let d = day - windowDays; d <= day; d++)
        for (const id of byDay.get(d) ?? [])
          if (id !== pair.a.id && id !== pair.b.id)
            pool.push(signatures.get(id)!);
    // Entities as the index stores them (the pair carries both texts, drafts included).
    const entities = (s: Side) =>
      entitiesOf({ title: s.title, lead: s.heading, body: s.article });
    const signals = duplicateSignals(b, a, gapDays, {
      query: entities(pair.b),
      candidate: entities(pair.a),
    });
    return {
      pair,
      set: reportSet(pair),
      duplicate: pair.label === 'duplicate',
      retrieved:
        gapDays <= windowDays && (!retrieval || isCandidate(b, a, pool)),
      gapDays,
      signals,
      features: featureVector(signals),
    };
  });
}
