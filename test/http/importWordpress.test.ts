import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { storageEnv } from '../support/s3Server.ts';
import { jpeg } from '../support/pictures.ts';
import { SHARED_MISSING, sharedFile } from '../support/shared.ts';
import { importState } from '../support/importState.ts';
import {
  importWordpress,
  type ImportOptions,
} from '../../src/import/importWordpress.ts';
import type { ImportReport } from '../../src/import/report.ts';
import { listRedirects } from '../../src/db/repos/imports.ts';

const THEME = sharedFile(
  'data/wordpress-wxr/theme-test-data/themeunittestdata.wordpress.xml',
);
const IMPORTER = sharedFile('data/wordpress-wxr/wordpress-importer');

/**
 * What the file holds, counted with plain text matching rather than the importer's own XML
 * reader: items by post type and status, comments, categories, tags, authors.
 */
function countFile(path: string) {
  const text = readFileSync(path, 'utf8');
  const value = (block: string, tag: string) =>
    new RegExp(
      `<${tag}>(?:<!\\[CDATA\\[)?\\s*([^<\\]]*?)\\s*(?:\\]\\]>)?</${tag}>`,
    ).exec(block)?.[1] ?? '';
  const items = text.split('<item>').slice(1);
  const byTypeStatus: Record<string, number> = {};
  let comments = 0;
  for (const item of items) {
    const key = `${value(item, 'wp:post_type')}/${value(item, 'wp:status')}`;
    byTypeStatus[key] = (byTypeStatus[key] ?? 0) + 1;
    comments += item.split('<wp:comment>').length - 1;
  }
  const distinct = (re: RegExp) =>
    new Set([...text.matchAll(re)].map((m) => m[1])).size;
  return {
    byTypeStatus,
    comments,
    authors: text.split('<wp:author>').length - 1,
    categories: distinct(
      /domain="category" nicename="([^"]+)"|<wp:category_nicename>(?:<!\[CDATA\[)?([^<\]]+)/g,
    ),
    categoryNicenames: new Set(
      [
        ...text.matchAll(/domain="category" nicename="([^"]+)"/g),
        ...text.matchAll(/<wp:category_nicename>(?:<!\[CDATA\[)?([^<\]]+)/g),
      ].map((m) => m[1]!),
    ),
    tagSlugs: new Set(
      [
        ...text.matchAll(/domain="post_tag" nicename="([^"]+)"/g),
        ...text.matchAll(/<wp:tag_slug>(?:<!\[CDATA\[)?([^<\]]+)/g),
      ].map((m) => m[1]!),
    ),
  };
}

const baseOptions = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  dryRun: false,
  uploads: null,
  fetchPictures: false,
  keepShortcodes: true,
  sectionMap: new Map(),
  batchSize: 25,
  timeZone: 'Africa/Casablanca',
  ...extra,
});

