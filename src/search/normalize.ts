import { stemmer } from '@orama/stemmers/french';
import { stopwords as snowballStopWords } from '@orama/stopwords/french';

/**
 * French text normalising for search, done in TypeScript so that SQLite and PostgreSQL index and
 * query exactly the same tokens: one normaliser, two storage engines. Each word is folded (case,
 * accents, ligatures), dropped if it is a stop word or an elided article (l', d', qu', jusqu'…),
 * then stemmed with the Snowball French stemmer, so « partenariats stratégiques » and
 * « partenariat strategique » both become `partenariat strateg`.
 */

/** Longer tokens are cut: nothing a reader types is longer, and it bounds index entries. */
export const MAX_TOKEN_LENGTH = 40;

/** A word as written: letters, digits and combining marks. Apostrophes split elisions off. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const LETTERS_ONLY = /^[a-z]+$/;

/**
 * The Snowball French stop list (the one PostgreSQL's `french` configuration uses), folded, plus
 * the elided forms that only ever appear before an apostrophe (jusqu', lorsqu'…) and « a ».
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...snowballStopWords, 'a', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'quelqu']
    .map((w) => foldWord(w)).filter((w) => w !== ''),
);

/**
 * Lower case, no accents, œ → oe: « Économie » → `economie`. Returns letters and digits only
 * (marks, and anything compatibility decomposition turns into punctuation, are dropped).
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower;
  return lower.normalize('NFKC').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '');
}

interface WordForms { term: string; folded: string }

// Stemming is the costly step and words repeat a lot: a bounded cache makes reindexing fast.
const cache = new Map<string, WordForms | null>();
const CACHE_LIMIT = 100_000;

function forms(word: string): WordForms | null {
  let result = cache.get(word);
  if (result !== undefined) return result;
  const folded = foldWord(word).slice(0, MAX_TOKEN_LENGTH);
  // Only Latin words are stemmed: numbers, codes (« co2 ») and other scripts are kept whole.
  result = folded === '' || STOP_WORDS.has(folded) ? null : { term: LETTERS_ONLY.test(folded) ? stemmer(folded) : folded, folded };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

/** The index form of one written word, or null for a stop word or an empty token. */
export function normalizeWord(word: string): string | null {
  return forms(word)?.term ?? null;
}

/** A word of a text with where it stands, for highlighting. */
export interface TextToken {
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** The folded word before stemming (for prefix matching), '' for a stop word. */
  folded: string;
  /** The index term, or null for a stop word. */
  term: string | null;
}

/** The words of `text` one by one, with offsets and index terms: callers may stop early. */
export function* tokens(text: string): Generator<TextToken> {
  for (const m of text.matchAll(WORD)) {
    const f = forms(m[0]);
    yield { start: m.index, end: m.index + m[0].length, folded: f?.folded ?? '', term: f?.term ?? null };
  }
}

/** Every word of `text` with its offsets and its index term. */
export function tokenize(text: string): TextToken[] {
  return [...tokens(text)];
}

/** The index terms of `text`, in order, stop words left out: what the index stores. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = normalizeWord(m[0]);
    if (term !== null) terms.push(term);
  }
  return terms;
}
