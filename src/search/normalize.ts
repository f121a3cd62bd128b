import { stemmer } from '@orama/stemmers/french';
import { stopwords as snowballStopWords } from '@orama/stopwords/french';
import {
  arabicTerm,
  foldArabic,
  hasArabic,
  plainArabicText,
} from './arabic.ts';

/**
 * The one French text pipeline of newsdesk, for search and for the editorial tools (duplicate
 * guard, related articles, section model). One way to split words, fold them (case, accents,
 * ligatures), drop elisions (l', d', qu', jusqu'…) and stop words, and stem them with Snowball's
 * French stemmer, with one cache of each word's forms.
 *
 * The two uses differ on purpose, and only here:
 *
 * | | search (`indexTerms`, `tokens`) | editorial (`terms`) |
 * |---|---|---|
 * | accents | folded *before* stemming: a reader types « strategique » for « stratégique », and both storage engines index the same folded tokens | stemmed *with* accents (Snowball reads « -ée », « -ées »), then folded: better stems, nobody types these terms |
 * | numbers | split like words (« 4.700 » → `4`, `700`), so a reader's « 700 » matches | kept whole (« 4.700 », « 9 700 » → `4700`; « 55,8 » → `55.8`): figures tell two stories apart |
 * | stop words | Snowball's list (PostgreSQL's `french`), plus the elided forms | the same, plus the function words of news copy (`EDITORIAL_STOP_WORDS`) |
 * | short words | one-letter words kept unless stop words, tokens cut at 40 characters | words under two characters dropped |
 *
 * Changing anything on the search side changes what the index stores: it needs a reindex
 * (`newsdesk reindex`). Changing the editorial side needs `newsdesk editorial reindex`.
 */

/** Longer tokens are cut: nothing a reader types is longer, and it bounds index entries. */
export const MAX_TOKEN_LENGTH = 40;

/** A word as written: letters, digits and combining marks. Apostrophes split elisions off. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const LETTERS_ONLY = /^[a-z]+$/;

/** The elided forms that only ever appear before an apostrophe (jusqu', lorsqu'…), and « a ». */
const ELIDED_FORMS = [
  'a',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'quelqu',
];

/**
 * The search stop list: Snowball's French list (the one PostgreSQL's `french` configuration
 * uses) and the elided forms, folded.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...snowballStopWords, ...ELIDED_FORMS]
    .map((w) => foldWord(w))
    .filter((w) => w !== ''),
);

/** Words too common in news copy to say anything about a story: the editorial tools drop them too. */
const NEWS_FUNCTION_WORDS = [
  'a',
  'afin',
  'ainsi',
  'alors',
  'apres',
  'après',
  'au',
  'aucun',
  'aucune',
  'aupres',
  'auprès',
  'aussi',
  'autre',
  'autres',
  'avant',
  'avec',
  'beaucoup',
  'bien',
  'car',
  'ceci',
  'cela',
  'celle',
  'celles',
  'celui',
  'ceux',
  'chaque',
  'chez',
  'comme',
  'comment',
  'contre',
  'dont',
  'deja',
  'déjà',
  'depuis',
  'donc',
  'encore',
  'entre',
  'est',
  'etait',
  'était',
  'etre',
  'être',
  'faire',
  'fait',
  'faut',
  'font',
  'hors',
  'ici',
  'jusqu',
  'jusque',
  'la',
  'là',
  'le',
  'lequel',
  'laquelle',
  'lesquels',
  'lors',
  'lorsqu',
  'lorsque',
  'mais',
  'meme',
  'même',
  'mêmes',
  'moins',
  'ni',
  'notamment',
  'ont',
  'ou',
  'où',
  'outre',
  'par',
  'parce',
  'parmi',
  'peu',
  'peut',
  'peuvent',
  'plus',
  'plusieurs',
  'pourtant',
  'puis',
  'puisqu',
  'puisque',
  'quand',
  'quelque',
  'quelques',
  'quoi',
  'sans',
  'selon',
  'si',
  'sinon',
  'sont',
  'sous',
  'sur',
  'tandis',
  'tant',
  'tel',
  'telle',
  'tels',
  'telles',
  'tous',
  'tout',
  'toute',
  'toutes',
  'tres',
  'très',
  'trop',
  'va',
  'vers',
  'via',
  'voici',
  'voila',
  'voilà',
  'ete',
  'été',
  'y',
  'c',
  'd',
  'j',
  'l',
  'm',
  'n',
  's',
  't',
  'qu',
  'aux',
  'des',
  'les',
  'du',
  'de',
  'un',
  'une',
  'il',
  'elle',
  'ils',
  'elles',
  'se',
  'sa',
  'son',
  'ses',
  'leur',
  'leurs',
  'ce',
  'cet',
  'cette',
  'ces',
];

