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

test('editorial terms with limits are the full list, filtered then cut: figures of the whole text first', () => {
  const text = `Le barrage de 45 mètres. ${'Les agriculteurs attendent la pluie depuis des mois. '.repeat(40)}Un bilan de 4.700 hectares et un identifiant ${'x'.repeat(90)} à la fin.`;
  const all = terms(text);
  const heard: string[] = [];
  const cut = terms(text, (t) => heard.push(t), { limit: 25, maxLength: 80 });
  assert.deepEqual(cut, all.filter((t) => t.length <= 80).slice(0, 25));
  assert.deepEqual(heard, cut);
  // The figure at the end is read (figures come first), the words past the limit are not.
  assert.deepEqual(cut.slice(0, 2), ['45', '4700']);
  assert.ok(!cut.includes('bilan'));
  assert.deepEqual(terms(text, undefined, { limit: 1 }), ['45']);
  assert.ok(
    !terms(text, undefined, { maxLength: 80 }).some((t) => t.length > 80),
  );
  assert.ok(all.some((t) => t.length > 80));
});
