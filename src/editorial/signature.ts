import { createHash } from 'node:crypto';
import { stripAccents, terms } from '../search/normalize.ts';
import { plainTextFromMarkdown } from './plainText.ts';
import { shingleSketch, type ShingleSketch } from './shingles.ts';

/*
 * An article's signature: what the duplicate guard, the related articles and the section model
 * keep of its text. It is small (its most distinctive terms, weighted) so that thousands can be
 * compared per check, and it explains itself (each term keeps a readable form for the editor).
 */

/** The parts of an article the editorial tools read. `body` is the Markdown source. */
export interface ArticleText {
  title: string;
  lead: string;
  body: string;
}

/** How many weighted terms a signature keeps, and how many of them go into the inverted index. */
export const SIGNATURE_TERMS = 64;
export const INDEX_TERMS = 20;
/** How many weighted terms of the headline and lead a signature keeps (a 2–3 sentence lead has about 30). */
export const HEAD_TERMS = 40;

/** A lead word counts twice: that is where a story says what it is. (The title has its own vector.) */
const FIELD_WEIGHTS = { title: 0, lead: 2, body: 1 } as const;

/** How many figures a signature keeps. */
const MAX_NUMBERS = 24;

/** Only the top of a long story is read: news puts the facts first, and it bounds the work. */
const MAX_BODY_TERMS = 600;

export interface Signature {
  /** Hash of the whole text's terms: equal hashes are the same text, whatever the markup. */
  hash: string;
  /** Lead and body terms by weight, highest first, unit length: [stem, weight, a readable word]. */
  terms: [string, number, string][];
  /** The title's terms, weighted by rarity, unit length. Kept apart: a recurring headline must not decide alone. */
  title: [string, number, string][];
  /** How many terms the lead and body have (short texts say less, and are judged on their titles). */
  length: number;
  /** The figures the text gives, in order of appearance: a rewrite keeps them, the next day's update changes them. */
  numbers: string[];
  /**
   * The headline and lead's terms, weighted by rarity, unit length: what a short draft says, to
   * compare with the other's headline and lead. Absent from signatures stored before it existed
   * (`newsdesk editorial reindex` adds it).
   */
  head?: [string, number, string][];
  /** A bottom-k sketch of the text's character shingles, for reworded and partly copied text (see shingles.ts). Absent before it existed. */
  shingles?: ShingleSketch;
}

/** Term frequencies of an article, by field weight, with a readable form for each stem. */
export interface TermBag {
  /** Lead and body term frequencies, the lead counting double. */
  tf: Map<string, number>;
  display: Map<string, string>;
  title: string[];
  /** Every distinct term, title included, for the section model and document frequencies. */
  distinct: string[];
  hash: string;
  /** Number of lead and body terms. */
  length: number;
  numbers: string[];
  /** Headline and lead term frequencies. */
  head: Map<string, number>;
  shingles: ShingleSketch;
}

/** Document frequency lookup: the share of the archive that uses a term, as an IDF weight. */
export type Idf = (term: string) => number;

/** The IDF weight of a term used by `df` of `docs` documents, smoothed for small archives. */
export function idfWeight(df: number, docs: number): number {
  return Math.log(1 + (docs + 1) / (df + 1));
}

/** Reads an article's text into weighted term frequencies. */
export function termBag(text: ArticleText): TermBag {
  const tf = new Map<string, number>();
  const head = new Map<string, number>();
  const display = new Map<string, string>();
  const fields: [keyof typeof FIELD_WEIGHTS, string][] = [
    ['title', text.title],
    ['lead', text.lead],
    ['body', plainTextFromMarkdown(text.body)],
  ];
  const shingles = shingleSketch(fields.map(([, raw]) => raw).join(' '));
  const sequence: string[] = [];
  let titleTerms: string[] = [];
  let titleCount = 0;
  for (const [field, raw] of fields) {
    // The term tables hold 80 characters: a longer "word" (a pasted URL, a hash) is no topic.
    // Past MAX_BODY_TERMS the body is not read at all.
    const list = terms(
      raw,
      (t, word) => {
        if (!display.has(t)) display.set(t, word);
      },
      {
        maxLength: 80,
        limit: field === 'body' ? MAX_BODY_TERMS : Number.POSITIVE_INFINITY,
      },
    );
    if (field === 'title') {
      titleTerms = [...new Set(list)];
      titleCount = list.length;
    }
    for (const t of list) {
      if (field !== 'title') tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[field]);
      if (field !== 'body') head.set(t, (head.get(t) ?? 0) + 1);
      sequence.push(t);
    }
  }
  const hash = createHash('sha1')
    .update(sequence.join(' '))
    .digest('base64url')
    .slice(0, 22);
  const distinct = [...new Set([...titleTerms, ...tf.keys()])];
  const numbers = [...new Set(sequence.filter((t) => /^\d/.test(t)))].slice(
    0,
    MAX_NUMBERS,
  );
  return {
    tf,
    display,
    title: titleTerms,
    distinct,
    hash,
    length: sequence.length - titleCount,
    numbers,
    head,
    shingles,
  };
}

/** Unit-length vector of weighted terms, strongest first, at most `limit` of them. */
function unitVector(
  weighted: [string, number, string][],
  limit: number,
): [string, number, string][] {
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = weighted.slice(0, limit);
  const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return kept.map(([t, w, d]) => [t, Math.round((w / norm) * 1e4) / 1e4, d]);
}

/** The signature of an article: sublinear TF × IDF, the strongest terms kept, unit length. */
export function signatureOf(bag: TermBag, idf: Idf): Signature {
  const body: [string, number, string][] = [];
  for (const [t, f] of bag.tf)
    body.push([t, (1 + Math.log(f)) * idf(t), bag.display.get(t) ?? t]);
  const title = bag.title.map((t): [string, number, string] => [
    t,
    idf(t),
    bag.display.get(t) ?? t,
  ]);
  const head: [string, number, string][] = [];
  for (const [t, f] of bag.head)
    head.push([t, (1 + Math.log(f)) * idf(t), bag.display.get(t) ?? t]);
  return {
    hash: bag.hash,
    terms: unitVector(body, SIGNATURE_TERMS),
    title: unitVector(title, 24),
    length: bag.length,
    numbers: bag.numbers,
    head: unitVector(head, HEAD_TERMS),
    shingles: bag.shingles,
  };
}

/** The terms an article is filed under in the inverted index: its title and its most distinctive terms. */
export function indexTerms(signature: Signature): string[] {
  return [
    ...new Set([
      ...signature.title.map(([t]) => t),
      ...signature.terms.slice(0, INDEX_TERMS).map(([t]) => t),
    ]),
  ];
}

/** A stable 32-bit key for a term, so the inverted index holds integers rather than strings. */
export function termKey(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const PLAIN_WORD = /^[A-Za-z0-9]+$/;

/** Folds a name the way aliases are compared: no accents, no case, single spaces. */
export function nameKey(name: string): string {
  // Entity extraction keys every word it reads: a plain ASCII word is only lower-cased.
  if (PLAIN_WORD.test(name)) return name.toLowerCase();
  return stripAccents(name)
    .toLowerCase()
    .replace(/['’]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