/**
 * The editorial stop list, matched on lower-case words before folding (the editorial side folds
 * after stemming): Snowball's list and the news-copy function words.
 */
const EDITORIAL_STOP_WORDS: ReadonlySet<string> = new Set(
  [...snowballStopWords, ...NEWS_FUNCTION_WORDS].map((w) => w.toLowerCase()),
);

/**
 * Lower case, no accents, œ → oe: « Économie » → `economie`. Returns letters and digits only
 * (marks, and anything compatibility decomposition turns into punctuation, are dropped).
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower;
  const folded = lower
    .normalize('NFKC')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '');
  // Arabic script has its own folding (search/arabic.ts).
  return hasArabic(folded) ? foldArabic(folded) : folded;
}

/** Anything but printable ASCII (which has no marks to remove). */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** Accents and other combining marks removed, case and punctuation kept. */
export function stripAccents(text: string): string {
  // Plain ASCII (the common case for stems) has no marks: skip the normalisation.
  if (!NOT_PRINTABLE_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** What the pipeline knows of one written word: each use's form is computed once, when first asked. */
interface WordForms {
  /** Folded, cut at MAX_TOKEN_LENGTH. */
  folded: string;
  /** Search's index term; null for a search stop word or an empty token. */
  term: string | null;
  /** The editorial stem (of a lower-case word); undefined until asked, null for an editorial stop word. */
  stem?: string | null;
}

// Stemming is the costly step and words repeat a lot: one bounded cache for both uses makes
// reindexing and signing fast.
const cache = new Map<string, WordForms>();
const CACHE_LIMIT = 200_000;

function forms(word: string): WordForms {
  let result = cache.get(word);
  if (result !== undefined) return result;
  const folded = foldWord(word).slice(0, MAX_TOKEN_LENGTH);
  // Latin words get the French stemmer, Arabic ones the Arabic pipeline (search/arabic.ts);
  // numbers, codes (« co2 ») and other scripts are kept whole.
  const term =
    folded === '' || STOP_WORDS.has(folded)
      ? null
      : LETTERS_ONLY.test(folded)
        ? stemmer(folded)
        : hasArabic(folded)
          ? arabicTerm(folded)
          : folded;
  result = { folded, term };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

/** The index form of one written word, or null for a stop word or an empty token. */
export function normalizeWord(word: string): string | null {
  return forms(word).term;
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

/**
 * The words of `text` one by one, with offsets and index terms: callers may stop early. With
 * `keys` (see `wordKey`), a word whose key is not among them is not normalised (its term is
 * null, as for a stop word): it cannot match, and stemming every word of 20 articles was most
 * of the cost of a result page's extracts.
 */
export function* tokens(
  text: string,
  keys?: ReadonlySet<string>,
): Generator<TextToken> {
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index,
      end = m.index + word.length;
    if (keys) {
      const key = wordKey(word);
      if (key !== null && !keys.has(key) && !keys.has(key.slice(0, 1))) {
        yield { start, end, folded: '', term: null };
        continue;
      }
    }
    const f = forms(word);
    yield { start, end, folded: f.term === null ? '' : f.folded, term: f.term };
  }
}

/** Every word of `text` with its offsets and its index term (see `tokens` for `keys`). */
export function tokenize(
  text: string,
  keys?: ReadonlySet<string>,
): TextToken[] {
  return [...tokens(text, keys)];
}

/**
 * The first two letters of `word` once folded, when its first two characters are ASCII letters
 * or digits (null otherwise: such a word is always normalised). Stemming never changes them
 * unless the stem is one letter long (« ps » → `p`), so a word whose key is neither a query
 * term's key nor begins with a one-letter one cannot match that term; the same holds for
 * prefixes. Checked on the 146,967 distinct words of the fr-news corpus.
 */
export function wordKey(word: string): string | null {
  if (
    word.length < 2 ||
    !isAsciiAlnum(word.charCodeAt(0)) ||
    !isAsciiAlnum(word.charCodeAt(1))
  )
    return null;
  return word.slice(0, 2).toLowerCase();
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** The key of an index term or a prefix, as `wordKey` gives it for the words it matches. */
export const termKey = (term: string) => term.slice(0, 2);

/** The index terms of `text`, in order, stop words left out: what the search index stores. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = normalizeWord(m[0]);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/* ---- The editorial side: whole figures, accents read by the stemmer, news function words. ---- */

/** Letters or digits, with inner apostrophes kept for elision handling. */
const EDITORIAL_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** « 4.700 », « 9 700 », « 28.819.490 », « 55,8 »: one number each. */
const NUMBER =
  /(?<![\p{L}\p{N}])\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?![\p{N}])|(?<![\p{L}\p{N}])\d+(?:,\d+)?/gu;
const ELIDED = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/u;

/** A lower-case word's editorial stem: Snowball on the accented word, then accents stripped; null for a stop word. */
function editorialStem(lowerWord: string): string | null {
  const f = forms(lowerWord);
  if (f.stem === undefined) {
    f.stem = EDITORIAL_STOP_WORDS.has(lowerWord)
      ? null
      : hasArabic(lowerWord)
        ? arabicTerm(f.folded)
        : stripAccents(lowerWord.length > 3 ? stemmer(lowerWord) : lowerWord);
  }
  return f.stem;
}

/** Bounds on what `terms` reads (see termBag: the top of a long story is all it keeps). */
export interface TermLimits {
  /** Stop after this many terms: the rest of the text is not read. */
  limit?: number;
  /** Terms longer than this are left out (and not counted). */
  maxLength?: number;
}

/**
 * The editorial terms of a text, in order: stems of the words that carry meaning, and whole
 * numbers of two digits or more. Single letters and function words are dropped. `onWord` hears
 * each term with the word it was read from (a readable form for explanations). The figures of
 * the whole text come first, then the words; with `limits.limit`, the words past the limit are
 * not stemmed at all (most of a long story's cost), and the result is the full result's prefix.
 */
export function terms(
  text: string,
  onWord?: (term: string, word: string) => void,
  limits: TermLimits = {},
): string[] {
  const limit = limits.limit ?? Number.POSITIVE_INFINITY;
  const maxLength = limits.maxLength ?? Number.POSITIVE_INFINITY;
  const out: string[] = [];
  // Harakat would split Arabic words, Arabic-Indic digits escape NUMBER.
  const numbersRemoved = plainArabicText(text).replace(NUMBER, (match) => {
    const digits = match.replace(/[.\u00a0\u202f ]/g, '').replace(',', '.');
    if (
      digits.replace('.', '').length >= 2 &&
      digits.length <= maxLength &&
      out.length < limit
    ) {
      out.push(digits);
      onWord?.(digits, match);
    }
    return ' ';
  });
  if (out.length >= limit) return out;
  for (const match of numbersRemoved.toLowerCase().matchAll(EDITORIAL_WORD)) {
    let word = match[0].replace(/’/g, "'");
    const elided = ELIDED.exec(word);
    if (elided) word = word.slice(elided[0].length);
    for (const part of word.split("'")) {
      if (part.length < 2 || /^\d+$/.test(part)) continue;
      const t = editorialStem(part);
      if (t === null || t.length > maxLength) continue;
      out.push(t);
      onWord?.(t, part);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
