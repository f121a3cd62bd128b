/**
 * `node eval/entityQuick.ts [--held-out] [--held-out-2] [--held-out-3] [--cost]`: the entity
 * figures of `npm run eval:editorial` for the 40 *dev* and 30 *train-2* articles, with their
 * errors, to work on the extractor. `--held-out` adds the old held-out ten (with errors: they were
 * seen while tuning); `--held-out-2` and `--held-out-3` add those sets' figures only (their errors
 * are never printed, so no rule is tuned on them; held-out-3's is the clean one, printed once the
 * fixes are done). `--cost` times the extractor as the indexer calls it (see eval/entitySpeed.ts
 * for the figure to report).
 */
import { entityFigures, type EntityFigures } from './entityEval.ts';
import { sharedAvailable } from './lib.ts';
import { entityCost } from './entitySpeed.ts';

if (!sharedAvailable()) {
  console.log('entityQuick skipped: ../shared is absent.');
  process.exit(0);
}
const f = (x: number) => x.toFixed(3);
const line = (name: string, r: EntityFigures) =>
  `${name}: ${r.articles} articles, ${r.entities} entities, found ${r.found}, right ${r.right}: P ${f(r.precision)} R ${f(r.recall)} F1 ${f(r.f1)}`;
const dev = entityFigures('dev');
console.log(line('dev', dev));
for (const e of dev.errors) console.log(`  ${e}`);
const train2 = entityFigures('train-2');
console.log(line('train-2', train2));
for (const e of train2.errors) console.log(`  ${e}`);
if (process.argv.includes('--held-out')) {
  const old = entityFigures('held-out');
  console.log(line('held-out', old));
  for (const e of old.errors) console.log(`  ${e}`);
}
for (const set of ['held-out-2', 'held-out-3'] as const)
  if (process.argv.includes(`--${set}`))
    console.log(line(set, entityFigures(set)));
if (process.argv.includes('--cost')) {
  const c = entityCost(500);
  console.log(
    `cost: ${c.msPerArticle.toFixed(3)} CPU ms per article (best of ${c.rounds} rounds of ${c.articles}; loaded machine, indicative)`,
  );
}