describeEachDialect(
  'newsdesk import wordpress: the theme unit test data',
  (getDb) => {
    let t: TestApp;
    let stop: () => Promise<void>;
    let uploads: string;
    let report: ImportReport;

    test('setup', { skip: THEME ? false : SHARED_MISSING }, async () => {
      const storage = await storageEnv('disk');
      stop = storage.stop;
      t = await buildTestApp(getDb(), storage.env);
      // A copy of wp-content/uploads with two of the site's pictures: one wide enough for a cover
      // (a post's featured image), one body picture; the others are missing and reported.
      uploads = mkdtempSync(join(tmpdir(), 'newsdesk-uploads-'));
      mkdirSync(join(uploads, '2013/03'), { recursive: true });
      writeFileSync(
        join(uploads, '2013/03/featured-image-horizontal.jpg'),
        await jpeg({ width: 1600, height: 900 }),
      );
      writeFileSync(
        join(uploads, '2013/03/image-alignment-580x300.jpg'),
        await jpeg({ width: 580, height: 300, hue: 30 }),
      );
    });

    test('a dry run writes nothing and says what it would import', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      const dry = await importWordpress(
        t.ctx,
        t.ctx.search,
        THEME!,
        baseOptions({ dryRun: true, uploads }),
      );
      assert.ok((dry.counts['post']?.imported ?? 0) > 0);
      const state = await importState(t.ctx.db, t.ctx.search);
      assert.equal(state.counts['articles'], 0);
      assert.equal(state.counts['import_map'], 0);
    });

    test('imports with nothing lost: every record counted against the file', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      report = await importWordpress(
        t.ctx,
        t.ctx.search,
        THEME!,
        baseOptions({ uploads }),
      );
      const file = countFile(THEME!);
      const c = report.counts;
      assert.equal(report.error, null);
      const fileCount = (type: string, status?: string) =>
        Object.entries(file.byTypeStatus)
          .filter(
            ([k]) =>
              k.startsWith(`${type}/`) &&
              (!status || k === `${type}/${status}`),
          )
          .reduce((n, [, v]) => n + v, 0);
      // Posts and pages: all of them are articles, by status.
      assert.equal(c['post']?.read, fileCount('post'));
      assert.equal(c['post']?.imported, fileCount('post'));
      assert.equal(c['page']?.imported, fileCount('page'));
      const rows = await t.ctx.db
        .selectFrom('articles')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      const byStatus = Object.fromEntries(
        rows.map((r) => [r.status, Number(r.n)]),
      );
      assert.equal(
        byStatus['published'],
        fileCount('post', 'publish') + fileCount('page', 'publish'),
      );
      assert.equal(
        byStatus['draft'] ?? 0,
        fileCount('post', 'draft') + fileCount('page', 'draft'),
      );
      assert.equal(byStatus['scheduled'] ?? 0, fileCount('post', 'future'));
      // Categories → sections (plus « Pages »), tags, authors.
      const sections = await t.ctx.db
        .selectFrom('sections')
        .select('slug')
        .execute();
      const sectionSlugs = new Set(sections.map((s) => s.slug));
      for (const slug of file.categoryNicenames)
        assert.ok(
          sectionSlugs.has(slug) || sectionSlugs.has(slug.toLowerCase()),
          `section ${slug}`,
        );
      assert.ok(sectionSlugs.has('pages'));
      const tags = new Set(
        (await t.ctx.db.selectFrom('tags').select('slug').execute()).map(
          (r) => r.slug,
        ),
      );
      for (const slug of file.tagSlugs)
        assert.ok(tags.has(slug), `tag ${slug}`);
      const authors = await t.ctx.db
        .selectFrom('authors')
        .select('slug')
        .execute();
      assert.ok(authors.length >= file.authors, `${authors.length} authors`);
      // Comments: no comments table here, so every one is reported, by post.
      assert.equal(c['comment']?.read, file.comments);
      assert.equal(c['comment']?.skipped, file.comments);
      // Attachments: each is re-hosted or listed with its reason.
      assert.equal(c['attachment']?.read, fileCount('attachment'));
      const attachments = report.skipped.filter(
        (s) => s.type === 'attachment',
      ).length;
      assert.equal(
        attachments + (c['attachment']?.imported ?? 0),
        fileCount('attachment'),
      );
      assert.equal(c['attachment']?.imported, 2);
      // Menus are not content: every one listed.
      assert.equal(c['nav_menu_item']?.skipped, fileCount('nav_menu_item'));
      // Every skipped record says why.
      for (const s of report.skipped)
        assert.ok(s.reason.length > 5, JSON.stringify(s));
      console.log(report.toText());
    });

    test('pictures go into the library: the featured image is the cover, body pictures are figures', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      const media = await t.ctx.db
        .selectFrom('media')
        .select(['id', 'width'])
        .execute();
      assert.equal(media.length, 2);
      const wide = media.find((m) => m.width === 1600)!;
      const covered = await t.ctx.db
        .selectFrom('articles')
        .select(['slug', 'cover_media_id'])
        .where('cover_media_id', '=', wide.id)
        .execute();
      assert.ok(covered.length >= 1);
      const small = media.find((m) => m.width === 580)!;
      const withFigure = await t.ctx.db
        .selectFrom('articles')
        .select(['slug', 'body_source', 'body_html'])
        .where('body_source', 'like', `%](media:${small.id}%`)
        .execute();
      assert.ok(withFigure.length >= 1);
      assert.match(withFigure[0]!.body_html, /<figure/);
      const uses = await t.ctx.db
        .selectFrom('media_uses')
        .select('article_id')
        .execute();
      assert.ok(uses.length >= covered.length + withFigure.length);
    });

    test('every imported article’s old URL answers 301 to its new one', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      const redirects = await listRedirects(t.ctx.db);
      const articles = await t.ctx.db
        .selectFrom('articles')
        .select(['id', 'slug', 'status'])
        .execute();
      const published = articles.filter((a) => a.status === 'published');
      const withRedirect = new Set(redirects.map((r) => r.articleId));
      for (const a of published) assert.ok(withRedirect.has(a.id), a.slug);
      let checked = 0;
      for (const r of redirects) {
        const a = articles.find((x) => x.id === r.articleId)!;
        const res = await t.app.inject({ method: 'GET', url: r.fromPath });
        if (a.status !== 'published') {
          // A draft's old address must not reveal it.
          assert.equal(res.statusCode, 404, r.fromPath);
          continue;
        }
        assert.equal(res.statusCode, 301, `${r.fromPath} → ${res.statusCode}`);
        assert.equal(
          res.headers.location,
          `/articles/${encodeURIComponent(a.slug)}`,
        );
        checked++;
      }
      assert.equal(checked, published.length);
      // The target is the article's page.
      const one = redirects.find((r) =>
        published.some((a) => a.id === r.articleId),
      )!;
      const res = await t.app.inject({ method: 'GET', url: one.toPath });
      assert.equal(res.statusCode, 200);
      // Without the trailing slash too.
      const bare = redirects.find(
        (r) =>
          r.fromPath.endsWith('/') &&
          published.some((a) => a.id === r.articleId),
      )!;
      const res2 = await t.app.inject({
        method: 'GET',
        url: bare.fromPath.slice(0, -1),
      });
      assert.equal(res2.statusCode, 301);
    });

    test('a second run changes nothing', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      const before = await importState(t.ctx.db, t.ctx.search);
      const again = await importWordpress(
        t.ctx,
        t.ctx.search,
        THEME!,
        baseOptions({ uploads }),
      );
      const after = await importState(t.ctx.db, t.ctx.search);
      assert.deepEqual(after, before);
      assert.equal(again.counts['post']?.imported, 0);
      assert.equal(
        again.counts['post']?.unchanged,
        report.counts['post']?.imported,
      );
    });

    test('search, duplicates and sitemaps know the imported articles', {
      skip: THEME ? false : SHARED_MISSING,
    }, async () => {
      const state = await importState(t.ctx.db, t.ctx.search);
      assert.equal(state.counts['search'], state.counts['articles']);
      assert.ok((state.counts['editorial_signatures'] ?? 0) > 0);
      const res = await t.app.inject({
        method: 'GET',
        url: '/recherche?q=alignment',
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Alignment/i);
      const sitemap = await t.app.inject({
        method: 'GET',
        url: '/sitemap.xml',
      });
      assert.equal(sitemap.statusCode, 200);
    });

    test('teardown', async () => {
      await t?.app.close();
      await stop?.();
      if (uploads) rmSync(uploads, { recursive: true, force: true });
    });
  },
);

