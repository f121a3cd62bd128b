import { terms } from '../search/normalize.ts';
import type { Entity } from './entities.ts';
import type { Signature } from './signature.ts';
import { shingleContainment } from './shingles.ts';
import { compareSignatures, type Similarity } from './similarity.ts';

/*
 * What the duplicate guard weighs, beyond the cosine of two texts (see eval/ablations.md for what
 * each brings on the labelled set):
 * - containment: a short draft (headline and a 2–3 sentence lead) checked against a full article
 *   has a low cosine even when every name and figure it gives is in the article; what matters is
 *   how much of the *draft's* distinctive content the other holds, not the other way round;
 * - headline and lead against headline and lead: that is where both say what the story is;
 * - the time gap: same-day versions of a dispatch are one story, while two or three days later
 *   the same names usually carry a new development;
 * - a new news peg: a story word of the later text (« mis en examen », « condamné », « excuses »)
 *   the earlier never used, or figures the earlier never gave;
 * - the names both give: how many of one text's named entities (people, organisations, places,
 *   counted by mentions) the other names too, read from the side that is better covered. Two
 *   same-day stories on one subject (two concept cars of one maker, an explainer and a side
 *   question) share words but not their names; a rewrite keeps them.
 */

type Weighted = [string, number, string][];

/** Stems of the words that usually mark a new development of a story already told. */
export const NEWS_PEG_TERMS: ReadonlySet<string> = new Set(
  terms(
    'examen inculpé condamné écroué interpellé garde excuses rejeté démission démissionne verdict acquitté libéré ' +
      'détention procès jugé plainte appel annulé adopté retiré renvoyé décédé identifié retrouvé suspendu perpétuité ' +
      'réclusion censure validé aveux avoue recours',
  ),
);

export interface DuplicateSignals {
  similarity: Similarity;
  /** Lead-and-body terms of the shorter of the two texts. */
  shortest: number;
  /** Cosine of the two headlines-and-leads. */
  head: number;
  /** Share (by weight) of the shorter text's headline-and-lead terms found anywhere in the other. */
  containment: number;
  /** Share of the smaller text's character shingles found in the other (estimated from sketches; 0 when one has none). */
  shingles: number;
  /** Whole days between the two. */
  gapDays: number;
  /** Share of the later text's figures the earlier never gave (0 when it gives none). */
  newFigures: number;
  /** A news-peg word in the later headline or lead that the earlier text never used (its readable form), or null. */
  newPeg: string | null;
  /** Share of one text's entity mentions whose entity the other names too, the higher of the two directions (0 when either names none). */
  sharedNames: number;
}

/** The named entities of the two texts (as the index stores them), when known. */
export interface EntitiesOfPair {
  query: readonly Entity[];
  candidate: readonly Entity[];
}

/** Share of `of`'s mentions whose entity (or an alias) is among `other`'s. */
function namesIn(of: readonly Entity[], other: Set<string>): number {
  let total = 0,
    found = 0;
  for (const e of of) {
    total += e.mentions;
    if (other.has(e.key)) found += e.mentions;
  }
  return total ? found / total : 0;
}

function sharedNames(pair: EntitiesOfPair | undefined): number {
  if (!pair?.query.length || !pair.candidate.length) return 0;
  const keys = (es: readonly Entity[]) => new Set(es.map((e) => e.key));
  return Math.max(
    namesIn(pair.query, keys(pair.candidate)),
    namesIn(pair.candidate, keys(pair.query)),
  );
}

function cosine(a: Weighted, b: Weighted): number {
  const weights = new Map(b.map(([t, w]) => [t, w]));
  let sum = 0;
  for (const [t, w] of a) sum += w * (weights.get(t) ?? 0);
  return sum;
}

const headOf = (s: Signature): Weighted => s.head ?? s.title;
const allTerms = (s: Signature) =>
  new Set([...s.title, ...s.terms, ...headOf(s)].map(([t]) => t));

/**
 * The signals for a text checked (`query`, the later one: the draft or the update) against a
 * stored article `gapDays` days older, with both texts' named entities when known.
 */
export function duplicateSignals(
  query: Signature,
  candidate: Signature,
  gapDays: number,
  entities?: EntitiesOfPair,
): DuplicateSignals {
  const similarity = compareSignatures(query, candidate);
  const [shorter, longer] =
    query.length <= candidate.length ? [query, candidate] : [candidate, query];
  const inLonger = allTerms(longer);
  let contained = 0,
    total = 0;
  for (const [t, w] of headOf(shorter)) {
    total += w * w;
    if (inLonger.has(t)) contained += w * w;
  }
  const earlierNumbers = new Set(candidate.numbers);
  const later = query.numbers.slice(0, 12);
  const newFigures =
    later.length && earlierNumbers.size
      ? later.filter((n) => !earlierNumbers.has(n)).length / later.length
      : 0;
  const earlier = allTerms(candidate);
  const peg = headOf(query).find(
    ([t]) => NEWS_PEG_TERMS.has(t) && !earlier.has(t),
  );
  return {
    similarity,
    shortest: Math.min(query.length, candidate.length),
    head: cosine(headOf(query), headOf(candidate)),
    containment: total ? contained / total : 0,
    shingles:
      query.shingles && candidate.shingles
        ? shingleContainment(query.shingles, candidate.shingles)
        : 0,
    gapDays: Math.abs(gapDays),
    newFigures,
    newPeg: peg ? peg[2] : null,
    sharedNames: sharedNames(entities),
  };
}

/** The signals as the model's inputs, in the order of its weights (see duplicateModel.ts). */
export function featureVector(s: DuplicateSignals): number[] {
  const sameDay = s.gapDays === 0 ? 1 : 0;
  return [
    s.similarity.score,
    s.similarity.text,
    s.similarity.title,
    s.head,
    s.containment,
    Math.min(s.gapDays, 7) / 7,
    sameDay,
    s.newFigures,
    s.newPeg === null ? 0 : 1,
    s.containment * sameDay,
    s.head * sameDay,
    s.shingles,
    s.shingles * sameDay,
    s.sharedNames,
  ];
}

export const FEATURE_NAMES = [
  'score',
  'text cosine',
  'title cosine',
  'head cosine',
  'containment',
  'gap (days/7)',
  'same day',
  'new figures',
  'new peg word',
  'containment × same day',
  'head × same day',
  'shingles',
  'shingles × same day',
  'shared names',
] as const;
