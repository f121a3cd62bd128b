/**
 * `node eval/trainGuard.ts`: fits the duplicate guard's logistic regression on all 480 pairs of
 * ../shared/data/dup-dev and writes its weights to src/editorial/duplicateWeights.ts. The figures
 * to trust are the cross-validated ones `npm run eval:editorial` prints, not the fit on its own data.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dupDevAvailable } from './dupDev.ts';
import { cachedDevRows } from './dupDevCache.ts';
import { trainModel } from './guardModel.ts';
import { sharedAvailable } from './lib.ts';
import { FEATURE_NAMES } from '../src/editorial/duplicateSignals.ts';

if (!sharedAvailable() || !dupDevAvailable()) {
  console.log('trainGuard skipped: ../shared (corpus, dup-dev) is absent.');
  process.exit(0);
}
// The corpus is signed once and cached (eval/dupDevCache.ts): the fit itself takes seconds.
const rows = cachedDevRows();
const model = trainModel(
  rows,
  FEATURE_NAMES.map((_, i) => i),
);
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const lines = FEATURE_NAMES.map(
  (n, i) => `    ${round(model.weights[i]!)}, // ${n}`,
).join('\n');
writeFileSync(
  fileURLToPath(
    new URL('../src/editorial/duplicateWeights.ts', import.meta.url),
  ),
  `// Written by \`node eval/trainGuard.ts\` (logistic regression on ../shared/data/dup-dev, ${rows.length} pairs): do not edit by hand.
export const DUPLICATE_MODEL = {
  weights: [
${lines}
  ],
  bias: ${round(model.bias)},
  /** Probability at or above which two articles are « Doublon probable » (best F1 on the set). */
  threshold: ${Math.round(model.threshold * 1e6) / 1e6},
};
`,
);
console.log('weights written', model);