describeEachDialect(
  'newsdesk import wordpress: the importer’s malformed and edge-case files',
  (getDb) => {
    let t: TestApp;
    let stop: () => Promise<void>;
    test('every file: a clear error or a clean import, never a crash', {
      skip: IMPORTER ? false : SHARED_MISSING,
    }, async () => {
      const storage = await storageEnv('disk');
      stop = storage.stop;
      t = await buildTestApp(getDb(), storage.env);
      const files = ['phpunit-data', 'e2e-fixtures'].flatMap((d) =>
        readdirSync(join(IMPORTER!, d))
          .filter((f) => f.endsWith('.xml'))
          .map((f) => join(IMPORTER!, d, f)),
      );
      assert.ok(files.length >= 30);
      const errors: Record<string, string> = {};
      for (const file of files) {
        const r = await importWordpress(
          t.ctx,
          t.ctx.search,
          file,
          baseOptions(),
        );
        if (r.error) errors[file.split('/').pop()!] = r.error;
      }
      // The broken files say where they break, and that what came before was imported.
      for (const name of [
        'malformed.xml',
        'malformed-simple.xml',
        'crazy-cdata.xml',
      ])
        assert.match(
          errors[name] ?? '',
          /malformed at line \d+, column \d+/,
          name,
        );
      assert.deepEqual(Object.keys(errors).sort(), [
        'crazy-cdata.xml',
        'malformed-simple.xml',
        'malformed.xml',
      ]);
      console.log(errors);
      const n = await t.ctx.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(n.n) > 50);
      // crazy-cdata.xml breaks after its first item: that one is in.
      const crazy = await importWordpress(
        t.ctx,
        t.ctx.search,
        join(IMPORTER!, 'phpunit-data/crazy-cdata.xml'),
        baseOptions(),
      );
      assert.equal(
        (crazy.counts['post']?.unchanged ?? 0) +
          (crazy.counts['post']?.imported ?? 0),
        1,
      );
      await t.app.close();
      await stop();
    });
  },
);
