import { plainArabicText } from '../search/arabic.ts';
import { foldWord } from '../search/normalize.ts';

/*
 * Character shingles of the top of a text, kept as a bottom-k sketch: the K smallest hashes of its
 * 5-character pieces (words folded, single spaces). Two sketches estimate how much text two
 * articles share, even reworded slightly or cut differently into words, without keeping either
 * text (Broder's bottom-k estimator: the share of the union's K smallest hashes found in both is
 * the Jaccard index).
 */

/** Length of a shingle, in characters. */
const SHINGLE = 5;
/** Only the top of a story is read: where versions of a dispatch share their sentences. */
const MAX_CHARS = 1500;
/** Hashes kept per text: enough for an estimate within about ±0.06, small enough to store. */
export const SKETCH_SIZE = 64;

export interface ShingleSketch {
  /** How many distinct shingles the text has. */
  size: number;
  /** The SKETCH_SIZE smallest shingle hashes, ascending. */
  sketch: number[];
}

function hash(text: string, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + SHINGLE; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // A final mix, so that neighbouring shingles do not get neighbouring hashes.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export function shingleSketch(text: string): ShingleSketch {
  // Harakat would split Arabic words: they go first, as in the terms.
  // Words are folded only until MAX_CHARS are reached: the rest of a long story is not read.
  const words: string[] = [];
  let length = -1;
  for (const m of plainArabicText(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = foldWord(m[0]);
    words.push(word);
    length += word.length + 1;
    if (length >= MAX_CHARS) break;
  }
  const folded = words.join(' ').slice(0, MAX_CHARS);
  // Hashes are unsigned 32-bit: sorted in a typed array, then counted once each (a Set of
  // numbers past 2^30 boxes every one of them).
  const hashes = new Uint32Array(Math.max(0, folded.length - SHINGLE + 1));
  for (let i = 0; i < hashes.length; i++) hashes[i] = hash(folded, i);
  hashes.sort();
  const sketch: number[] = [];
  let size = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i > 0 && hashes[i] === hashes[i - 1]) continue;
    size++;
    if (sketch.length < SKETCH_SIZE) sketch.push(hashes[i]!);
  }
  return { size, sketch };
}

/** The share of the smaller text's shingles that the other has too (0 when either is empty). */
export function shingleContainment(a: ShingleSketch, b: ShingleSketch): number {
  if (!a.size || !b.size) return 0;
  const inA = new Set(a.sketch),
    inB = new Set(b.sketch);
  const union = [...new Set([...a.sketch, ...b.sketch])]
    .sort((x, y) => x - y)
    .slice(0, SKETCH_SIZE);
  const both = union.filter((h) => inA.has(h) && inB.has(h)).length;
  const jaccard = both / union.length;
  const intersection = (jaccard * (a.size + b.size)) / (1 + jaccard);
  return Math.min(1, intersection / Math.min(a.size, b.size));
}
