import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureOf, termBag } from '../../src/editorial/signature.ts';
import { duplicateSignals } from '../../src/editorial/duplicateSignals.ts';
import { decideDuplicate } from '../../src/editorial/duplicateModel.ts';
import {
  shingleContainment,
  shingleSketch,
} from '../../src/editorial/shingles.ts';
import { matchingPassages } from '../../src/editorial/matchingPassages.ts';
import { REWRITE_A, REWRITE_B } from '../fixtures/editorialTexts.ts';
import { entitiesOf } from '../../src/editorial/indexer.ts';

const uniform = () => 1;
const sig = (t: { title: string; lead?: string; body?: string }) =>
  signatureOf(termBag({ lead: '', body: '', ...t }), uniform);

const FULL = {
  title: 'Agadir : le port de pêche agrandi pour 800 millions de dirhams',
  lead: 'Le ministère de l’Équipement a signé lundi la convention des travaux, qui doubleront les quais du port de pêche d’Agadir d’ici 2028.',
  body:
    'Les chalutiers attendent depuis des années de nouveaux quais. Les travaux commenceront en septembre et dureront trois ans. ' +
    'Le port emploie 12 000 personnes et débarque chaque année 150 000 tonnes de sardines. La chambre des pêches maritimes salue le projet. ' +
    'Une halle à marée neuve, une gare frigorifique et un bassin pour la plaisance sont aussi prévus. Les armateurs demandent que la drague du chenal soit faite avant l’hiver.',
};
const SHORT_DRAFT = {
  title: 'Le port d’Agadir doublera ses quais d’ici 2028',
  lead: 'Convention signée lundi par le ministère de l’Équipement : 800 millions de dirhams pour agrandir le port de pêche d’Agadir.',
};
const OTHER_STORY = {
  title: 'Safi : une nouvelle usine de sardines ouvre ses portes',
  lead: 'L’usine de conserves emploiera 300 personnes, a annoncé jeudi son propriétaire.',
};

test('a short draft is judged on how much of it the full article holds, not on the symmetric cosine', () => {
  const draft = sig(SHORT_DRAFT),
    full = sig(FULL),
    other = sig(OTHER_STORY);
  const same = duplicateSignals(draft, full, 0),
    different = duplicateSignals(sig(OTHER_STORY), full, 0);
  assert.ok(same.containment > 0.6, `containment ${same.containment}`);
  assert.ok(
    same.containment > same.similarity.text,
    'containment sees more than the body cosine',
  );
  assert.ok(
    different.containment < 0.35,
    `other story ${different.containment}`,
  );
  assert.equal(decideDuplicate(same).duplicate, true);
  assert.equal(
    decideDuplicate(duplicateSignals(other, full, 0)).duplicate,
    false,
  );
});

test('the time gap lowers the probability, and a news-peg word of the later text is seen', () => {
  const arrest = sig({
    title: 'Rabat : un cambrioleur interpellé dans une bijouterie',
    lead: 'Un homme de 24 ans a été interpellé mardi dans une bijouterie du quartier Agdal à Rabat. Il avait forcé la vitrine avant l’ouverture et emporté des bagues en or.',
  });
  const charged = sig({
    title: 'Rabat : le cambrioleur de la bijouterie mis en examen',
    lead: 'L’homme de 24 ans interpellé mardi dans une bijouterie du quartier Agdal à Rabat a été mis en examen vendredi. Il avait forcé la vitrine avant l’ouverture et emporté des bagues en or.',
  });
  const later = duplicateSignals(charged, arrest, 3);
  assert.equal(later.gapDays, 3);
  assert.ok(later.newPeg !== null, 'a news-peg word the first text never used');
  assert.equal(later.newPeg, 'examen');
  const [sameDay, nextDay] = [0, 1].map(
    (g) => decideDuplicate(duplicateSignals(charged, arrest, g)).probability,
  );
  assert.ok(
    decideDuplicate(later).probability < nextDay! && nextDay! < sameDay!,
    'the same pair scores lower the more days apart',
  );
});

test('a text too short for the model (a headline and a line) is judged by the hand-weighted score', () => {
  const a = duplicateSignals(
    sig({
      title: 'Annonce programmée',
      lead: 'Un chapô.',
      body: 'Texte. Suite.',
    }),
    sig({
      title: 'Article à corriger',
      lead: 'Un chapô.',
      body: 'Texte. Suite.',
    }),
    0,
  );
  assert.ok(a.shortest < 12);
  assert.deepEqual(
    [decideDuplicate(a).duplicate, decideDuplicate(a).probability],
    [false, a.similarity.score],
  );
});

