import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
} from '../support/factories.ts';
import { storageEnv } from '../support/s3Server.ts';
import { jpeg } from '../support/pictures.ts';
import {
  FEEDPARSER_MISSING,
  parseWithFeedsmith,
  parseWithPythonFeedparser,
  parseWithRssParser,
} from '../support/feedParsers.ts';
import {
  SITEMAP_SCHEMAS_MISSING,
  XMLLINT_MISSING,
  validateSitemap,
} from '../support/xmllint.ts';
import { uploadMedia } from '../../src/commands/media/uploadMedia.ts';
import { systemActor } from '../../src/commands/context.ts';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fetches a picture from the app and reads its real size and bytes. */
async function fetchPicture(t: TestApp, absoluteUrl: string) {
  const res = await t.app.inject(
    absoluteUrl.replace('https://journal.example', ''),
  );
  assert.equal(res.statusCode, 200, absoluteUrl);
  const meta = await sharp(res.rawPayload).metadata();
  return {
    width: meta.width,
    height: meta.height,
    format: meta.format,
    bytes: res.rawPayload.length,
    type: res.headers['content-type'],
  };
}

describeEachDialect('pictures in metadata, feeds and sitemaps', (getDb) => {
  let t: TestApp;
  let stop: () => Promise<void>;

  test('setup: an article whose cover comes from the library', async () => {
    const storage = await storageEnv('disk');
    stop = storage.stop;
    t = await buildTestApp(getDb(), storage.env);
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-fixture-'));
    const file = join(dir, 'stade.jpg');
    writeFileSync(file, await jpeg({ width: 2400, height: 1600 }));
    const media = await uploadMedia(t.ctx, systemActor('test'), {
      path: file,
      fileName: 'stade.jpg',
    });
    rmSync(dir, { recursive: true, force: true });
    const sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    const author = await buildAuthor(t.ctx, {
      slug: 'salma',
      name: 'Salma Bennani',
    });
    await buildArticle(t.ctx, {
      slug: 'stade-plein',
      title: 'Le stade de Rabat affiche complet',
      sectionId: sport.id,
      authorIds: [author.id],
      cover: {
        mediaId: media.id,
        url: '',
        alt: 'Les tribunes pleines du stade',
        caption: 'Le stade avant le coup d’envoi',
        credit: 'Photo : Test / MAP',
      },
    });
  });

  test('JSON-LD image: the three ratios, each 1200 px wide, with their real sizes', async () => {
    const $ = cheerio.load((await t.app.inject('/articles/stade-plein')).body);
    const article = $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get()
      .find((d: { '@type': string }) => d['@type'] === 'NewsArticle');
    const images = article.image as {
      url: string;
      width: number;
      height: number;
    }[];
    assert.deepEqual(
      images.map((i) => [i.width, i.height]),
      [
        [1200, 675],
        [1200, 900],
        [1200, 1200],
      ],
    );
    for (const image of images) {
      const real = await fetchPicture(t, image.url);
      assert.deepEqual(
        [real.width, real.height],
        [image.width, image.height],
        image.url,
      );
    }
  });

  test('og:image is the 16:9 crop at 1200 px with its real width, height and type', async () => {
    const $ = cheerio.load((await t.app.inject('/articles/stade-plein')).body);
    const content = (name: string) =>
      $(`meta[property="${name}"]`).attr('content');
    const real = await fetchPicture(t, content('og:image')!);
    assert.deepEqual(
      [
        content('og:image:width'),
        content('og:image:height'),
        content('og:image:type'),
      ],
      [String(real.width), String(real.height), real.type],
    );
    assert.equal(real.width, 1200);
    assert.equal(
      $('meta[name="robots"]').attr('content'),
      'max-image-preview:large',
    );
  });

  test('RSS: enclosure and media:content with the real type, size and byte length; parsers agree', async () => {
    const res = await t.app.inject('/feed.xml');
    const $ = cheerio.load(res.body, { xml: true });
    const enclosure = $('item enclosure').first();
    const real = await fetchPicture(t, enclosure.attr('url')!);
    assert.equal(enclosure.attr('type'), 'image/jpeg');
    assert.equal(Number(enclosure.attr('length')), real.bytes);
    const media = $('item').first().find('media\\:content');
    assert.deepEqual(
      [media.attr('width'), media.attr('height'), media.attr('fileSize')],
      [String(real.width), String(real.height), String(real.bytes)],
    );
    assert.equal((await parseWithRssParser(res.body)).items.length, 1);
    assert.equal(parseWithFeedsmith(res.body, 'rss').items.length, 1);
    if (!FEEDPARSER_MISSING)
      assert.equal(parseWithPythonFeedparser(res.body).bozo, false);
  });

  test('the image sitemap lists the cover rendition, and still validates', async () => {
    const index = await t.app.inject('/sitemap.xml');
    const month = cheerio
      .load(index.body, { xml: true })('sitemap loc')
      .map((_, el) => cheerio.load(el).text())
      .get()
      .find((u: string) => /articles-/.test(u))!;
    const res = await t.app.inject(
      month.replace('https://journal.example', ''),
    );
    const loc = cheerio
      .load(res.body, { xml: true })('image\\:loc')
      .first()
      .text();
    assert.match(
      loc,
      /^https:\/\/journal\.example\/media\/\d+\/[0-9a-f]{12}-16x9-1200\.jpg$/,
    );
    assert.equal((await fetchPicture(t, loc)).width, 1200);
    if (!XMLLINT_MISSING && !SITEMAP_SCHEMAS_MISSING)
      assert.equal(
        validateSitemap(res.body).valid,
        true,
        validateSitemap(res.body).output,
      );
  });

  test('pages: the article’s main picture loads first; every other picture is lazy; every <img> has width and height', async () => {
    for (const url of [
      '/',
      '/articles/stade-plein',
      '/rubrique/sport',
      '/auteur/salma',
    ]) {
      const $ = cheerio.load((await t.app.inject(url)).body);
      const imgs = $('img');
      assert.ok(imgs.length >= 1, `${url} shows the picture`);
      imgs.each((_, el) => {
        const img = $(el);
        assert.ok(
          Number(img.attr('width')) > 0 && Number(img.attr('height')) > 0,
          `${url}: ${$.html(el)}`,
        );
      });
      assert.ok(
        $('img[fetchpriority="high"]').length <= 1,
        `${url}: one main picture at most`,
      );
      assert.equal(
        $('img:not([fetchpriority="high"]):not([loading="lazy"])').length,
        0,
        `${url}: the others are lazy`,
      );
    }
  });

  test('teardown', async () => {
    await t.app.close();
    await stop();
  });
});
