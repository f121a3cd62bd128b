/**
 * `node eval/entityPick.ts [--held-out-3 | --train-2]`: how the drawn entity sets were chosen,
 * and their labelled spans to label by reading (eval/ENTITIES.md). Run it before any extractor
 * output on them is looked at; it prints only the texts.
 * - « held-out-2 » (no flag): 20 non-auto articles of the dev corpus not labelled before, drawn
 *   with a fixed seed (mulberry32, seed 20261203).
 * - « held-out-3 » and « train-2 »: one later draw of 50 (seed 20261204) from the non-auto articles
 *   in none of dev, held-out and held-out-2; its first 20 are held-out-3 (never tuned on), the
 *   other 30 train-2 (labelled to tune on, as dev is).
 */
import { readFileSync } from 'node:fs';
import { CORPUS, sharedAvailable, type CorpusArticle } from './lib.ts';
import { type EntitySet, entityLabels, labelledSpan } from './entityEval.ts';

export const HELD_OUT_2_SEED = 20261203;
export const HELD_OUT_2_SIZE = 20;
const SECOND_DRAW_SEED = 20261204;
const HELD_OUT_3_SIZE = 20;
const TRAIN_2_SIZE = 30;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The held-out-2 articles, in draw order. */
export function pickHeldOut2(corpus: CorpusArticle[]): CorpusArticle[] {
  return draw(corpus, ['dev', 'held-out'], HELD_OUT_2_SEED, HELD_OUT_2_SIZE);
}

/** The second draw: held-out-3 first, then train-2. */
export function pickSecondDraw(corpus: CorpusArticle[]): {
  heldOut3: CorpusArticle[];
  train2: CorpusArticle[];
} {
  const all = draw(
    corpus,
    ['dev', 'held-out', 'held-out-2'],
    SECOND_DRAW_SEED,
    HELD_OUT_3_SIZE + TRAIN_2_SIZE,
  );
  return {
    heldOut3: all.slice(0, HELD_OUT_3_SIZE),
    train2: all.slice(HELD_OUT_3_SIZE),
  };
}

/**
 * `size` non-auto articles not in the sets labelled before the draw (named, so that the draw
 * stays the same once its own labels are stored), in draw order.
 */
function draw(
  corpus: CorpusArticle[],
  before: EntitySet[],
  seed: number,
  size: number,
): CorpusArticle[] {
  const taken = new Set(
    entityLabels()
      .filter((l) => before.includes(l.set))
      .map((l) => l.id),
  );
  const pool = corpus.filter(
    (a) => !a.category.startsWith('auto') && !taken.has(a.id),
  );
  const random = mulberry32(seed);
  const out: CorpusArticle[] = [];
  const used = new Set<number>();
  while (out.length < size && used.size < pool.length) {
    const i = Math.floor(random() * pool.length);
    if (used.has(i)) continue;
    used.add(i);
    out.push(pool[i]!);
  }
  return out;
}

if (import.meta.main) {
  if (!sharedAvailable()) {
    console.log('entityPick skipped: ../shared is absent.');
    process.exit(0);
  }
  const corpus = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CorpusArticle);
  const second = pickSecondDraw(corpus);
  const picked = process.argv.includes('--held-out-3')
    ? second.heldOut3
    : process.argv.includes('--train-2')
      ? second.train2
      : pickHeldOut2(corpus);
  for (const a of picked)
    console.log(`=== ${a.id} (${a.category})\n${labelledSpan(a)}\n`);
}
