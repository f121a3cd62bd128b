import { terms } from '../search/normalize.ts';
import { plainTextFromMarkdown } from './plainText.ts';
import type { ArticleText } from './signature.ts';

/*
 * Which passages of two articles tell the same thing, for the journalist to judge a « Doublon
 * probable » by reading rather than by a percentage: sentences of each text paired by the terms
 * they share (names, figures, rare words), best pairs first, with the shared words marked.
 */

/** A stretch of text, split into pieces that are either shared with the other passage or not. */
export interface MarkedPassage {
  pieces: { text: string; shared: boolean }[];
}
export interface PassagePair {
  mine: MarkedPassage;
  theirs: MarkedPassage;
  overlap: number;
}

/** Pairs sharing less than this share of their terms are not shown. */
const MIN_OVERLAP = 0.25;
/** Only the top of each text is read: news says what it is first, and it bounds the work. */
const MAX_SENTENCES = 40;

interface Sentence {
  text: string;
  terms: Set<string>;
}

function sentences(text: ArticleText): Sentence[] {
  const plain = [text.title, text.lead, plainTextFromMarkdown(text.body)].join(
    '\n',
  );
  // The corpus and pasted copy glue sentences together (« fin.Début »): a capital after a full stop starts one too.
  return plain
    .split(/(?<=[.!?…])\s+|\n+|(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, MAX_SENTENCES)
    .map((s) => ({ text: s, terms: new Set(terms(s)) }))
    .filter((s) => s.terms.size > 0);
}

function overlap(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / Math.min(a.size, b.size);
}

/** Marks the words of `sentence` whose term is in `shared`. */
function mark(sentence: string, shared: Set<string>): MarkedPassage {
  const pieces: MarkedPassage['pieces'] = [];
  let last = 0;
  for (const m of sentence.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    const t = terms(m[0]);
    if (!t.length || !t.some((x) => shared.has(x))) continue;
    if (m.index > last)
      pieces.push({ text: sentence.slice(last, m.index), shared: false });
    pieces.push({ text: m[0], shared: true });
    last = m.index + m[0].length;
  }
  if (last < sentence.length)
    pieces.push({ text: sentence.slice(last), shared: false });
  return { pieces };
}

/** At most `limit` pairs of sentences, one from each text, that share most; each sentence used once. */
export function matchingPassages(
  mine: ArticleText,
  theirs: ArticleText,
  limit = 3,
): PassagePair[] {
  const a = sentences(mine),
    b = sentences(theirs);
  const scored: { i: number; j: number; overlap: number }[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const o = overlap(x.terms, y.terms);
      if (o >= MIN_OVERLAP && Math.min(x.terms.size, y.terms.size) >= 2)
        scored.push({ i, j, overlap: o });
    }),
  );
  scored.sort((x, y) => y.overlap - x.overlap || x.i - y.i);
  const usedA = new Set<number>(),
    usedB = new Set<number>();
  const out: PassagePair[] = [];
  for (const s of scored) {
    if (usedA.has(s.i) || usedB.has(s.j)) continue;
    usedA.add(s.i);
    usedB.add(s.j);
    const shared = new Set(
      [...a[s.i]!.terms].filter((t) => b[s.j]!.terms.has(t)),
    );
    out.push({
      mine: mark(a[s.i]!.text, shared),
      theirs: mark(b[s.j]!.text, shared),
      overlap: s.overlap,
    });
    if (out.length >= limit) break;
  }
  return out;
}
