/**
 * `node eval/guardQuick.ts [--ablations] [--pairs]`: the duplicate guard's part of
 * `npm run eval:editorial` alone (dev set, cross-validated, per source), in seconds instead of
 * minutes. Signing the whole corpus (for document frequencies and the retrieval gate) is most of the
 * full run's time and does not depend on the guard's model, so it is done once and cached in
 * eval/.cache/ (keyed on the signature code; delete the folder to redo it). `--pairs` prints each
 * error's signals, `--ablations` the drop-one table. Writes nothing in eval/.
 */
import { dupDevAvailable, type DevRow } from './dupDev.ts';
import { cachedDevRows } from './dupDevCache.ts';
import { crossValidated, scoresBySet } from './guardModel.ts';
import { sharedAvailable } from './lib.ts';
import { FEATURE_NAMES } from '../src/editorial/duplicateSignals.ts';

if (!sharedAvailable() || !dupDevAvailable()) {
  console.log('guardQuick skipped: ../shared (corpus, dup-dev) is absent.');
  process.exit(0);
}
const rows: DevRow[] = cachedDevRows();
const fmt = (x: number) => x.toFixed(3);
const all = FEATURE_NAMES.map((_, i) => i);
const cvContent = crossValidated(rows, all);
const cv = cvContent.map((f, i) => f && rows[i]!.retrieved);
console.log('cross-validated, as deployed:');
for (const [name, s] of scoresBySet(rows, cv))
  console.log(
    `  ${name.padEnd(22)} P ${fmt(s.precision)} R ${fmt(s.recall)} F1 ${fmt(s.f1)} (tp ${s.tp} fp ${s.fp} fn ${s.fn})`,
  );
const missed = rows.filter((r, i) => r.duplicate && !cv[i]);
const alarms = rows.filter((r, i) => !r.duplicate && cv[i]);
console.log(`missed: ${missed.map((r) => r.pair.pairId).join(' ')}`);
console.log(`false alarms: ${alarms.map((r) => r.pair.pairId).join(' ')}`);
if (process.argv.includes('--pairs'))
  for (const r of [...missed, ...alarms])
    console.log(
      r.pair.pairId,
      r.duplicate ? 'dup' : 'diff',
      r.features.map((v) => v.toFixed(2)).join(' '),
      `| ${r.pair.reason}`,
    );
if (process.argv.includes('--ablations')) {
  const line = (name: string, flags: boolean[]) => {
    const by = new Map(scoresBySet(rows, flags));
    const x = by.get('all but exact copies')!;
    console.log(
      `  ${name.padEnd(34)} mined ${fmt(by.get('mined')!.f1)} all-but-exact P ${fmt(x.precision)} R ${fmt(x.recall)} F1 ${fmt(x.f1)}`,
    );
  };
  line('all inputs', cvContent);
  FEATURE_NAMES.forEach((n, drop) =>
    line(
      `all but ${n}`,
      crossValidated(
        rows,
        all.filter((c) => c !== drop),
      ),
    ),
  );
}
