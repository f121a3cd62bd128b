import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTerms, terms } from '../../src/search/normalize.ts';

// One pipeline, two uses: these are the differences the module names as deliberate.
test('search splits figures like words; the editorial side keeps them whole', () => {
  assert.deepEqual(indexTerms('4.700 cas'), ['4', '700', 'cas']);
  assert.deepEqual(terms('4.700 cas'), ['4700', 'cas']);
});

test('both drop elisions and Snowball stop words; only the editorial side drops news function words', () => {
  assert.deepEqual(indexTerms("l'armée et les élus"), ['arme', 'elus']);
  assert.ok(indexTerms('notamment').length === 1);
  assert.deepEqual(terms('notamment'), []);
  assert.deepEqual(terms("l'armée et les élus"), ['arme', 'elus']);
});

test('search folds accents before stemming, the editorial side after', () => {
  assert.deepEqual(indexTerms('Réinventée réinventee'), [
    indexTerms('reinventee')[0],
    indexTerms('reinventee')[0],
  ]);
  assert.deepEqual(terms('réinventée'), terms('réinventer'));
  assert.deepEqual(
    [indexTerms('réinventée')[0], terms('réinventée')[0]],
    ['reinvente', 'reinvent'],
  );
});
