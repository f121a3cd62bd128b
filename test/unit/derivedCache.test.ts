import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/domain/clock.ts';
import type { ChangeTracker } from '../../src/events/changeTracker.ts';
import { DerivedCache } from '../../src/http/site/derivedCache.ts';

/** A tracker with nothing pending and nothing changed: every entry stays fresh. */
const quiet = {
  settled: true,
  sync: async () => 0,
  isFresh: () => true,
} as unknown as ChangeTracker;

const built = (value: string) => async () => ({
  value,
  bytes: 100,
  validUntil: null,
});

test('the least recently used entry goes first past the budget, however often the last one is asked', async () => {
  const cache = new DerivedCache(
    quiet,
    fixedClock('2026-12-03T09:00:00Z'),
    300,
  );
  await cache.get('a', [], built('A'));
  await cache.get('b', [], built('B'));
  await cache.get('c', [], built('C'));
  // a, then b, are used after c: c is now the least recently used.
  assert.equal(cache.peek('a'), 'A');
  assert.equal(cache.peek('b'), 'B');
  assert.equal(cache.peek('b'), 'B'); // already last: stays last
  await cache.get('d', [], built('D'));
  assert.equal(cache.peek('c'), undefined);
  assert.deepEqual(
    ['a', 'b', 'd'].map((k) => cache.peek(k)),
    ['A', 'B', 'D'],
  );
  // d was stored last, then a, b, d asked in that order: a is the oldest now.
  await cache.get('e', [], built('E'));
  assert.equal(cache.peek('a'), undefined);
  assert.equal(cache.stats.entries, 3);
});
