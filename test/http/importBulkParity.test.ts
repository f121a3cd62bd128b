import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  ImportWriter,
  type ImportedArticle,
} from '../../src/commands/importArticles.ts';
import { createArticle } from '../../src/commands/createArticle.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';
import { insertAuthor, insertSection } from '../../src/db/repos/taxonomy.ts';
import type { Db } from '../../src/db/database.ts';

/** A dozen news texts, two of them rewrites of others (the duplicate guard must pair them). */
const TOPICS = [
  [
    'Le gouvernement annonce une réforme des retraites',
    'Le Premier ministre a présenté à Rabat une réforme des retraites contestée par les syndicats, qui appellent à la grève.',
  ],
  [
    'Casablanca inaugure une nouvelle ligne de tramway',
    'La ligne relie le centre de Casablanca à l’aéroport Mohammed V ; la mairie prévoit 80 000 voyageurs par jour.',
  ],
  [
    'Le Raja remporte le championnat',
    'Le Raja de Casablanca a battu le Wydad deux buts à un et remporte le championnat national de football.',
  ],
  [
    'Sécheresse : les barrages à 30 %',
    'Le ministère de l’Équipement indique que les barrages du Maroc sont remplis à 30 % après une année de sécheresse.',
  ],
  [
    'Tanger Med bat un record de conteneurs',
    'Le port de Tanger Med a traité plus de huit millions de conteneurs cette année, un record selon l’autorité portuaire.',
  ],
  [
    'Inflation : les prix du carburant reculent',
    'Les prix du gazole et de l’essence baissent pour la deuxième semaine, annonce la Fédération de l’énergie.',
  ],
];
const texts = [
  ...TOPICS.map(([t, b]) => ({
    title: t!,
    body: `${b}\n\n${b} Les réactions se multiplient.`,
  })),
  // Rewrites of the first two.
  {
    title: 'Réforme des retraites : le gouvernement passe à l’acte',
    body: `${TOPICS[0]![1]}\n\nLes syndicats appellent à la grève dès lundi.`,
  },
  {
    title: 'Un nouveau tramway pour Casablanca',
    body: `${TOPICS[1]![1]}\n\nLes travaux ont duré quatre ans.`,
  },
  // A long story: past the term bag's 600 body terms and the shingles' 1,500 characters (both
  // stop reading there), with a figure and a word only at its end, which search must still find.
  {
    title: 'L’année en revue : retraites, tramway, barrages et conteneurs',
    body: `${Array.from(
      { length: 12 },
      (_, k) => `Chapitre ${k + 1}. ${TOPICS.map(([, b]) => b).join(' ')}`,
    ).join('\n\n')}\n\nÀ Ouarzazate, 4.700 panneaux solaires ont été posés.`,
  },
];

/** The one left as a draft (not one the search below looks for). */
const DRAFT = 5;

async function rows(db: Db) {
  const slugOf = new Map(
    (await db.selectFrom('articles').select(['id', 'slug']).execute()).map(
      (a) => [a.id, a.slug],
    ),
  );
  const signatures = (
    await db
      .selectFrom('editorial_signatures')
      .select([
        'article_id',
        'status',
        'day',
        'signature',
        'entities',
        'counted_section',
        'counted_terms',
      ])
      .execute()
  )
    .map((r) => ({ ...r, article_id: slugOf.get(r.article_id) }))
    .sort((a, b) => String(a.article_id).localeCompare(String(b.article_id)));
  const postings = (
    await db
      .selectFrom('editorial_postings')
      .select(['term', 'day', 'article_id'])
      .execute()
  )
    .map((r) => `${r.term}:${r.day}:${slugOf.get(r.article_id)}`)
    .sort();
  const terms = (
    await db.selectFrom('editorial_terms').select(['term', 'docs']).execute()
  )
    .map((r) => `${r.term}:${r.docs}`)
    .sort();
  const sections = (
    await db
      .selectFrom('editorial_sections')
      .select(['docs', 'terms'])
      .execute()
  ).map((r) => `${r.docs}:${r.terms}`);
  return { signatures, postings, terms, sections };
}

