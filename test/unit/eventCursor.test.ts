import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advanceCursor,
  lateIds,
  newCursor,
  settleLate,
} from '../../src/events/cursor.ts';

test('contiguous ids are handed on at once', () => {
  const cursor = newCursor(10);
  assert.deepEqual(advanceCursor(cursor, [11, 12, 13], 0, 3000), {
    count: 3,
    retryAt: null,
  });
  assert.equal(cursor.position, 13);
});

test('an id after a gap waits for the gap to fill, then both go in order', () => {
  const cursor = newCursor(10);
  // 12 committed first; 11 is still committing.
  assert.deepEqual(advanceCursor(cursor, [12], 1000, 3000), {
    count: 0,
    retryAt: 4000,
  });
  assert.equal(cursor.position, 10);
  assert.deepEqual(advanceCursor(cursor, [11, 12], 1500, 3000), {
    count: 2,
    retryAt: null,
  });
  assert.equal(cursor.position, 12);
  assert.equal(cursor.firstSeen.size, 0, 'nothing left held');
});

test('a gap that outlives the grace (a rolled-back id) is skipped, counted from when the row was first seen', () => {
  const cursor = newCursor(10);
  advanceCursor(cursor, [12, 13], 1000, 3000);
  assert.deepEqual(advanceCursor(cursor, [12, 13], 3999, 3000), {
    count: 0,
    retryAt: 4000,
  });
  assert.deepEqual(advanceCursor(cursor, [12, 13], 4000, 3000), {
    count: 2,
    retryAt: null,
  });
  assert.equal(cursor.position, 13);
});

test('a later gap waits its own grace; rows before it go now', () => {
  const cursor = newCursor(10);
  assert.deepEqual(advanceCursor(cursor, [11, 13], 1000, 3000), {
    count: 1,
    retryAt: 4000,
  });
  assert.equal(cursor.position, 11);
  assert.deepEqual(advanceCursor(cursor, [13, 14], 2000, 3000), {
    count: 0,
    retryAt: 4000,
  });
  assert.deepEqual(
    advanceCursor(cursor, [13, 14], 4000, 3000),
    { count: 2, retryAt: null },
    '14 is next after 13: no wait of its own',
  );
});

test('with no grace (SQLite, one writer) gaps never hold anything', () => {
  const cursor = newCursor(0);
  assert.deepEqual(advanceCursor(cursor, [5, 9], 0, 0), {
    count: 2,
    retryAt: null,
  });
  assert.equal(cursor.position, 9);
});

test('ids passed over as burnt are remembered for the late window, then forgotten', () => {
  const cursor = newCursor(10);
  advanceCursor(cursor, [13], 1000, 0);
  assert.equal(cursor.position, 13);
  assert.deepEqual(lateIds(cursor, 2000, 60_000), [11, 12], 'looked for again');
  settleLate(cursor, [12]);
  assert.deepEqual(
    lateIds(cursor, 2000, 60_000),
    [11],
    '12 committed late and was handed on',
  );
  assert.deepEqual(
    lateIds(cursor, 61_001, 60_000),
    [],
    'past the window, 11 is taken for burnt',
  );
});

test('ids filled within the grace are never counted as skipped', () => {
  const cursor = newCursor(10);
  advanceCursor(cursor, [12], 1000, 3000);
  advanceCursor(cursor, [11, 12], 1500, 3000);
  assert.deepEqual(lateIds(cursor, 1500), []);
});
