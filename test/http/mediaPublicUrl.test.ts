import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
} from '../support/factories.ts';
import { startS3Server, type S3TestServer } from '../support/s3Server.ts';
import { jpeg } from '../support/pictures.ts';
import { uploadMedia } from '../../src/commands/media/uploadMedia.ts';
import { updateMedia } from '../../src/commands/media/updateMedia.ts';
import { systemActor } from '../../src/commands/context.ts';
import { currentRenditions } from '../../src/media/maintenance.ts';
import { renditionKey } from '../../src/media/renditions.ts';
import type { MediaRecord } from '../../src/domain/pictures.ts';

/**
 * MEDIA_PUBLIC_URL: with S3 storage, pages link renditions at the bucket's public address (here
 * s3rver's own, path-style), which readers' browsers fetch without going through newsdesk.
 */
describeEachDialect('S3 storage with a public URL for renditions', (getDb) => {
  let t: TestApp;
  let s3: S3TestServer;
  let publicUrl: string;
  let media: MediaRecord;

  const storedRenditions = async (id: number): Promise<Set<string>> => {
    const keys = new Set<string>();
    for await (const key of t.ctx.media.storage.list(`renditions/${id}/`))
      keys.add(key);
    return keys;
  };

  test('setup: an upload makes every rendition in the bucket before it returns', async () => {
    s3 = await startS3Server();
    publicUrl = `${s3.env['S3_ENDPOINT']}/${s3.env['S3_BUCKET']}/site`;
    t = await buildTestApp(getDb(), {
      ...s3.env,
      S3_PREFIX: 'site',
      MEDIA_PUBLIC_URL: `${publicUrl}/`,
    });
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-fixture-'));
    const file = join(dir, 'medina.jpg');
    writeFileSync(file, await jpeg({ width: 2400, height: 1600 }));
    media = await uploadMedia(t.ctx, systemActor('test'), {
      path: file,
      fileName: 'medina.jpg',
    });
    rmSync(dir, { recursive: true, force: true });
    const wanted = currentRenditions(media).map(renditionKey);
    assert.ok(wanted.length > 20, `${wanted.length} renditions`);
    assert.deepEqual(
      [...(await storedRenditions(media.id))].sort(),
      wanted.sort(),
    );
    const section = await buildSection(t.ctx, { slug: 'villes' });
    const author = await buildAuthor(t.ctx, { slug: 'nadia' });
    await buildArticle(t.ctx, {
      slug: 'medina-fes',
      title: 'La médina de Fès restaurée',
      sectionId: section.id,
      authorIds: [author.id],
      cover: {
        mediaId: media.id,
        url: '',
        alt: 'Une ruelle de la médina',
        caption: 'La médina au matin',
        credit: 'Photo : Test / MAP',
      },
    });
  });

  test('the article links its cover, og:image and JSON-LD at the public URL, which serves them', async () => {
    const $ = cheerio.load((await t.app.inject('/articles/medina-fes')).body);
    const cover = $('figure.cover');
    const urls = [
      cover.find('img').attr('src')!,
      ...cover
        .find('source, img')
        .map((_, el) => $(el).attr('srcset')!.split(', '))
        .get()
        .map((entry: string) => entry.split(' ')[0]!),
    ];
    assert.ok(urls.length > 6);
    for (const url of urls)
      assert.ok(url.startsWith(`${publicUrl}/renditions/${media.id}/`), url);
    const ogImage = $('meta[property="og:image"]').attr('content')!;
    assert.ok(ogImage.startsWith(`${publicUrl}/renditions/`), ogImage);
    const article = $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get()
      .find((d: { '@type': string }) => d['@type'] === 'NewsArticle');
    for (const image of article.image as { url: string }[])
      assert.ok(image.url.startsWith(`${publicUrl}/renditions/`), image.url);

    // Straight from the storage, as a reader's browser gets them: right type, size, long cache.
    const avif = urls.find((u) => u.endsWith('.avif'))!;
    for (const [url, type] of [
      [ogImage, 'image/jpeg'],
      [avif, 'image/avif'],
    ] as const) {
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), type);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      assert.equal(
        meta.width,
        Number(/-(\d+)\.\w+$/.exec(url)![1]),
        `${url} is as wide as its name says`,
      );
    }
    assert.equal(
      Number($('meta[property="og:image:width"]').attr('content')),
      1200,
    );
  });

  test('a crop set by hand is in the bucket, under its new URL, before the page links it', async () => {
    const before = await storedRenditions(media.id);
    const updated = await updateMedia(t.ctx, systemActor('test'), {
      mediaId: media.id,
      expectedVersion: media.version,
      fields: {
        alt: media.alt,
        decorative: false,
        caption: media.caption,
        credit: media.credit,
        copyright: media.copyright,
        usageNotes: media.usageNotes,
        focal: media.focal,
        crops: { '1:1': { x: 0, y: 0, width: 1600, height: 1600 } },
      },
    });
    const after = await storedRenditions(media.id);
    const square = currentRenditions(updated)
      .filter((s) => s.ratio === '1x1')
      .map(renditionKey);
    assert.ok(square.length > 0);
    for (const key of square) {
      assert.ok(after.has(key), key);
      assert.ok(!before.has(key), `${key} is new`);
    }
    const $ = cheerio.load((await t.app.inject('/articles/medina-fes')).body);
    const article = $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get()
      .find((d: { '@type': string }) => d['@type'] === 'NewsArticle');
    const squareUrl = (article.image as { url: string }[])[2]!.url;
    const res = await fetch(squareUrl);
    assert.equal(res.status, 200, squareUrl);
  });

  test('teardown', async () => {
    await t?.app.close();
    await s3?.stop();
  });
});
