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
import { updateArticleForTest } from '../support/editorial.ts';
import {
  FEEDPARSER_MISSING,
  parseWithFeedExtractor,
  parseWithFeedsmith,
  parseWithPythonFeedparser,
  parseWithRssParser,
  type ParsedFeed,
} from '../support/feedParsers.ts';

const HOUR = 3_600_000;
const FEEDS = [
  '/feed',
  '/rubrique/economie/feed',
  '/sujet/inflation/feed',
  '/auteur/youssef-el-alaoui/feed',
];
const FORMATS = [
  ['xml', 'rss'],
  ['atom', 'atom'],
  ['json', 'json'],
] as const;

/** Two parsers per format, neither written by us: rss-parser and feedparser for XML; feedsmith and feed-extractor for JSON. */
async function parseTwice(
  body: string,
  format: 'rss' | 'atom' | 'json',
): Promise<[string, ParsedFeed][]> {
  if (format === 'json')
    return [
      ['feedsmith', parseWithFeedsmith(body, 'json')],
      ['feed-extractor', parseWithFeedExtractor(body)],
    ];
  const parsed: [string, ParsedFeed][] = [
    ['rss-parser', await parseWithRssParser(body)],
    ['feedsmith', parseWithFeedsmith(body, format)],
  ];
  if (!FEEDPARSER_MISSING) {
    const fp = parseWithPythonFeedparser(body);
    assert.equal(
      fp.bozo,
      false,
      `feedparser found the feed malformed: ${fp.error}`,
    );
    assert.equal(fp.version, format === 'rss' ? 'rss20' : 'atom10');
    parsed.push(['python feedparser', fp]);
  }
  return parsed;
}

