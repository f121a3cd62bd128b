import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFilInfo } from '../../src/presenters/filInfo.ts';
import { loadConfig } from '../../src/config.ts';
import type { ArticleWithRelations } from '../../src/domain/articleRecord.ts';

const site = loadConfig({}).site;

function item(id: number, publishedAt: string): ArticleWithRelations {
  const at = new Date(publishedAt);
  return {
    id,
    slug: `a-${id}`,
    title: `Titre ${id}`,
    lead: '',
    bodySource: '',
    bodyHtml: '',
    status: 'published',
    sectionId: null,
    language: 'fr',
    featured: false,
    breaking: false,
    cover: null,
    seoTitle: null,
    seoDescription: null,
    correctionNote: null,
    returnNote: null,
    version: 1,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    firstPublishedAt: at,
    publishedAt: at,
    modifiedAt: null,
    scheduledAt: null,
    deletedAt: null,
    section: null,
    authors: [],
    tags: [],
  };
}

test('the fil info groups by local day: today, « Hier », then the date', () => {
  const now = new Date('2025-07-10T11:03:00Z'); // 12:03 in Casablanca
  const days = groupFilInfo(
    [
      item(1, '2025-07-10T11:03:00Z'), // 12:03 today
      item(2, '2025-07-09T23:10:00Z'), // 00:10 today (still the 9th in UTC)
      item(3, '2025-07-09T22:50:00Z'), // 23:50 yesterday
      item(4, '2025-07-08T08:00:00Z'), // 09:00 the day before
    ],
    now,
    site,
  );
  assert.deepEqual(
    days.map((d) => [d.label, d.items.map((i) => i.time)]),
    [
      ['Aujourd’hui', ['12:03', '00:10']],
      ['Hier', ['23:50']],
      ['mardi 8 juillet', ['09:00']],
    ],
  );
});
