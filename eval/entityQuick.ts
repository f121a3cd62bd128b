/**
 * `node eval/entityQuick.ts [--cost]`: the entity figures of `npm run eval:editorial` for the 40
 * *dev* articles only, with their errors, to work on the extractor without looking at the held-out
 * ten (the full run reports those). `--cost` also times the extractor as the indexer calls it
 * (title, chapô and whole body) on 2,000 corpus articles: CPU milliseconds per article, which
 * depends on the machine's load (indicative only).
 */
import { readFileSync } from 'node:fs';
import { CORPUS, sharedAvailable, type CorpusArticle } from './lib.ts';
import { entityFigures } from './entityEval.ts';
import { entitiesOf } from '../src/editorial/indexer.ts';

if (!sharedAvailable()) {
  console.log('entityQuick skipped: ../shared is absent.');
  process.exit(0);
}
const dev = entityFigures('dev');
const f = (x: number) => x.toFixed(3);
console.log(
  `dev: ${dev.articles} articles, ${dev.entities} entities, found ${dev.found}, right ${dev.right}: P ${f(dev.precision)} R ${f(dev.recall)} F1 ${f(dev.f1)}`,
);
for (const e of dev.errors) console.log(`  ${e}`);
if (process.argv.includes('--cost')) {
  const texts: CorpusArticle[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line) continue;
    texts.push(JSON.parse(line) as CorpusArticle);
    if (texts.length === 2000) break;
  }
  const read = (a: CorpusArticle) =>
    entitiesOf({ title: a.title, lead: a.heading, body: a.article });
  for (const a of texts.slice(0, 200)) read(a); // warm-up
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage();
    for (const a of texts) read(a);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000 / texts.length);
  }
  console.log(
    `cost: ${best.toFixed(3)} CPU ms per article (best of 3 rounds of ${texts.length}; loaded machine, indicative)`,
  );
}
