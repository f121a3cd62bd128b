import { foldWord, MAX_TOKEN_LENGTH, normalizeWord } from './normalize.ts';

/**
 * What a reader typed, understood: words that must all appear (in any form: plurals and
 * inflections share a stem), exact phrases in quotes, and the last word matched as a prefix
 * while it is being typed. Any string parses: operators, brackets and stray quotes are just
 * punctuation here, so nothing a reader types reaches the database as syntax.
 */
export type Clause =
  | { kind: 'term'; term: string }
  /** The last word, still being typed: its stem or its folded form, as a prefix. */
  | { kind: 'prefix'; term: string; folded: string }
  /** Words that must follow each other; the last may be a prefix. */
  | {
      kind: 'phrase';
      terms: string[];
      prefixLast: { term: string; folded: string } | null;
    };

export interface ParsedQuery {
  /** The query as typed, trimmed (for the form and the page title). */
  text: string;
  clauses: Clause[];
}

/** Beyond this, words add cost and no precision. */
export const MAX_CLAUSES = 12;
const MAX_PHRASE_TERMS = 12;
/** A prefix shorter than this matches half the dictionary: it is matched as a whole word. */
export const MIN_PREFIX = 3;
/** Only the beginning of a very long query is read. */
const MAX_QUERY_CHARS = 500;

const QUOTES = /["«»“”„]/;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

interface Word {
  term: string;
  folded: string;
}

function wordsOf(segment: string): Word[] {
  const out: Word[] = [];
  for (const m of segment.matchAll(WORD)) {
    const term = normalizeWord(m[0]);
    if (term !== null)
      out.push({ term, folded: foldWord(m[0]).slice(0, MAX_TOKEN_LENGTH) });
  }
  return out;
}

/** Parses any string into clauses; a query of stop words only gives no clause at all. */
export function parseQuery(raw: string): ParsedQuery {
  const head = raw.slice(0, MAX_QUERY_CHARS);
  const text = head.trim();
  // The last word is a prefix when the query ends on it (no space or closing quote after it).
  const endsInWord = /[\p{L}\p{N}\p{M}]$/u.test(head);
  const segments: { phrase: boolean; words: Word[] }[] = [];
  let inPhrase = false;
  for (const part of text.split(QUOTES)) {
    const words = wordsOf(part);
    if (words.length) segments.push({ phrase: inPhrase, words });
    inPhrase = !inPhrase;
  }
  const lastSegment = segments.at(-1);
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const add = (clause: Clause) => {
    const key = JSON.stringify(clause);
    if (!seen.has(key) && clauses.length < MAX_CLAUSES) {
      seen.add(key);
      clauses.push(clause);
    }
  };
  for (const segment of segments) {
    const isLast = segment === lastSegment && endsInWord;
    const words = segment.words;
    if (segment.phrase && words.length > 1) {
      const phraseWords = words.slice(0, MAX_PHRASE_TERMS);
      const last = phraseWords.at(-1)!;
      const prefix =
        isLast &&
        words.length <= MAX_PHRASE_TERMS &&
        last.folded.length >= MIN_PREFIX;
      add({
        kind: 'phrase',
        terms: (prefix ? phraseWords.slice(0, -1) : phraseWords).map(
          (w) => w.term,
        ),
        prefixLast: prefix ? { term: last.term, folded: last.folded } : null,
      });
      continue;
    }
    words.forEach((w, i) => {
      const prefix =
        isLast && i === words.length - 1 && w.folded.length >= MIN_PREFIX;
      add(
        prefix
          ? { kind: 'prefix', term: w.term, folded: w.folded }
          : { kind: 'term', term: w.term },
      );
    });
  }
  return { text, clauses };
}

/** Whether the query can match anything (it has at least one meaningful word). */
export function isSearchable(query: ParsedQuery): boolean {
  return query.clauses.length > 0;
}

/** What highlighting looks for: whole terms, and prefixes of terms or of folded words. */
export interface HighlightSet {
  terms: Set<string>;
  prefixes: string[];
}

export function highlightSet(query: ParsedQuery): HighlightSet {
  const terms = new Set<string>();
  const prefixes: string[] = [];
  for (const c of query.clauses) {
    if (c.kind === 'term') terms.add(c.term);
    else if (c.kind === 'prefix') prefixes.push(c.term, c.folded);
    else {
      for (const t of c.terms) terms.add(t);
      if (c.prefixLast) prefixes.push(c.prefixLast.term, c.prefixLast.folded);
    }
  }
  return { terms, prefixes };
}