describeEachDialect(
  'bulk import and one-by-one commands give the same derived indexes',
  (getDb) => {
    let other: TestDatabase;
    let bulk: TestApp, single: TestApp;

    test('same answers from search, the duplicate guard’s index and the sitemaps', async () => {
      other = await createTestDatabase(getDb().dialect);
      bulk = await buildTestApp(getDb());
      single = await buildTestApp(other);
      const at = new Date('2025-07-01T09:00:00Z');
      for (const t of [bulk, single]) {
        await insertSection(
          t.ctx.db,
          { slug: 'maroc', name: 'Maroc', description: '', position: 0 },
          at,
        );
        await insertAuthor(
          t.ctx.db,
          { slug: 'redaction', name: 'La rédaction', bio: '', userId: null },
          at,
        );
      }
      const actor = systemActor('test');
      // One by one: the commands, each article created then published back-dated.
      const section = await single.ctx.db
        .selectFrom('sections')
        .select('id')
        .executeTakeFirstOrThrow();
      const author = await single.ctx.db
        .selectFrom('authors')
        .select('id')
        .executeTakeFirstOrThrow();
      for (const [i, x] of texts.entries()) {
        const id = await createArticle(single.ctx, actor, {
          title: x.title,
          lead: '',
          bodySource: x.body,
          sectionId: section.id,
          authorIds: [author.id],
        });
        // A draft among them: signed and filed, but not counted in the term frequencies.
        if (i === DRAFT) continue;
        await publishArticle(single.ctx, actor, {
          articleId: id,
          publishedAt: new Date(at.getTime() + i * 3_600_000),
          overrideDuplicate: true,
        });
      }
      // In bulk: one batch through the import writer.
      const writer = new ImportWriter(bulk.ctx, bulk.ctx.search, 'test', actor);
      await writer.ensureTerm('section', 'maroc', {
        slug: 'maroc',
        name: 'Maroc',
      });
      await writer.ensureTerm('author', 'redaction', {
        slug: 'redaction',
        name: 'La rédaction',
      });
      const slugs = await single.ctx.db
        .selectFrom('articles')
        .select(['slug', 'title', 'updated_at'])
        .execute();
      const draftEdited = new Date(
        slugs.find((s) => s.title === texts[DRAFT]!.title)!.updated_at,
      );
      const batch: ImportedArticle[] = texts.map((x, i) => ({
        sourceId: String(i),
        status: i === DRAFT ? 'draft' : 'published',
        title: x.title,
        slug: slugs.find((s) => s.title === x.title)!.slug,
        lead: '',
        bodySource: x.body,
        sectionKey: 'maroc',
        authorKeys: ['redaction'],
        tagKeys: [],
        createdAt:
          i === DRAFT ? draftEdited : new Date(at.getTime() + i * 3_600_000),
        publishedAt:
          i === DRAFT ? null : new Date(at.getTime() + i * 3_600_000),
        modifiedAt: null,
        scheduledAt: null,
        deletedAt: null,
        seoTitle: null,
        seoDescription: null,
        oldPaths: [],
        cover: null,
      }));
      // Two batches: the second's weights must read the first's counts.
      const first = await writer.writeBatch(batch.slice(0, 5));
      const second = await writer.writeBatch(batch.slice(5));
      assert.equal(first.imported + second.imported, texts.length);

      // The editorial index (what the duplicate guard and related articles read): the same rows.
      const [a, b] = [await rows(bulk.ctx.db), await rows(single.ctx.db)];
      assert.equal(a.signatures.length, texts.length);
      assert.deepEqual(a, b);
      // Search: the same hits, in the same order.
      for (const q of [
        'retraites',
        'Casablanca',
        'tramway',
        'barrages sécheresse',
        'Raja',
        'Ouarzazate',
      ]) {
        const hits = async (t: TestApp) => {
          const res = await t.app.inject({
            method: 'GET',
            url: `/recherche?q=${encodeURIComponent(q)}`,
          });
          assert.equal(res.statusCode, 200);
          return [...res.body.matchAll(/href="\/articles\/([^"]+)"/g)].map(
            (m) => m[1],
          );
        };
        const [x, y] = [await hits(bulk), await hits(single)];
        assert.ok(x.length > 0, q);
        assert.deepEqual(x, y, q);
      }
      // Sitemaps: the same addresses.
      const locs = async (t: TestApp, url: string) => {
        const res = await t.app.inject({ method: 'GET', url });
        return [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)]
          .map((m) => m[1])
          .sort();
      };
      const index = await locs(bulk, '/sitemap.xml');
      assert.deepEqual(index, await locs(single, '/sitemap.xml'));
      for (const loc of index) {
        const path = new URL(loc!).pathname;
        assert.deepEqual(
          await locs(bulk, path),
          await locs(single, path),
          path,
        );
      }
      await bulk.app.close();
      await single.app.close();
      await other.drop();
    });
  },
);

describeEachDialect(
  'a batch written in chunks indexes as batches of one article do',
  (getDb) => {
    test('same signatures, postings and term counts for 130 articles (three chunks) as for 130 batches', async () => {
      const other = await createTestDatabase(getDb().dialect);
      const whole = await buildTestApp(getDb());
      const single = await buildTestApp(other);
      const actor = systemActor('test');
      const at = new Date('2025-07-01T09:00:00Z');
      // Two sections and a few drafts: counts per section, drafts signed but not counted.
      const batch: ImportedArticle[] = Array.from({ length: 130 }, (_, i) => {
        const [title, body] = TOPICS[i % TOPICS.length]!;
        const day = new Date(at.getTime() + i * 3_600_000);
        return {
          sourceId: String(i),
          status: i % 9 === 4 ? 'draft' : 'published',
          title: `${title} (${i})`,
          slug: `article-${i}`,
          lead: '',
          bodySource: `${body}\n\n${TOPICS[(i * 5) % TOPICS.length]![1]} Bilan n° ${i * 37}.`,
          sectionKey: i % 3 === 0 ? 'monde' : 'maroc',
          authorKeys: [],
          tagKeys: [],
          createdAt: day,
          publishedAt: i % 9 === 4 ? null : day,
          modifiedAt: null,
          scheduledAt: null,
          deletedAt: null,
          seoTitle: null,
          seoDescription: null,
          oldPaths: [],
          cover: null,
        };
      });
      const writers = [whole, single].map(
        (t) => new ImportWriter(t.ctx, t.ctx.search, 'test', actor),
      );
      for (const w of writers)
        for (const s of ['maroc', 'monde'])
          await w.ensureTerm('section', s, { slug: s, name: s });
      assert.equal((await writers[0]!.writeBatch(batch)).imported, 130);
      for (const a of batch) await writers[1]!.writeBatch([a]);
      const [a, b] = [await rows(whole.ctx.db), await rows(single.ctx.db)];
      assert.equal(a.signatures.length, 130);
      assert.ok(a.terms.length > 0);
      assert.deepEqual(a, b);
      await whole.app.close();
      await single.app.close();
      await other.drop();
    });
  },
);
