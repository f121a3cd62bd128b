import { stemmer } from '@orama/stemmers/arabic';
import { stopwords as snowballArabicStopWords } from '@orama/stopwords/arabic';

/**
 * The Arabic side of the one text pipeline (search/normalize.ts routes every word written in
 * Arabic script here, word by word, so a mixed query such as « OCP الفوسفاط » gets French
 * treatment for one word and Arabic for the other, and the French pipeline is untouched).
 *
 * Folding, after the generic one (lower case, NFKC, NFD, marks dropped — which already turns
 * أ إ آ into ا, ؤ into و and ئ into ي, and removes the harakat and shadda):
 * - tatweel (ـ, a letter for Unicode) removed: « المغـــرب » is « المغرب »;
 * - alef wasla ٱ → ا, alef maqsura ى → ي, taa marbuta ة → ه: the spellings Moroccan copy and
 *   readers' keyboards mix (« مستشفى »/« مستشفي », « مدرسة »/« مدرسه »);
 * - Arabic-Indic digits (٠-٩, and the Persian ۰-۹) → 0-9: « ٢٠٢٦ » finds « 2026 ».
 *
 * Stemming: Snowball's Arabic stemmer, run to a fixed point. Run once, it strips one layer
 * (« الوزير » → « وزير ») while the bare word loses its first letter as if it were the
 * conjunction (« وزير » → « زير »): a reader typing « وزير » would miss « الوزير ». Run again
 * until nothing changes, both end on the same stem. The conjunction before the article
 * (« والرباط », « فالمغرب »), which Snowball leaves, is removed first.
 *
 * Like the French side, any change here changes what the index stores: `newsdesk reindex`.
 */

/** Any letter or digit of the Arabic blocks (with presentation forms). */
const ARABIC =
  /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
/** Harakat, superscript alef, Quranic marks, tatweel: never part of how a word is spelled. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

export function hasArabic(text: string): boolean {
  return ARABIC.test(text);
}

function westernDigit(d: string): string {
  const c = d.charCodeAt(0);
  return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
}

/** The Arabic folding of an already generically folded word (see the module comment). */
export function foldArabic(folded: string): string {
  return folded
    .replace(ARABIC_MARKS, '')
    .replace(/ٱ/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(ARABIC_DIGITS, westernDigit);
}

/**
 * Marks and tatweel removed and digits made Western in running text, so the editorial tools'
 * word and number patterns (which split on marks) read Arabic words whole.
 */
export function plainArabicText(text: string): string {
  if (!hasArabic(text)) return text;
  return text.replace(ARABIC_MARKS, '').replace(ARABIC_DIGITS, westernDigit);
}

function fold(word: string): string {
  return foldArabic(
    word
      .toLowerCase()
      .normalize('NFKC')
      .normalize('NFD')
      .replace(/[^\p{L}\p{N}]/gu, ''),
  );
}

/** Snowball's Arabic list, folded as the words it is matched against. */
const ARABIC_STOP_WORDS: ReadonlySet<string> = new Set(
  snowballArabicStopWords.map(fold).filter((w) => w !== ''),
);

/** « و » or « ف » before the article: Snowball removes the article's other prefixes, not these. */
const CONJUNCTION_ARTICLE = /^[وف](?=ال..)/u;

/**
 * The index term of a folded Arabic word, or null for a stop word. Words of three letters or
 * fewer are kept whole: the stemmer would take a root letter for an affix.
 */
export function arabicTerm(folded: string): string | null {
  if (ARABIC_STOP_WORDS.has(folded)) return null;
  let stem = folded.replace(CONJUNCTION_ARTICLE, '');
  if (ARABIC_STOP_WORDS.has(stem)) return null;
  for (let i = 0; i < 4 && stem.length > 3; i++) {
    const next = stemmer(stem);
    if (next === stem || next === '') break;
    stem = next;
  }
  return stem;
}
