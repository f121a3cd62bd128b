/**
 * `node eval/entityPick.ts`: how the « held-out-2 » entity articles were chosen, and their
 * labelled spans to label by reading (eval/ENTITIES.md). 20 non-auto articles of the dev corpus,
 * not labelled before, drawn with a fixed seed (mulberry32, seed 20261203), so the draw can be
 * repeated. Run it before any extractor output on them is looked at; it prints only the texts.
 */
import { readFileSync } from 'node:fs';
import { CORPUS, sharedAvailable, type CorpusArticle } from './lib.ts';
import { entityLabels, labelledSpan } from './entityEval.ts';

export const HELD_OUT_2_SEED = 20261203;
export const HELD_OUT_2_SIZE = 20;

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

/** The drawn articles, in draw order. */
export function pickHeldOut2(corpus: CorpusArticle[]): CorpusArticle[] {
  // Only the sets labelled before this draw: the draw stays the same once its own labels are stored.
  const taken = new Set(
    entityLabels()
      .filter((l) => l.set !== 'held-out-2')
      .map((l) => l.id),
  );
  const pool = corpus.filter(
    (a) => !a.category.startsWith('auto') && !taken.has(a.id),
  );
  const random = mulberry32(HELD_OUT_2_SEED);
  const out: CorpusArticle[] = [];
  const used = new Set<number>();
  while (out.length < HELD_OUT_2_SIZE && used.size < pool.length) {
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
  for (const a of pickHeldOut2(corpus))
    console.log(`=== ${a.id} (${a.category})\n${labelledSpan(a)}\n`);
}