describeEachDialect(
  'feeds: RSS, Atom, JSON Feed for the site, sections, tags and authors',
  (getDb) => {
    let t: TestApp;
    let now: number;
    let coAuthoredId = 0;
    const published = new Map<string, number>();

    test('setup: a co-signed article with a cover, others around it, hidden ones', async () => {
      t = await buildTestApp(getDb());
      now = t.clock.now().getTime();
      const eco = await buildSection(t.ctx, {
        slug: 'economie',
        name: 'Économie',
      });
      const youssef = await buildAuthor(t.ctx, {
        slug: 'youssef-el-alaoui',
        name: 'Youssef El Alaoui',
      });
      const leila = await buildAuthor(t.ctx, {
        slug: 'leila-amrani',
        name: 'Leïla Amrani',
      });
      const inflation = await buildTag(t.ctx, {
        slug: 'inflation',
        name: 'Inflation',
      });
      const a = await buildArticle(t.ctx, {
        slug: 'inflation-ralentit',
        title: 'L’inflation ralentit à 1,2 % <enfin> & les prix « se calment »',
        sectionId: eco.id,
        authorIds: [youssef.id, leila.id],
        tagIds: [inflation.id],
        publishedAt: new Date(now - 2 * HOUR),
        lead: 'Le HCP publie ses chiffres.',
        bodySource:
          'Premier paragraphe.\n\n## Les chiffres\n\nDétails & analyses.',
        cover: {
          url: '/media/marche.jpg',
          alt: 'Un marché à Rabat',
          caption: null,
          credit: null,
        },
      });
      coAuthoredId = a.id;
      published.set('inflation-ralentit', now - 2 * HOUR);
      for (let i = 0; i < 3; i++) {
        await buildArticle(t.ctx, {
          slug: `eco-${i}`,
          title: `Brève économique ${i}`,
          sectionId: eco.id,
          authorIds: [youssef.id],
          tagIds: [inflation.id],
          publishedAt: new Date(now - (3 + i) * HOUR),
        });
        published.set(`eco-${i}`, now - (3 + i) * HOUR);
      }
      // A title with characters XML refuses (pasted from a word processor).
      await buildArticle(t.ctx, {
        slug: 'caracteres',
        title: 'Titre\u0007 avec\u001b caractères de contrôle',
        sectionId: eco.id,
        authorIds: [youssef.id],
        tagIds: [inflation.id],
        publishedAt: new Date(now - 10 * HOUR),
      });
      published.set('caracteres', now - 10 * HOUR);
      for (const status of [
        'draft',
        'scheduled',
        'unpublished',
        'trashed',
      ] as const) {
        await buildArticle(t.ctx, {
          slug: `secret-${status}`,
          title: `SECRET ${status}`,
          sectionId: eco.id,
          authorIds: [youssef.id],
          tagIds: [inflation.id],
          status,
        });
      }
      await buildArticle(t.ctx, {
        slug: 'secret-embargo',
        title: 'SECRET embargo',
        sectionId: eco.id,
        authorIds: [youssef.id],
        tagIds: [inflation.id],
        publishedAt: new Date(now + HOUR),
      });
    });

    test('every feed is read by two parsers we did not write, every item dated right, no hidden article', async () => {
      for (const base of FEEDS) {
        for (const [ext, format] of FORMATS) {
          const url = `${base}.${ext}`;
          const res = await t.app.inject(url);
          assert.equal(res.statusCode, 200, url);
          assert.ok(
            !res.body.includes('SECRET'),
            `${url} leaks a hidden article`,
          );
          for (const [parser, feed] of await parseTwice(res.body, format)) {
            const where = `${url} by ${parser}`;
            assert.equal(feed.items.length, 5, where);
            for (const item of feed.items) {
              const slug = item.link.split('/').pop()!;
              assert.ok(
                published.has(slug),
                `${where}: unexpected ${item.link}`,
              );
              assert.equal(
                item.date,
                published.get(slug),
                `${where}: date of ${slug}`,
              );
              assert.match(
                item.id,
                /^tag:journal\.example,\d{4}-\d{2}-\d{2}:article:\d+$/,
                where,
              );
            }
            const coSigned = feed.items.find((i) =>
              i.link.endsWith('/inflation-ralentit'),
            )!;
            assert.equal(
              coSigned.title,
              // As readers get it: French typography (U+00A0, U+202F) on output, not in storage.
              'L’inflation ralentit à 1,2\u00A0% <enfin> & les prix «\u202Fse calment\u202F»',
              where,
            );
            if (parser !== 'rss-parser' || format === 'rss')
              assert.deepEqual(
                coSigned.authors,
                ['Youssef El Alaoui', 'Leïla Amrani'],
                where,
              );
          }
        }
      }
    });

    test('the guid stays the same when an article is updated (title and slug changed)', async () => {
      const guids = async () => {
        const out: string[] = [];
        for (const [ext, format] of FORMATS) {
          const body = (await t.app.inject(`/feed.${ext}`)).body;
          for (const [, feed] of await parseTwice(body, format)) {
            out.push(
              feed.items.find((i) =>
                i.title.startsWith('L’inflation ralentit'),
              )!.id,
            );
          }
        }
        return out;
      };
      const before = await guids();
      assert.equal(before.length, FEEDPARSER_MISSING ? 6 : 8);
      assert.equal(
        new Set(before).size,
        1,
        'one guid across formats and parsers',
      );
      t.clock.advance(20 * 60_000);
      await updateArticleForTest(t.ctx, coAuthoredId, {
        title: 'L’inflation ralentit à 1,2 % (chiffres révisés)',
        slug: 'inflation-ralentit-revise',
      });
      const rss = (await t.app.inject('/feed.xml')).body;
      assert.match(rss, /chiffres révisés/, 'the feed follows the update');
      const revised = [];
      for (const [ext, format] of FORMATS) {
        for (const [, feed] of await parseTwice(
          (await t.app.inject(`/feed.${ext}`)).body,
          format,
        )) {
          const item = feed.items.find((i) =>
            i.title.includes('chiffres révisés'),
          )!;
          assert.ok(item.link.endsWith('/inflation-ralentit-revise'));
          assert.equal(
            item.date,
            published.get('inflation-ralentit'),
            'the publication date does not move',
          );
          revised.push(item.id);
        }
      }
      assert.deepEqual(revised, before);
      // Put it back for the tests that follow.
      await updateArticleForTest(t.ctx, coAuthoredId, {
        title: 'L’inflation ralentit à 1,2 % <enfin> & les prix « se calment »',
        slug: 'inflation-ralentit',
      });
    });

    test('full text by default: content:encoded, Atom content, JSON content_html; the cover as enclosure, media and image', async () => {
      const rss = cheerio.load((await t.app.inject('/feed.xml')).body, {
        xml: true,
      });
      const item = rss('item').filter((_, el) =>
        rss(el).find('link').text().endsWith('/inflation-ralentit'),
      );
      assert.match(
        item.find('content\\:encoded').text(),
        /<h2>Les chiffres<\/h2>/,
      );
      assert.equal(
        item.find('description').text(),
        'Le HCP publie ses chiffres.',
      );
      assert.equal(
        item.find('enclosure').attr('url'),
        'https://journal.example/media/marche.jpg',
      );
      assert.equal(item.find('enclosure').attr('type'), 'image/jpeg');
      assert.equal(item.find('media\\:content').attr('medium'), 'image');
      const atom = cheerio.load((await t.app.inject('/feed.atom')).body, {
        xml: true,
      });
      const entry = atom('entry').filter((_, el) =>
        atom(el).find('id').text().endsWith(`:article:${coAuthoredId}`),
      );
      assert.match(
        entry.find('content[type=html]').text(),
        /<h2>Les chiffres<\/h2>/,
      );
      assert.equal(
        entry.find('link[rel=enclosure]').attr('href'),
        'https://journal.example/media/marche.jpg',
      );
      assert.match(
        entry.find('published').text(),
        /^2025-07-10T10:03:00\+01:00$/,
      );
      const json = JSON.parse((await t.app.inject('/feed.json')).body) as {
        items: { id: string; content_html?: string; image?: string }[];
      };
      const j = json.items.find((i) =>
        i.id.endsWith(`:article:${coAuthoredId}`),
      )!;
      assert.match(j.content_html!, /<h2>Les chiffres<\/h2>/);
      assert.equal(j.image, 'https://journal.example/media/marche.jpg');
    });

    test('FEED_FULL_TEXT=false: summaries only', async () => {
      const summary = await buildTestApp(getDb(), { FEED_FULL_TEXT: 'false' });
      const rss = (await summary.app.inject('/feed.xml')).body;
      assert.doesNotMatch(rss, /content:encoded>/);
      assert.match(
        rss,
        /<description>Le HCP publie ses chiffres\.<\/description>/,
      );
      assert.doesNotMatch(
        (await summary.app.inject('/feed.atom')).body,
        /<content/,
      );
      const json = JSON.parse(
        (await summary.app.inject('/feed.json')).body,
      ) as { items: { content_html?: string; content_text?: string }[] };
      assert.ok(
        json.items.every(
          (i) =>
            i.content_html === undefined && typeof i.content_text === 'string',
        ),
      );
      await summary.app.close();
    });

    test('headers: media types, Cache-Control, ETag with 304, Surrogate-Key', async () => {
      const types: Record<string, RegExp> = {
        xml: /^application\/rss\+xml; charset=utf-8$/,
        atom: /^application\/atom\+xml; charset=utf-8$/,
        json: /^application\/feed\+json; charset=utf-8$/,
      };
      for (const [ext] of FORMATS) {
        const res = await t.app.inject(`/rubrique/economie/feed.${ext}`);
        assert.match(res.headers['content-type'] as string, types[ext]!);
        assert.match(res.headers['cache-control'] as string, /s-maxage=\d+/);
        assert.equal(
          res.headers['surrogate-key'],
          'feeds feed:section:economie',
        );
        const again = await t.app.inject({
          url: `/rubrique/economie/feed.${ext}`,
          headers: { 'if-none-match': res.headers['etag'] as string },
        });
        assert.equal(again.statusCode, 304);
      }
    });

    test('kept up by events: a change without an event is not seen; after one it is; an embargo ends on its own', async () => {
      await t.ctx.db
        .updateTable('articles')
        .set({ title: 'Titre modifié sans événement' })
        .where('slug', '=', 'eco-0')
        .execute();
      assert.doesNotMatch(
        (await t.app.inject('/feed.xml')).body,
        /sans événement/,
        'served from the cache',
      );
      const eco0 = await t.ctx.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'eco-0')
        .executeTakeFirstOrThrow();
      await updateArticleForTest(t.ctx, eco0.id, { lead: 'Chapô revu.' });
      assert.match((await t.app.inject('/feed.xml')).body, /sans événement/);
      assert.doesNotMatch(
        (await t.app.inject('/feed.json')).body,
        /SECRET embargo/,
      );
      t.clock.set(new Date(now + HOUR + 1000));
      assert.match(
        (await t.app.inject('/feed.json')).body,
        /SECRET embargo/,
        'visible once the embargo is over, with no event',
      );
      t.clock.set(new Date(now + 20 * 60_000));
    });

    test('unknown section, tag or author: 404', async () => {
      for (const url of [
        '/rubrique/inconnue/feed.xml',
        '/sujet/x/feed.atom',
        '/auteur/y/feed.json',
      ]) {
        assert.equal((await t.app.inject(url)).statusCode, 404, url);
      }
    });

    test('autodiscovery: every page links the site feeds; section, tag and author pages their own', async () => {
      const alternates = async (url: string) => {
        const $ = cheerio.load((await t.app.inject(url)).body);
        return $('link[rel=alternate]')
          .map((_, el) => `${$(el).attr('type')} ${$(el).attr('href')}`)
          .get();
      };
      const site = [
        'application/rss+xml https://journal.example/feed.xml',
        'application/atom+xml https://journal.example/feed.atom',
        'application/feed+json https://journal.example/feed.json',
      ];
      assert.deepEqual(await alternates('/'), site);
      assert.deepEqual(await alternates('/articles/eco-1'), site);
      assert.deepEqual(await alternates('/page-inexistante'), site);
      assert.deepEqual(await alternates('/rubrique/economie'), [
        ...site,
        ...site.map((s) =>
          s.replace(
            'https://journal.example/',
            'https://journal.example/rubrique/economie/',
          ),
        ),
      ]);
      assert.ok(
        (await alternates('/sujet/inflation')).includes(
          'application/rss+xml https://journal.example/sujet/inflation/feed.xml',
        ),
      );
      assert.ok(
        (await alternates('/auteur/youssef-el-alaoui')).includes(
          'application/atom+xml https://journal.example/auteur/youssef-el-alaoui/feed.atom',
        ),
      );
    });

    test('teardown', async () => {
      await t.app.close();
    });
  },
);
