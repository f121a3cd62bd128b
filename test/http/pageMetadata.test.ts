import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';

type Ld = Record<string, unknown> & { '@type': string };

function jsonLd($: cheerio.CheerioAPI): Ld[] {
  return $('script[type="application/ld+json"]')
    .map((_, el) => JSON.parse($(el).text()) as Ld)
    .get();
}

function meta($: cheerio.CheerioAPI, key: string): string[] {
  return $(`meta[property="${key}"], meta[name="${key}"]`)
    .map((_, el) => $(el).attr('content')!)
    .get();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(body: Buffer): { width: number; height: number } {
  assert.deepEqual(
    [...body.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'a PNG signature',
  );
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

describeEachDialect(
  'page metadata: social cards and structured data',
  (getDb) => {
    let t: TestApp;

    test('setup: a co-signed article with a cover, one without, a hostile headline', async () => {
      t = await buildTestApp(getDb(), {
        FOLLOW_X: 'https://x.com/quotidienatlas',
      });
      const now = t.clock.now().getTime();
      const sport = await buildSection(t.ctx, {
        slug: 'sport',
        name: 'Sport',
        description: 'Toute l’actualité sportive.',
      });
      const salma = await buildAuthor(t.ctx, {
        slug: 'salma-bennani',
        name: 'Salma Bennani',
      });
      const karim = await buildAuthor(t.ctx, {
        slug: 'karim-berrada',
        name: 'Karim Berrada',
      });
      const lions = await buildTag(t.ctx, {
        slug: 'lions-de-l-atlas',
        name: 'Lions de l’Atlas',
      });
      await buildArticle(t.ctx, {
        slug: 'deux-auteurs',
        title: 'Les Lions de l’Atlas qualifiés',
        lead: 'Une victoire nette à Rabat.',
        sectionId: sport.id,
        authorIds: [salma.id, karim.id],
        tagIds: [lions.id],
        publishedAt: new Date(now - 3_600_000),
        cover: {
          url: 'https://cdn.journal.example/photos/stade.webp',
          alt: 'Le stade plein',
          caption: null,
          credit: null,
        },
      });
      await buildArticle(t.ctx, {
        slug: 'sans-photo',
        title: 'Un article sans photo',
        sectionId: sport.id,
        authorIds: [salma.id],
        publishedAt: new Date(now - 7_200_000),
      });
      await buildArticle(t.ctx, {
        slug: 'titre-hostile',
        title:
          'Fin </script><script>alert(1)</script> et <!-- commentaire & “guillemets”',
        sectionId: sport.id,
        authorIds: [salma.id],
        publishedAt: new Date(now - 60_000),
      });
    });

    test('an article with two authors: NewsArticle lists both as Person with their page; dates with offset; publisher with logo', async () => {
      const $ = cheerio.load(
        (await t.app.inject('/articles/deux-auteurs')).body,
      );
      const ld = jsonLd($);
      const article = ld.find((d) => d['@type'] === 'NewsArticle')!;
      assert.ok(article, 'a NewsArticle');
      assert.deepEqual(article['author'], [
        {
          '@type': 'Person',
          name: 'Salma Bennani',
          url: 'https://journal.example/auteur/salma-bennani',
        },
        {
          '@type': 'Person',
          name: 'Karim Berrada',
          url: 'https://journal.example/auteur/karim-berrada',
        },
      ]);
      assert.equal(article['headline'], 'Les Lions de l’Atlas qualifiés');
      assert.equal(article['datePublished'], '2025-07-10T11:03:00+01:00');
      assert.match(
        String(article['dateModified']),
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
      );
      assert.equal(article['articleSection'], 'Sport');
      assert.equal(article['inLanguage'], 'fr-FR');
      assert.deepEqual(article['mainEntityOfPage'], {
        '@type': 'WebPage',
        '@id': 'https://journal.example/articles/deux-auteurs',
      });
      assert.deepEqual(article['image'], [
        {
          '@type': 'ImageObject',
          url: 'https://cdn.journal.example/photos/stade.webp',
          width: 1200,
          height: 675,
        },
      ]);
      const publisher = article['publisher'] as {
        '@type': string;
        name: string;
        logo: { url: string; width: number; height: number };
      };
      assert.equal(publisher.name, 'Le Quotidien de l’Atlas');
      assert.match(publisher['@type'], /Organization$/);
      assert.match(
        publisher.logo.url,
        /^https:\/\/journal\.example\/assets\/logo\.png\?v=\w+$/,
      );
      const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList')!;
      assert.deepEqual(
        (
          crumbs['itemListElement'] as {
            name: string;
            item: string;
            position: number;
          }[]
        ).map((c) => [c.position, c.name, c.item]),
        [
          [1, 'Accueil', 'https://journal.example/'],
          [2, 'Sport', 'https://journal.example/rubrique/sport'],
          [
            3,
            'Les Lions de l’Atlas qualifiés',
            'https://journal.example/articles/deux-auteurs',
          ],
        ],
      );
    });

    test('Open Graph and Twitter: article card with times, section, tags, authors, cover with size, fr_FR', async () => {
      const $ = cheerio.load(
        (await t.app.inject('/articles/deux-auteurs')).body,
      );
      assert.deepEqual(meta($, 'og:type'), ['article']);
      assert.deepEqual(meta($, 'og:locale'), ['fr_FR']);
      assert.deepEqual(meta($, 'og:url'), [
        'https://journal.example/articles/deux-auteurs',
      ]);
      assert.deepEqual(meta($, 'og:image'), [
        'https://cdn.journal.example/photos/stade.webp',
      ]);
      assert.deepEqual(
        [
          meta($, 'og:image:width'),
          meta($, 'og:image:height'),
          meta($, 'og:image:type'),
        ],
        [['1200'], ['675'], ['image/webp']],
      );
      assert.deepEqual(meta($, 'article:published_time'), [
        '2025-07-10T11:03:00+01:00',
      ]);
      assert.equal(meta($, 'article:modified_time').length, 1);
      assert.deepEqual(meta($, 'article:section'), ['Sport']);
      assert.deepEqual(meta($, 'article:tag'), ['Lions de l’Atlas']);
      assert.deepEqual(meta($, 'article:author'), [
        'https://journal.example/auteur/salma-bennani',
        'https://journal.example/auteur/karim-berrada',
      ]);
      assert.deepEqual(meta($, 'twitter:card'), ['summary_large_image']);
      assert.deepEqual(meta($, 'twitter:site'), ['@quotidienatlas']);
      assert.deepEqual(meta($, 'robots'), ['max-image-preview:large']);
      assert.equal(
        $('link[rel=canonical]').attr('href'),
        'https://journal.example/articles/deux-auteurs',
      );
      assert.equal(meta($, 'description').length, 1);
    });

    test('without a cover, the site’s default card picture, whose size is stated and true', async () => {
      const $ = cheerio.load((await t.app.inject('/articles/sans-photo')).body);
      const image = meta($, 'og:image')[0]!;
      assert.match(
        image,
        /^https:\/\/journal\.example\/assets\/share-default\.png\?v=\w+$/,
      );
      assert.deepEqual(
        [meta($, 'og:image:width'), meta($, 'og:image:height')],
        [['1200'], ['630']],
      );
      const png = await t.app.inject(
        new URL(image).pathname + new URL(image).search,
      );
      assert.equal(png.statusCode, 200);
      assert.equal(png.headers['content-type'], 'image/png');
      assert.deepEqual(pngSize(png.rawPayload), { width: 1200, height: 630 });
      const ld = jsonLd($).find((d) => d['@type'] === 'NewsArticle')!;
      const logoUrl = new URL(
        (ld['publisher'] as { logo: { url: string } }).logo.url,
      );
      const logo = await t.app.inject(logoUrl.pathname + logoUrl.search);
      assert.deepEqual(pngSize(logo.rawPayload), { width: 512, height: 512 });
      assert.match(logo.headers['cache-control'] as string, /immutable/);
    });

    test('a headline with </script> and <!-- cannot break out of the JSON-LD', async () => {
      const res = await t.app.inject('/articles/titre-hostile');
      const $ = cheerio.load(res.body);
      assert.equal(
        $('script[type="application/ld+json"]').length,
        2,
        'the two JSON-LD scripts',
      );
      assert.deepEqual(
        $('script:not([type="application/ld+json"])')
          .map((_, el) =>
            /^\/assets\/(live|beacon)\.js\?v=/.test($(el).attr('src') ?? ''),
          )
          .get(),
        [true, true],
        'and our live and audience scripts, nothing the headline made',
      );
      const ld = jsonLd($).find((d) => d['@type'] === 'NewsArticle')!;
      assert.equal(
        ld['headline'],
        'Fin </script><script>alert(1)</script> et <!-- commentaire & “guillemets”',
      );
      const blocks = [
        ...res.body.matchAll(
          /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g,
        ),
      ].map((m) => m[1]!);
      assert.equal(blocks.length, 2);
      for (const raw of blocks)
        assert.doesNotMatch(raw, /<\/script|<!--|<script>/i);
      assert.ok(blocks.some((raw) => /\\u003c\/script\\u003e/.test(raw)));
    });

    test('home: Organization (NewsMediaOrganization) and WebSite with a SearchAction on /recherche', async () => {
      const $ = cheerio.load((await t.app.inject('/')).body);
      const ld = jsonLd($);
      const org = ld.find((d) => String(d['@type']).endsWith('Organization'))!;
      assert.equal(org['name'], 'Le Quotidien de l’Atlas');
      assert.deepEqual(
        org['sameAs'],
        ['https://x.com/quotidienatlas'],
        'only links that name an account',
      );
      const site = ld.find((d) => d['@type'] === 'WebSite')!;
      const action = site['potentialAction'] as {
        '@type': string;
        target: { urlTemplate: string };
        'query-input': string;
      };
      assert.equal(action['@type'], 'SearchAction');
      assert.equal(
        action.target.urlTemplate,
        'https://journal.example/recherche?q={search_term_string}',
      );
      assert.equal(action['query-input'], 'required name=search_term_string');
      assert.deepEqual(meta($, 'og:type'), ['website']);
    });

    test('section page: BreadcrumbList; tag and author pages: a website card', async () => {
      const $ = cheerio.load((await t.app.inject('/rubrique/sport')).body);
      const crumbs = jsonLd($).find((d) => d['@type'] === 'BreadcrumbList')!;
      assert.deepEqual(
        (crumbs['itemListElement'] as { item: string }[]).map((c) => c.item),
        ['https://journal.example/', 'https://journal.example/rubrique/sport'],
      );
      const tag = cheerio.load(
        (await t.app.inject('/sujet/lions-de-l-atlas')).body,
      );
      assert.deepEqual(meta(tag, 'og:url'), [
        'https://journal.example/sujet/lions-de-l-atlas',
      ]);
      assert.deepEqual(
        meta(
          cheerio.load((await t.app.inject('/auteur/karim-berrada')).body),
          'og:title',
        ),
        ['Karim Berrada'],
      );
    });

    test('teardown', async () => {
      await t.app.close();
    });
  },
);
