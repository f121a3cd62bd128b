import { stemmer } from '@orama/stemmers/french';
import { stopwords } from '@orama/stopwords/french';

/*
 * French text as the editorial tools see it: words folded to lower case, elisions (« l’ », « qu’ »)
 * dropped, function words removed, each word reduced to its Snowball stem and then stripped of
 * accents, so « réinvente », « réinventer » and « Réinventé » are one term. Numbers keep their
 * digits whole (« 4.700 », « 9 700 » → 4700), because figures tell two stories apart better than
 * words do.
 */

/** Words too common in news copy to say anything about a story, on top of Snowball's list. */
const EXTRA_STOP_WORDS = [
  'a', 'afin', 'ainsi', 'alors', 'apres', 'après', 'au', 'aucun', 'aucune', 'aupres', 'auprès', 'aussi', 'autre', 'autres',
  'avant', 'avec', 'beaucoup', 'bien', 'car', 'ceci', 'cela', 'celle', 'celles', 'celui', 'ceux', 'chaque', 'chez',
  'comme', 'comment', 'contre', 'dont', 'deja', 'déjà', 'depuis', 'donc', 'encore', 'entre', 'est', 'etait', 'était',
  'etre', 'être', 'faire', 'fait', 'faut', 'font', 'hors', 'ici', 'jusqu', 'jusque', 'la', 'là', 'le', 'lequel', 'laquelle',
  'lesquels', 'lors', 'lorsqu', 'lorsque', 'mais', 'meme', 'même', 'mêmes', 'moins', 'ni', 'notamment', 'ont', 'ou', 'où',
  'outre', 'par', 'parce', 'parmi', 'peu', 'peut', 'peuvent', 'plus', 'plusieurs', 'pourtant', 'puis', 'puisqu', 'puisque',
  'quand', 'quelque', 'quelques', 'quoi', 'sans', 'selon', 'si', 'sinon', 'sont', 'sous', 'sur', 'tandis', 'tant', 'tel',
  'telle', 'tels', 'telles', 'tous', 'tout', 'toute', 'toutes', 'tres', 'très', 'trop', 'va', 'vers', 'via', 'voici',
  'voila', 'voilà', 'ete', 'été', 'y', 'c', 'd', 'j', 'l', 'm', 'n', 's', 't', 'qu', 'aux', 'des', 'les', 'du', 'de',
  'un', 'une', 'il', 'elle', 'ils', 'elles', 'se', 'sa', 'son', 'ses', 'leur', 'leurs', 'ce', 'cet', 'cette', 'ces',
];

const STOP_WORDS = new Set([...stopwords, ...EXTRA_STOP_WORDS].map((w) => w.toLowerCase()));

/** Letters or digits, with inner apostrophes kept for elision handling. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** « 4.700 », « 9 700 », « 28.819.490 », « 55,8 »: one number each. */
const NUMBER = /(?<![\p{L}\p{N}])\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?![\p{N}])|(?<![\p{L}\p{N}])\d+(?:,\d+)?/gu;
const ELIDED = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/u;

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Plain text from an article's Markdown source: link and image texts kept, URLs and markup dropped. */
export function plainTextFromMarkdown(source: string): string {
  return source
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' $1 ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, ' $1 ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, '')
    .replace(/[*_`~|]+/g, ' ');
}

const stemCache = new Map<string, string>();

/** A word's stem without accents; cached, since news copy repeats its words. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stripAccents(word.length > 3 ? stemmer(word) : word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export function isStopWord(lowerWord: string): boolean {
  return STOP_WORDS.has(lowerWord);
}

/**
 * The terms of a text, in order: stems of the words that carry meaning, and whole numbers of two
 * digits or more. Single letters and function words are dropped.
 */
export function terms(text: string, onWord?: (term: string, word: string) => void): string[] {
  const out: string[] = [];
  const numbersRemoved = text.replace(NUMBER, (match) => {
    const digits = match.replace(/[.\u00a0\u202f ]/g, '').replace(',', '.');
    if (digits.replace('.', '').length >= 2) {
      out.push(digits);
      onWord?.(digits, match);
    }
    return ' ';
  });
  for (const match of numbersRemoved.toLowerCase().matchAll(WORD)) {
    let word = match[0].replace(/’/g, "'");
    const elided = ELIDED.exec(word);
    if (elided) word = word.slice(elided[0].length);
    for (const part of word.split("'")) {
      if (part.length < 2 || STOP_WORDS.has(part) || /^\d+$/.test(part)) continue;
      const t = stem(part);
      out.push(t);
      onWord?.(t, part);
    }
  }
  return out;
}
