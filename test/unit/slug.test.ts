import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isValidSlug,
  slugFromTitle,
  uniqueSlug,
} from '../../src/domain/slug.ts';

test('slugs from French titles transliterate accents and ligatures', () => {
  assert.equal(
    slugFromTitle('Santé publique : les médecins résidents en grève'),
    'sante-publique-les-medecins-residents-en-greve',
  );
  assert.equal(slugFromTitle('Œuvres d’art à Fès'), 'oeuvres-d-art-a-fes');
  assert.equal(slugFromTitle('Ça bouge à Laâyoune'), 'ca-bouge-a-laayoune');
});

test('apostrophes, typographic or not, separate the elided article', () => {
  assert.equal(slugFromTitle('L’économie marocaine'), 'l-economie-marocaine');
  assert.equal(slugFromTitle("L'économie marocaine"), 'l-economie-marocaine');
  assert.equal(
    slugFromTitle('Coupe d’Afrique : le Maroc qualifié'),
    'coupe-d-afrique-le-maroc-qualifie',
  );
});

test('quotes, symbols and percentages are spelled or dropped', () => {
  assert.equal(
    slugFromTitle('« Nous irons plus loin » : 70% & plus'),
    'nous-irons-plus-loin-70-pour-cent-et-plus',
  );
  assert.equal(slugFromTitle('   '), 'article');
  assert.equal(slugFromTitle('🚀 !!!'), 'article');
});

test('long titles are cut at a word boundary', () => {
  const slug = slugFromTitle('Un titre très long '.repeat(20));
  assert.ok(slug.length <= 120, `length ${slug.length}`);
  assert.ok(!slug.endsWith('-'));
  assert.ok(isValidSlug(slug));
});

test('uniqueSlug appends -2, -3… until free', async () => {
  const taken = new Set(['budget', 'budget-2']);
  assert.equal(
    await uniqueSlug('budget', async (s) => taken.has(s)),
    'budget-3',
  );
  assert.equal(await uniqueSlug('neuf', async (s) => taken.has(s)), 'neuf');
});

test('isValidSlug accepts only canonical slugs', () => {
  assert.ok(isValidSlug('maroc-2030'));
  for (const bad of ['Maroc', 'a--b', '-a', 'a-', 'é', 'a b', '../etc', ''])
    assert.ok(!isValidSlug(bad), bad);
});
