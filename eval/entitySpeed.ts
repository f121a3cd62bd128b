/**
 * `node eval/entitySpeed.ts [N]`: CPU milliseconds per article of entity extraction as the indexer
 * runs it (title, chapô and whole body: entitiesOf), over the first N (500) corpus articles. CPU
 * time (process.cpuUsage), not wall-clock, so a shared machine slows it less; best of 5 rounds
 * after a warm-up round. Also given per 10,000 characters, the size of a long article, and for
 * one pass over N further articles never read (their words not yet in the extractor's caches).
 */
import { readFileSync } from 'node:fs';
import { entitiesOf } from '../src/editorial/indexer.ts';
import { CORPUS, sharedAvailable, type CorpusArticle } from './lib.ts';

export function entityCost(n: number, rounds = 5) {
  const texts: CorpusArticle[] = [];
  const unseen: CorpusArticle[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line) continue;
    (texts.length < n ? texts : unseen).push(JSON.parse(line) as CorpusArticle);
    if (unseen.length === n) break;
  }
  const read = (a: CorpusArticle) =>
    entitiesOf({ title: a.title, lead: a.heading, body: a.article });
  for (const a of texts) read(a); // warm-up: compiled code, filled caches
  // Bulk writing meets new articles: one pass over n others, once, with their words not yet cached.
  const first = process.cpuUsage();
  for (const a of unseen) read(a);
  const firstUsed = process.cpuUsage(first);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = process.cpuUsage();
    for (const a of texts) read(a);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000 / texts.length);
  }
  const chars = texts.reduce(
    (s, a) => s + a.title.length + a.heading.length + a.article.length,
    0,
  );
  return {
    articles: texts.length,
    rounds,
    msPerArticle: best,
    msPerUnseenArticle:
      (firstUsed.user + firstUsed.system) / 1000 / unseen.length,
    charsPerArticle: chars / texts.length,
  };
}

if (import.meta.main) {
  if (!sharedAvailable()) {
    console.log('entitySpeed skipped: ../shared is absent.');
    process.exit(0);
  }
  const c = entityCost(Number(process.argv[2] ?? 500));
  console.log(
    `entity extraction: ${c.msPerArticle.toFixed(3)} CPU ms per article (best of ${c.rounds} rounds over ${c.articles} corpus articles, ${Math.round(c.charsPerArticle)} characters each on average; ${((c.msPerArticle * 10_000) / c.charsPerArticle).toFixed(3)} ms per 10,000 characters); ${c.msPerUnseenArticle.toFixed(3)} ms per article on one pass over ${c.articles} articles not read before`,
  );
}
