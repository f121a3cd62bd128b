import type { Signature } from './signature.ts';

/*
 * How alike two articles are, and why. The score is mostly the cosine of their lead-and-body
 * terms, which rewards what a rewrite keeps (names, places, figures, the rare words of the story)
 * and ignores what every story shares. Titles are compared apart and only nudge the score, so a
 * recurring headline (« Coronavirus : le point… », « Météo : le temps prévu… ») never decides on
 * its own. A short text (a fil info headline with a line of lead) says too little for a cosine,
 * so there the titles weigh more. An identical text scores 1, whatever its markup.
 */

/**
 * At or above this score, two short texts (under SHORT_TEXT lead-and-body terms) are « Doublon
 * probable »; longer ones are judged by the model (duplicateModel.ts). Tuned on the earlier sets' dev half (eval/README.md).
 */
export const DUPLICATE_THRESHOLD = 0.35;
/** Below a duplicate but still about the same thing: candidates for « À lire aussi ». */
export const RELATED_THRESHOLD = 0.12;
/** Lead and body shorter than this many terms are judged more on their titles. */
export const SHORT_TEXT = 12;
/** How much the titles count when both texts are long enough to speak for themselves. */
export const TITLE_SHARE = 0.15;
/** What the score keeps when two texts share none of their figures. */
export const FIGURES_FLOOR = 0.5;

export interface Similarity {
  score: number;
  exact: boolean;
  /** Cosine of the lead-and-body terms. */
  text: number;
  /** Cosine of the titles' terms. */
  title: number;
  /** Share of figures in common (null when a text gives fewer than two). */
  figures: number | null;
  /** The terms that contribute most, as readable words. */
  sharedTerms: string[];
}

function cosine(
  a: [string, number, string][],
  b: [string, number, string][],
  shared: [string, number][],
): number {
  const weights = new Map(b.map(([t, w]) => [t, w]));
  let sum = 0;
  for (const [t, w, display] of a) {
    const other = weights.get(t);
    if (other === undefined) continue;
    sum += w * other;
    shared.push([display, w * other]);
  }
  return sum;
}

export function compareSignatures(a: Signature, b: Signature): Similarity {
  const shared: [string, number][] = [];
  const title = cosine(a.title, b.title, shared);
  const text = cosine(a.terms, b.terms, shared);
  const exact = a.hash === b.hash && a.length + a.title.length > 0;
  // 1 for a headline alone, 0 once both texts have SHORT_TEXT terms: how much the titles must carry.
  const shortness = Math.max(0, 1 - Math.min(a.length, b.length) / SHORT_TEXT);
  const titleShare = TITLE_SHARE + (1 - TITLE_SHARE) * shortness;
  const figures = figureAgreement(a.numbers, b.numbers);
  // Squared: half a headline in common (« Article à corriger », « Article disputé ») is not half a duplicate.
  const base = (1 - titleShare) * text + titleShare * title * title;
  const score = exact
    ? 1
    : Math.min(
        1,
        base *
          (figures === null
            ? 1
            : FIGURES_FLOOR + (1 - FIGURES_FLOOR) * figures),
      );
  const byWord = new Map<string, number>();
  for (const [word, w] of shared) byWord.set(word, (byWord.get(word) ?? 0) + w);
  const sharedTerms = [...byWord]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 8)
    .map(([word]) => word);
  return { score, exact, text, title, figures, sharedTerms };
}

/**
 * Share of the figures of the text that gives fewer of them found in the other: 1 when a rewrite
 * keeps every figure, low when the next day's update changed them. Null when either text gives
 * fewer than two figures, which says nothing.
 */
function figureAgreement(a: string[], b: string[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const [small, large] =
    a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  return small.filter((n) => large.has(n)).length / small.length;
}
