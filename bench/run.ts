/**
 * `npm run bench [name…]`: runs every bench/<name>.bench.ts (or the ones named) one after the
 * other, each in its own process so one's heap does not weigh on the next. Each benchmark prints
 * its figures and writes bench/results/<name>.md. Run it on an otherwise idle machine: figures
 * are ratios measured within one run, but a busy neighbour still skews them.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace('.bench.ts', ''));
  console.log(
    `usage: npm run bench [-- name…] [-- --quick]\n\nbenchmarks: ${names.join(', ')}\n--quick  a small data set, to check a benchmark works (figures not meaningful)`,
  );
  process.exit(0);
}
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const names = new Set(all.map((f) => f.replace('.bench.ts', '')));
// Benchmark names select; everything else goes to each benchmark as written, option values
// included (« --keep-db NAME », « --articles 5000 »).
const wanted = args.filter((a) => names.has(a));
const flags = args.filter((a) => !names.has(a));
const files = all.filter(
  (f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')),
);
const unknown = flags.filter(
  (a, i) => !a.startsWith('-') && !flags[i - 1]?.startsWith('--'),
);
if (unknown.length) {
  console.error(
    `no benchmark is called ${unknown.join(', ')} (benchmarks: ${[...names].join(', ')})`,
  );
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', dir + file, ...flags],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
