import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchLexemes, rings } from '../../src/db/repos/search/postgres.ts';

/** The time lexemes (month, year) PostgreSQL's match list holds for an article dated `date`. */
function timeLexemes(date: Date): string[] {
  return matchLexemes({ title: [], lead: [], body: [] }, date).split(' ');
}

// Readers' rings (db/repos/search/postgres.ts) must find every article from the oldest ring's
// start to now exactly once, newest ring first: an article in two rings would be counted twice,
// one in none would be missed unless it is older than the fence.
for (const now of [
  '2026-01-15T10:00:00Z',
  '2026-03-01T00:00:00Z',
  '2026-11-29T23:59:00Z',
  '2026-12-31T12:00:00Z',
]) {
  test(`rings at ${now}: each day from the fence to now falls in exactly one ring, newest first`, () => {
    const all = rings(new Date(now));
    const fence = all.at(-1)!.from;
    for (let i = 1; i < all.length; i++)
      assert.ok(
        all[i]!.from < all[i - 1]!.from,
        `ring ${i} starts before ring ${i - 1}`,
      );
    for (
      let day = new Date(fence);
      day <= new Date(now);
      day = new Date(day.getTime() + 86_400_000)
    ) {
      const lexemes = new Set(timeLexemes(day));
      const holding = all
        .map((ring, i) => (ring.lexemes.some((l) => lexemes.has(l)) ? i : -1))
        .filter((i) => i >= 0);
      assert.equal(
        holding.length,
        1,
        `${day.toISOString().slice(0, 10)} is in rings ${JSON.stringify(holding)}`,
      );
      const ring = all[holding[0]!]!;
      assert.ok(
        day >= ring.from,
        `${day.toISOString().slice(0, 10)} is before its ring's start`,
      );
    }
    // Nothing older than the fence is in a ring: the function reads those by date alone.
    const before = new Set(timeLexemes(new Date(fence.getTime() - 86_400_000)));
    assert.ok(all.every((ring) => ring.lexemes.every((l) => !before.has(l))));
  });
}

test('rings: the first is this month alone; past years are one lexeme each', () => {
  const all = rings(new Date('2026-11-29T12:00:00Z'));
  assert.deepEqual(all[0]!.lexemes, ['~202611']);
  assert.deepEqual(all[1]!.lexemes, ['~202609', '~202610']);
  assert.deepEqual(
    all.slice(-4).map((r) => r.lexemes),
    [['~2025'], ['~2024'], ['~2023'], ['~2022']],
  );
  assert.equal(all.at(-1)!.from.toISOString(), '2022-01-01T00:00:00.000Z');
});
