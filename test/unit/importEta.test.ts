import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowedEta } from '../../src/cli/importCommand.ts';

test('import ETA: from the last half minute, steady through bursts', () => {
  const eta = new WindowedEta();
  assert.equal(eta.text(0, 1000, 0), '…', 'no progress yet: no estimate');
  // A fast first pass (half the work in 10 s), then bursts of 10 units every 2 s, idle between.
  eta.text(500, 1000, 10_000);
  let t = 10_000;
  let done = 500;
  let last = '';
  for (let i = 0; i < 40; i++) {
    t += 1_000;
    last = eta.text(done, 1000, t); // the idle half of the burst
    t += 1_000;
    done += 10;
    last = eta.text(done, 1000, t);
  }
  // About 5 units/s over the window (160 in the last 31 s), 100 left: 19 s, whatever the bursts.
  assert.equal(done, 900);
  assert.equal(last, '19s');
  assert.equal(eta.text(900, 1000, t + 1_000), '21s');
  const long = new WindowedEta();
  long.text(0, 100_000, 0);
  // 10 units/s, 99,900 left.
  assert.equal(long.text(100, 100_000, 10_000), '166m30s');
});