test('an identical text is always a duplicate, decided by « identical »', () => {
  const d = decideDuplicate(duplicateSignals(sig(FULL), sig(FULL), 20));
  assert.deepEqual([d.duplicate, d.signal], [true, 'identical']);
});

test('character-shingle sketches estimate shared text: near 1 for a copy inside a longer text, near 0 for another text', () => {
  const base = `${FULL.lead} ${FULL.body}`;
  const copy = shingleContainment(
    shingleSketch(base),
    shingleSketch(
      `${base} Un paragraphe ajouté plus tard, sans rapport avec le reste du texte publié.`,
    ),
  );
  const other = shingleContainment(
    shingleSketch(base),
    shingleSketch(
      `${OTHER_STORY.title} ${OTHER_STORY.lead} Le propriétaire promet des embauches locales et une formation.`,
    ),
  );
  assert.ok(copy > 0.8, `copy ${copy}`);
  assert.ok(other < 0.3, `other ${other}`);
  assert.equal(shingleContainment(shingleSketch(''), shingleSketch(base)), 0);
});

test('a shingle sketch reads only the first 1,500 folded characters, and counts each shingle once', () => {
  const top =
    'Le Conseil des ministres a adopté le projet de loi de finances. '.repeat(
      30,
    );
  const sketch = shingleSketch(top);
  assert.deepEqual(
    shingleSketch(`${top} Une suite que le sketch ne lit pas.`),
    sketch,
  );
  // A repeated sentence: fewer distinct shingles than positions, hashes ascending and unique.
  assert.ok(sketch.size > 0 && sketch.size < 1_500 - 4);
  assert.deepEqual(
    sketch.sketch,
    [...new Set(sketch.sketch)].sort((a, b) => a - b),
  );
  assert.equal(sketch.sketch.length, Math.min(64, sketch.size));
  assert.deepEqual(shingleSketch('abc'), { size: 0, sketch: [] });
});

test('matching passages pair the sentences that share most and mark the shared words on both sides', () => {
  const pairs = matchingPassages(
    { ...REWRITE_B, body: REWRITE_B.body },
    REWRITE_A,
  );
  assert.ok(pairs.length >= 1);
  const marked = (side: 'mine' | 'theirs') =>
    pairs[0]![side].pieces
      .filter((p) => p.shared)
      .map((p) => p.text.toLowerCase());
  assert.ok(marked('mine').length >= 2 && marked('theirs').length >= 2);
  assert.ok(
    marked('mine').some((w) => w.includes('moumen') || w.includes('tramway')),
    marked('mine').join(','),
  );
  // Pieces put back together are the sentence as written: nothing dropped, nothing added.
  for (const p of pairs)
    assert.ok(
      `${REWRITE_B.title}\n${REWRITE_B.lead}\n${REWRITE_B.body}`.includes(
        p.mine.pieces.map((x) => x.text).join(''),
      ),
    );
  assert.deepEqual(
    matchingPassages(
      { ...SHORT_DRAFT, body: '' },
      { ...OTHER_STORY, body: '' },
    ),
    [],
  );
});

test('the names both texts give: a rewrite keeps them, another story of the same kind does not', () => {
  const ents = (t: { title: string; lead?: string; body?: string }) =>
    entitiesOf({ lead: '', body: '', ...t });
  const draft = sig(SHORT_DRAFT),
    full = sig(FULL),
    other = sig(OTHER_STORY);
  const same = duplicateSignals(draft, full, 0, {
    query: ents(SHORT_DRAFT),
    candidate: ents(FULL),
  });
  const different = duplicateSignals(other, full, 0, {
    query: ents(OTHER_STORY),
    candidate: ents(FULL),
  });
  assert.ok(same.sharedNames >= 0.5, `rewrite ${same.sharedNames}`);
  assert.ok(different.sharedNames < 0.2, `other ${different.sharedNames}`);
  // Unknown entities say nothing: no shared names rather than a guess.
  assert.equal(duplicateSignals(draft, full, 0).sharedNames, 0);
  const withNames = decideDuplicate(same).probability;
  const without = decideDuplicate(duplicateSignals(draft, full, 0)).probability;
  assert.ok(withNames > without, `${withNames} > ${without}`);
});
