/*
 * Section suggestion: a naive Bayes model over the distinct terms of the site's own published
 * articles (a « binarised » multinomial model: a term counts once per article, which suits news
 * copy better than raw counts). Its counts live in the database and move with every publication,
 * edit and withdrawal, so it learns as the archive grows; nothing is trained offline.
 */

export interface SectionCounts {
  /** Published articles of a section that use a term. */
  counts: { sectionId: number; term: string; docs: number }[];
  /** Per section: published articles, and the sum of their distinct-term counts. */
  sections: { sectionId: number; docs: number; terms: number }[];
}

export interface SectionSuggestion {
  sectionId: number;
  /** Posterior probability of the suggested section, tempered (raw naive Bayes is overconfident). */
  confidence: number;
  /** The article's words that point most to this section. */
  topWords: string[];
  ranking: { sectionId: number; probability: number }[];
}

/** Laplace smoothing, and a vocabulary size estimate for it. */
const ALPHA = 1;
const MIN_VOCABULARY = 5_000;
const HEAPS_K = 40;
/** A section needs this many published articles before it is suggested. */
export const MIN_SECTION_DOCS = 3;

/**
 * The most likely section for an article's distinct terms, or null when the archive is too
 * small to say (fewer than two sections with MIN_SECTION_DOCS articles).
 */
export function suggestSection(
  terms: string[],
  display: ReadonlyMap<string, string>,
  model: SectionCounts,
): SectionSuggestion | null {
  const sections = model.sections.filter((s) => s.docs >= MIN_SECTION_DOCS);
  if (sections.length < 2) return null;
  const totalDocs = sections.reduce((n, s) => n + s.docs, 0);
  const totalTerms = sections.reduce((n, s) => n + s.terms, 0);
  // The archive's vocabulary, estimated by Heaps' law (40·√terms fits French news stems within a
  // few per cent from 100 to 26,000 articles), so it needs no count of distinct terms.
  const vocabulary = Math.max(
    MIN_VOCABULARY,
    Math.round(HEAPS_K * Math.sqrt(totalTerms)),
  );
  const countOf = new Map<string, Map<number, number>>();
  for (const c of model.counts) {
    let bySection = countOf.get(c.term);
    if (!bySection) countOf.set(c.term, (bySection = new Map()));
    bySection.set(c.sectionId, c.docs);
  }
  const known = [...new Set(terms)].filter((t) => countOf.has(t));
  if (known.length === 0) return null;
  const logP = (term: string, s: { sectionId: number; terms: number }) =>
    Math.log(
      ((countOf.get(term)?.get(s.sectionId) ?? 0) + ALPHA) /
        (s.terms + ALPHA * vocabulary),
    );
  const scores = sections.map((s) => ({
    sectionId: s.sectionId,
    score:
      Math.log(s.docs / totalDocs) +
      known.reduce((sum, t) => sum + logP(t, s), 0),
  }));
  // Tempered softmax: naive Bayes adds up correlated evidence, so its raw posteriors are near 0 or 1.
  const temperature = Math.max(1, known.length / 20);
  const best = Math.max(...scores.map((s) => s.score));
  const weights = scores.map((s) => ({
    sectionId: s.sectionId,
    w: Math.exp((s.score - best) / temperature),
  }));
  const total = weights.reduce((n, w) => n + w.w, 0);
  const ranking = weights
    .map((w) => ({ sectionId: w.sectionId, probability: w.w / total }))
    .sort((a, b) => b.probability - a.probability);
  const top = ranking[0]!;
  const winner = sections.find((s) => s.sectionId === top.sectionId)!;
  const others = sections.filter((s) => s !== winner);
  const lift = (t: string) =>
    logP(t, winner) -
    Math.log(
      others.reduce((n, s) => n + Math.exp(logP(t, s)), 0) / others.length,
    );
  const topWords = known
    .map((t) => [t, lift(t)] as const)
    .filter(([, l]) => l > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([t]) => display.get(t) ?? t);
  return {
    sectionId: top.sectionId,
    confidence: top.probability,
    topWords,
    ranking,
  };
}
