import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import {
  brotliWindow,
  compress,
} from '../../src/http/site/documentResponse.ts';

test('brotli’s window holds the document, within brotli’s bounds', () => {
  assert.equal(brotliWindow(0), 10);
  assert.equal(brotliWindow(1_000), 10);
  assert.equal(brotliWindow(1_024), 11);
  assert.equal(brotliWindow(46_541), 16);
  assert.equal(brotliWindow(65_535), 16);
  assert.equal(brotliWindow(65_536), 17);
  assert.equal(brotliWindow(50_000_000), 22);
  for (const n of [1, 777, 46_541, 3_000_000])
    assert.ok(2 ** brotliWindow(n) > n || brotliWindow(n) === 22);
});

test('documents of every size come back byte for byte, repeats far apart included', async () => {
  const paragraph = (i: number) =>
    `<p>Paragraphe ${i} : le gouvernement annonce « ${(i * 7919) % 1000} » mesures.</p>\n`;
  for (const size of [1, 900, 46_000, 300_000, 5_000_000]) {
    let text = '';
    for (let i = 0; text.length < size; i++) text += paragraph(i);
    // The document's start again at its end: a reference back across the whole document.
    const body = Buffer.from(text + text.slice(0, 2_000));
    const br = await compress(body, 'br');
    assert.ok(brotliDecompressSync(br).equals(body), `${size} bytes`);
    if (size > 1_000) assert.ok(br.length < body.length / 3, `${size} bytes`);
  }
});
