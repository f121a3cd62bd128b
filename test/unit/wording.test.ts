import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { STATUS_LABELS } from '../../src/domain/statusLabels.ts';
import { EDITORIAL_VERBS } from '../../src/domain/editorialVerbs.ts';

/** Every source file of the back office and the site (not demo content, not word lists). */
const SOURCES = readdirSync(new URL('../../src/', import.meta.url), {
  recursive: true,
})
  .map(String)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.startsWith('demo/') &&
      !f.startsWith('editorial/') &&
      !f.startsWith('search/'),
  );

/**
 * One name per step: the review step is « En relecture », its verb « Envoyer en relecture »;
 * « invité » is a guest byline only, a pending account is « Invitation en attente ».
 */
test('the back office names each step one way', () => {
  assert.equal(STATUS_LABELS.review, 'En relecture');
  assert.equal(EDITORIAL_VERBS.submit.label, 'Envoyer en relecture');
  const retired = [
    'À relire',
    'Soumettre à l’édition',
    "Soumettre à l'édition",
    'En attente de relecture',
    'soumis à l’édition',
    "'Invité'",
  ];
  const found: string[] = [];
  for (const file of SOURCES) {
    const text = readFileSync(
      new URL(`../../src/${file}`, import.meta.url),
      'utf8',
    );
    for (const phrase of retired)
      if (text.includes(phrase)) found.push(`${file}: ${phrase}`);
  }
  assert.deepEqual(found, []);
});

test('no date or time field is left to the browser’s locale in the back office', () => {
  const found = SOURCES.filter((file) =>
    /type="(datetime-local|time)"/.test(
      readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8'),
    ),
  );
  assert.deepEqual(found, []);
});
