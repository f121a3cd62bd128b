import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisPool } from '../../src/editorial/analysisPool.ts';
import {
  analyseArticle,
  type AnalysisInput,
} from '../../src/editorial/articleAnalysis.ts';
import type { MediaRecord } from '../../src/domain/pictures.ts';

const picture: MediaRecord = {
  id: 7,
  originalKey: 'originals/ab/abcdef.jpg',
  contentHash: 'abcdef0123456789',
  mimeType: 'image/jpeg',
  width: 2400,
  height: 1600,
  bytes: 123_456,
  fileName: 'port.jpg',
  focal: { x: 0.4, y: 0.5 },
  crops: {},
  alt: 'Le port de Tanger Med au lever du jour',
  decorative: false,
  caption: 'Tanger Med',
  credit: 'Photo : la rédaction',
  copyright: '',
  usageNotes: '',
  uploadedBy: null,
  version: 1,
  createdAt: new Date('2025-07-01T08:00:00Z'),
  updatedAt: new Date('2025-07-01T08:00:00Z'),
};

const inputs: AnalysisInput[] = [
  {
    title: 'Tanger Med bat un record de conteneurs',
    lead: 'Le port a traité plus de 8,6 millions de conteneurs en 2024.',
    bodySource: `Selon l’Autorité portuaire, **Tanger Med** a dépassé son record.\n\n![Le port](media:7 "Le port — Photo")\n\n[Lire aussi : le tramway](article:12)\n\nMohammed Ben Ali, directeur du port, se félicite « d’une année historique ».`,
    pictures: new Map([[7, picture]]),
    links: new Map([[12, { slug: 'tramway-casablanca', title: 'Le tramway' }]]),
  },
  {
    title: 'المغرب: الأمطار تعود إلى الدار البيضاء',
    lead: '',
    bodySource: 'عادت الأمطار إلى الدار البيضاء يوم الخميس.',
    pictures: new Map(),
    links: new Map(),
  },
];

test('the worker pool gives exactly the analysis computed inline (rendered body, search terms, term bag, entities)', async () => {
  const pool = new AnalysisPool(1);
  try {
    const [viaWorkers, again] = await Promise.all([
      pool.analyse(inputs),
      pool.analyse(inputs.slice(1)),
    ]);
    const inline = inputs.map(analyseArticle);
    assert.deepEqual(viaWorkers, inline);
    assert.deepEqual(again, inline.slice(1));
    // The analysis read what the body refers to: the picture and the linked article.
    assert.deepEqual(inline[0]!.mediaIds, [7]);
    assert.match(inline[0]!.html, /<picture/);
    assert.match(inline[0]!.html, /\/articles\/tramway-casablanca/);
    assert.ok(inline[0]!.search.body.length > 10);
    assert.ok(inline[0]!.entities.some((e) => e.name.includes('Tanger')));
  } finally {
    await pool.close();
  }
});

test('a pool of no workers analyses inline, and closing a pool rejects the work in flight', async () => {
  assert.deepEqual(
    await new AnalysisPool(0).analyse(inputs),
    inputs.map(analyseArticle),
  );
  const pool = new AnalysisPool(1);
  await pool.analyse(inputs.slice(0, 1));
  const pending = pool.analyse(inputs);
  await pool.close();
  await assert.rejects(pending);
});
