import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { storageEnv } from '../support/s3Server.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { jpeg } from '../support/pictures.ts';
import { importState } from '../support/importState.ts';
import { systemActor } from '../../src/commands/context.ts';
import { uploadMedia } from '../../src/commands/media/uploadMedia.ts';
import { updateMedia } from '../../src/commands/media/updateMedia.ts';
import { importRedirects } from '../../src/commands/importRedirects.ts';
import { setSectionInNewsSitemap } from '../../src/commands/setSectionInNewsSitemap.ts';
import { addTagAlias } from '../../src/db/repos/tagAliases.ts';
import type { Db } from '../../src/db/database.ts';
import { exportNewsroom } from '../../src/export/exportNewsroom.ts';
import { importNewsdesk } from '../../src/import/importNewsdesk.ts';
import { paths } from '../../src/presenters/urls.ts';
import { sitemapPaths } from '../../src/presenters/distributionUrls.ts';

/**
 * What must differ between the two sites, and only that: the live script's starting point is
 * the position in each database's event log, which counts the source's history (each edit,
 * each publication) while the import writes one summary event per batch.
 */
const normalise = (body: string) =>
  body.replace(/ data-since="\d+"/g, ' data-since="N"');

/** Every public page of a site: home, articles, sections, tags, authors, feeds, sitemaps. */
async function publicPages(t: TestApp): Promise<Map<string, string>> {
  const db = t.ctx.db;
  const urls = new Set<string>(['/', sitemapPaths.index()]);
  const published = await db
    .selectFrom('articles')
    .select('slug')
    .where('status', '=', 'published')
    .execute();
  for (const a of published) urls.add(paths.article(a.slug));
  for (const s of await db.selectFrom('sections').select('slug').execute())
    urls.add(paths.section(s.slug));
  for (const s of await db.selectFrom('tags').select('slug').execute())
    urls.add(paths.tag(s.slug));
  for (const s of await db.selectFrom('authors').select('slug').execute())
    urls.add(paths.author(s.slug));
  // Each listing's three feeds, and the site's.
  for (const base of [...urls]
    .filter(
      (u) => u !== '/' && !u.startsWith('/articles/') && !u.endsWith('.xml'),
    )
    .concat(''))
    for (const ext of ['xml', 'atom', 'json']) urls.add(`${base}/feed.${ext}`);
  const pages = new Map<string, string>();
  const queue = [...urls];
  while (queue.length) {
    const url = queue.shift()!;
    const res = await t.app.inject({ method: 'GET', url });
    pages.set(url, `${res.statusCode}\n${normalise(res.body)}`);
    // The sitemap index names the monthly and listing sitemaps: follow them.
    for (const m of res.body.matchAll(
      /https:\/\/journal\.example(\/sitemaps\/[^<"\s]+\.xml)/g,
    ))
      if (!pages.has(m[1]!) && !queue.includes(m[1]!)) queue.push(m[1]!);
  }
  return pages;
}

/** Each tag's aliases by tag slug (pages show none: they are compared on their own). */
async function tagAliases(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('tag_aliases')
    .innerJoin('tags', 'tags.id', 'tag_aliases.tag_id')
    .select(['tags.slug', 'tag_aliases.alias', 'tag_aliases.alias_key'])
    .orderBy('tags.slug')
    .orderBy('tag_aliases.alias_key')
    .execute();
  return rows.map((r) => `${r.slug}: ${r.alias} (${r.alias_key})`);
}

/** The first line that differs, with its number, or null: readable where a page is long. */
function firstDifference(got: string, want: string): string | null {
  const g = got.split('\n');
  const w = want.split('\n');
  for (let i = 0; i < Math.max(g.length, w.length); i++)
    if (g[i] !== w[i]) return `line ${i + 1}: got ${g[i]} / want ${w[i]}`;
  return null;
}

describeEachDialect('newsdesk export, then import newsdesk', (getDb) => {
  test('export → import into an empty database gives back the same site', async (tc) => {
    const storageA = await storageEnv('disk');
    const storageB = await storageEnv('disk');
    let target: TestDatabase | null = null;
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-export-'));
    try {
      const a = await buildTestApp(getDb(), storageA.env);
      const ctx = a.ctx;
      const actor = systemActor('test');
      // A small newsroom with everything the export carries.
      const politique = await buildSection(ctx, { slug: 'politique' });
      const culture = await buildSection(ctx, { slug: 'culture' });
      const amina = await buildAuthor(ctx, { slug: 'amina', bio: 'Rabat.' });
      const karim = await buildAuthor(ctx, { slug: 'karim' });
      const budget = await buildTag(ctx, { slug: 'budget' });
      const festival = await buildTag(ctx, { slug: 'festival' });
      // Other names of a tag (entities read in texts match them): they must come back too.
      await addTagAlias(
        ctx.db,
        budget.id,
        'Loi de finances',
        'loi-de-finances',
      );
      await addTagAlias(ctx.db, budget.id, 'PLF', 'plf');
      const file = join(dir, '..', `h13-${process.pid}-cover.jpg`);
      writeFileSync(file, await jpeg({ width: 1600, height: 1000, hue: 30 }));
      const up = await uploadMedia(ctx, actor, {
        path: file,
        fileName: 'port.jpg',
      });
      rmSync(file);
      const picture = await updateMedia(ctx, actor, {
        mediaId: up.id,
        expectedVersion: up.version,
        fields: {
          alt: 'Le port de Tanger',
          decorative: false,
          caption: 'Le port au matin',
          credit: 'Photo : A. B.',
          copyright: '',
          usageNotes: '',
          focal: { x: 0.3, y: 0.6 },
          crops: { '1:1': { x: 100, y: 0, width: 1000, height: 1000 } },
        },
      });
      // Within the Google News sitemap's two days before the test's "now".
      const base = Date.parse('2025-07-10T02:00:00Z');
      const first = await buildArticle(ctx, {
        slug: 'le-budget-vote',
        sectionId: politique.id,
        authorIds: [amina.id, karim.id],
        tagIds: [budget.id],
        publishedAt: new Date(base),
        cover: {
          mediaId: picture.id,
          url: '',
          alt: '',
          caption: null,
          credit: null,
        },
      });
      await buildArticle(ctx, {
        slug: 'le-festival-ouvre',
        sectionId: culture.id,
        authorIds: [karim.id],
        tagIds: [festival.id, budget.id],
        publishedAt: new Date(base + 3_600_000),
        bodySource: `Le festival ouvre ses portes.\n\n![Le port](media:${picture.id} "Le port au matin — Photo : A. B.")\n\n[Lire aussi : le budget](article:${first.id})`,
      });
      for (let i = 0; i < 5; i++)
        await buildArticle(ctx, {
          sectionId: i % 2 ? culture.id : politique.id,
          authorIds: [amina.id],
          tagIds: i % 2 ? [festival.id] : [],
          publishedAt: new Date(base + (i + 2) * 3_600_000),
        });
      await buildArticle(ctx, {
        status: 'draft',
        sectionId: culture.id,
        authorIds: [amina.id],
      });
      // Opinion-like section kept out of the Google News sitemap: it must stay out.
      await setSectionInNewsSitemap(ctx, actor, {
        slug: 'culture',
        include: false,
      });
      await importRedirects(
        ctx,
        actor,
        '/ancien-site/budget.html,/articles/le-budget-vote\n',
      );

      const exportDir = join(dir, 'export');
      let progress = 0;
      const manifest = await exportNewsroom(
        ctx.db,
        ctx.media.storage,
        exportDir,
        {
          siteUrl: 'https://journal.example',
          now: a.clock.now(),
          onProgress: () => progress++,
        },
      );
      assert.deepEqual(manifest.counts, {
        sections: 2,
        tags: 2,
        authors: 2,
        editions: manifest.counts['editions'],
        media: 1,
        articles: 8,
        redirects: 1,
      });
      assert.equal(progress, 9);
      assert.equal(readdirSync(join(exportDir, 'articles')).length, 16);
      assert.deepEqual(readdirSync(join(exportDir, 'media')), [
        `${picture.id}.jpg`,
      ]);
      // Exporting into a folder that is not empty is refused, nothing overwritten.
      await assert.rejects(
        exportNewsroom(ctx.db, ctx.media.storage, exportDir, {
          siteUrl: 'x',
          now: a.clock.now(),
        }),
        /not empty/,
      );

      target = await createTestDatabase(getDb().dialect);
      const b = await buildTestApp(target, storageB.env);
      const report = await importNewsdesk(b.ctx, b.ctx.search, exportDir, {
        dryRun: false,
        batchSize: 3,
      });
      assert.equal(report.error, null);
      assert.equal(report.counts['article']?.imported, 8);
      assert.equal(report.counts['media']?.imported, 1);
      assert.equal(report.counts['redirect']?.imported, 1);
      const imported = await b.ctx.db
        .selectFrom('media')
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(Number(imported.focal_x), 0.3);
      assert.equal(imported.content_hash, picture.contentHash);

      assert.deepEqual(await tagAliases(b.ctx.db), await tagAliases(ctx.db));
      assert.equal((await tagAliases(ctx.db)).length, 2);
      const before = await publicPages(a);
      const after = await publicPages(b);
      assert.ok(before.size >= 40, `${before.size} pages`);
      assert.ok(before.has(sitemapPaths.news()));
      tc.diagnostic(`${before.size} public pages compared`);
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
      for (const [url, page] of before) {
        assert.match(page, /^200\n/, url);
        assert.equal(firstDifference(after.get(url) ?? '', page), null, url);
      }
      const old = await b.app.inject({ url: '/ancien-site/budget.html' });
      assert.equal(old.statusCode, 301);

      // A folder that is no export, and a record naming a file outside its folder: clear
      // messages, nothing written.
      const none = await importNewsdesk(b.ctx, b.ctx.search, dir, {
        dryRun: false,
        batchSize: 3,
      });
      assert.match(none.error ?? '', /no newsdesk-export\.json/);
      const crafted = join(dir, 'crafted');
      mkdirSync(crafted);
      copyFileSync(
        join(exportDir, 'newsdesk-export.json'),
        join(crafted, 'newsdesk-export.json'),
      );
      const record = JSON.parse(
        readFileSync(join(exportDir, 'articles.jsonl'), 'utf8').split('\n')[0]!,
      );
      writeFileSync(
        join(crafted, 'articles.jsonl'),
        `${JSON.stringify({ ...record, id: 999, body: '../export/articles/1.md' })}\n`,
      );
      const outside = await importNewsdesk(b.ctx, b.ctx.search, crafted, {
        dryRun: false,
        batchSize: 3,
      });
      assert.deepEqual(
        outside.skipped.map((r) => r.reason),
        ['../export/articles/1.md is missing'],
      );
      appendFileSync(join(crafted, 'articles.jsonl'), '{oops\n');
      await assert.rejects(
        importNewsdesk(b.ctx, b.ctx.search, crafted, {
          dryRun: false,
          batchSize: 3,
        }),
        /articles\.jsonl, line 2: not a JSON record/,
      );
      const stateAfterBad = await importState(b.ctx.db, b.ctx.search);

      // A second run changes nothing.
      const stateOnce = await importState(b.ctx.db, b.ctx.search);
      const again = await importNewsdesk(b.ctx, b.ctx.search, exportDir, {
        dryRun: false,
        batchSize: 3,
      });
      assert.equal(again.counts['article']?.unchanged, 8);
      assert.equal(again.counts['article']?.imported ?? 0, 0);
      assert.deepEqual(await importState(b.ctx.db, b.ctx.search), stateOnce);
      assert.deepEqual(stateAfterBad, stateOnce);
    } finally {
      await target?.drop();
      await storageA.stop();
      await storageB.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
