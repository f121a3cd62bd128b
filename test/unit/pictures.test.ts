import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyMediaIds, renderMarkdown } from '../../src/domain/markdown.ts';
import {
  cropAround,
  cropFor,
  normaliseCrop,
  widthsFor,
} from '../../src/domain/pictures.ts';
import {
  parseRenditionFileName,
  renditionTag,
} from '../../src/media/renditions.ts';

const picture = (id: number) => ({
  html: `<picture><img src="/media/${id}/x.jpg" alt="image ${id}" width="960" height="540"></picture>`,
  credit: 'Photo : Agence',
});

test('a library picture line becomes a figure with its caption and the library’s credit', () => {
  const html = renderMarkdown(
    'Avant.\n\n![Le port](media:7 "Le port au lever du jour")\n\nAprès.',
    { picture: (id) => picture(id) },
  );
  assert.match(
    html,
    /<figure><picture><img src="\/media\/7\/x.jpg" alt="image 7" width="960" height="540"><\/picture><figcaption>Le port au lever du jour <span class="credit">Photo : Agence<\/span><\/figcaption><\/figure>/,
  );
  assert.deepEqual(
    bodyMediaIds(
      '![a](media:7 "x")\n![b](media:12)\n![c](https://x.example/c.jpg)',
    ),
    [7, 12],
  );
});

test('a credit in the title wins over the library’s; an unknown picture renders nothing', () => {
  const html = renderMarkdown(
    '![a](media:7 "Légende — Photo : Autre")\n\n![b](media:99)',
    { picture: (id) => (id === 7 ? picture(id) : null) },
  );
  assert.match(html, /<span class="credit">Photo : Autre<\/span>/);
  assert.doesNotMatch(html, /media\/99/);
});

test('several picture lines in one paragraph are a gallery of figures', () => {
  const html = renderMarkdown(
    '![a](media:1 "Un")\n![b](media:2 "Deux")\n![c](media:3 "Trois")',
    { picture: (id) => picture(id) },
  );
  assert.match(
    html,
    /^<div class="gallery" role="group" aria-label="Galerie de photos">(<figure><picture>.*?<\/picture><figcaption>(Un|Deux|Trois) <span class="credit">Photo : Agence<\/span><\/figcaption><\/figure>){3}<\/div>/,
  );
});

test('captions and alt texts are escaped; typed markers and raw <picture> cannot smuggle markup', () => {
  const html = renderMarkdown(
    '![x" onerror="alert(1)](media:1 "<script>alert(1)</script>")\n\n\uE000g\uE001 <picture><source srcset="javascript:alert(1)"></picture>',
    { picture: (id) => picture(id) },
  );
  assert.doesNotMatch(html, /<script>|onerror=|<source|class="gallery"/);
  assert.match(html, /&lt;script&gt;/);
  // Without a resolver (imports, the preview of a deleted picture) the line renders nothing.
  assert.equal(renderMarkdown('![a](media:1)'), '<figure></figure>\n');
});

test('crops: the largest rectangle of the ratio, centred on the focal point, kept inside the picture', () => {
  assert.deepEqual(cropAround(2400, 1600, '16:9', { x: 0.5, y: 0.5 }), {
    x: 0,
    y: 125,
    width: 2400,
    height: 1350,
  });
  assert.deepEqual(
    cropAround(2400, 1600, '1:1', { x: 0.9, y: 0.5 }),
    { x: 800, y: 0, width: 1600, height: 1600 },
    'clamped at the right edge',
  );
  assert.deepEqual(cropAround(2400, 1600, '1:1', { x: 0.1, y: 0.5 }), {
    x: 0,
    y: 0,
    width: 1600,
    height: 1600,
  });
  assert.deepEqual(cropAround(1000, 1600, '4:3', { x: 0.5, y: 0.2 }), {
    x: 0,
    y: 0,
    width: 1000,
    height: 750,
  });
  const hand = {
    width: 2400,
    height: 1600,
    focal: { x: 0.5, y: 0.5 },
    crops: { '16:9': { x: 100, y: 100, width: 1600, height: 900 } },
  };
  assert.deepEqual(
    cropFor(hand, '16:9'),
    hand.crops['16:9'],
    'a crop set by hand wins',
  );
  assert.deepEqual(
    normaliseCrop(2400, 1600, '16:9', {
      x: 2000,
      y: -5,
      width: 1600,
      height: 1,
    }),
    { x: 800, y: 0, width: 1600, height: 900 },
    'moved inside, height from the ratio',
  );
  assert.equal(
    normaliseCrop(2400, 1600, '1:1', { x: 0, y: 0, width: 10, height: 10 }),
    null,
  );
});

test('widths: never enlarged, except to the 1200 px large previews need', () => {
  assert.deepEqual(widthsFor(2400), [320, 640, 960, 1200, 1600, 2000]);
  assert.deepEqual(widthsFor(1000), [320, 640, 960, 1200]);
});

test('rendition names: the tag follows content and crop; anything else is not a rendition', () => {
  const p = {
    id: 3,
    contentHash: 'a'.repeat(64),
    width: 2400,
    height: 1600,
    focal: { x: 0.5, y: 0.5 },
    crops: {},
  };
  const moved = { ...p, focal: { x: 0.9, y: 0.5 } };
  assert.notEqual(
    renditionTag(p, '1x1'),
    renditionTag(moved, '1x1'),
    'moving the focal point moves the square crop',
  );
  assert.equal(
    renditionTag(p, '16x9'),
    renditionTag(moved, '16x9'),
    'the full-width 16:9 crop does not move sideways',
  );
  assert.deepEqual(parseRenditionFileName(3, '0123456789ab-4x3-640.webp'), {
    mediaId: 3,
    tag: '0123456789ab',
    ratio: '4x3',
    width: 640,
    format: 'webp',
  });
  for (const bad of [
    '0123456789ab-4x3-641.webp',
    '0123456789ab-5x4-640.webp',
    '0123456789ab-4x3-640.png',
    '../x',
    '0123456789AB-4x3-640.jpg',
  ]) {
    assert.equal(parseRenditionFileName(3, bad), null, bad);
  }
});
