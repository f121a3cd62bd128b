import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { storageEnv } from '../support/s3Server.ts';
import { SHARED_MISSING, sharedFile } from '../support/shared.ts';
import { importState } from '../support/importState.ts';
import { importWordpress } from '../../src/import/importWordpress.ts';
import { importGhost } from '../../src/import/importGhost.ts';
import { importedTagKind } from '../../src/import/tagKinds.ts';

const THEME = sharedFile(
  'data/wordpress-wxr/theme-test-data/themeunittestdata.wordpress.xml',
);
const GHOST = sharedFile('data/ghost-export/tryghost-migrate/ghost.json');

/** A French post (written for this test) tagged with a place, a person and a topic. */
const FRENCH_ITEM = `<item>
<title><![CDATA[Nasser Bourita présente la saison culturelle]]></title>
<link>https://wpthemetestdata.wordpress.com/2024/05/02/saison-culturelle/</link>
<dc:creator><![CDATA[themedemos]]></dc:creator>
<content:encoded><![CDATA[<p>Le ministre des Affaires étrangères Nasser Bourita a présenté jeudi à Rabat la saison culturelle que le Maroc consacre à ses voisins. Selon le ministère de la Culture, quarante villes accueilleront des expositions.</p><p>Nasser Bourita a rappelé que les ambassades y prendront part.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>990001</wp:post_id>
<wp:post_date_gmt>2024-05-02 10:00:00</wp:post_date_gmt>
<wp:post_name><![CDATA[saison-culturelle]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="post_tag" nicename="maroc"><![CDATA[Maroc]]></category>
<category domain="post_tag" nicename="nasser-bourita"><![CDATA[Nasser Bourita]]></category>
<category domain="post_tag" nicename="culture"><![CDATA[Culture]]></category>
</item>
`;

async function kinds(t: TestApp, slugs: string[]) {
  const rows = await t.ctx.db
    .selectFrom('tags')
    .select(['slug', 'kind'])
    .where('slug', 'in', slugs)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.slug, r.kind]));
}

test('a tag name alone: only a known place keeps a kind; a topic word never becomes a name', () => {
  assert.equal(importedTagKind('Maroc', null).kind, 'place');
  assert.equal(importedTagKind('Culture', null).kind, 'topic');
  assert.equal(importedTagKind('Must Read', null).kind, 'topic');
  assert.equal(importedTagKind('Nasser Bourita', null).kind, 'topic');
  const text = {
    title: 'La visite',
    lead: '',
    bodySource:
      'Le ministre Nasser Bourita a parlé, selon le ministère de la Culture.',
  };
  assert.equal(importedTagKind('Nasser Bourita', text).kind, 'person');
  assert.equal(importedTagKind('Culture', text).kind, 'topic');
});

describeEachDialect('imported tags take entity kinds', (getDb) => {
  let t: TestApp;
  let stop: () => Promise<void>;

  test('WordPress: the theme unit test data with a French post; a rerun changes nothing', {
    skip: THEME ? false : SHARED_MISSING,
  }, async () => {
    const storage = await storageEnv('disk');
    stop = storage.stop;
    t = await buildTestApp(getDb(), storage.env);
    const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-kinds-')), 'x.xml');
    writeFileSync(
      file,
      readFileSync(THEME!, 'utf8').replace(
        '</channel>',
        `${FRENCH_ITEM}</channel>`,
      ),
    );
    const options = {
      dryRun: false,
      uploads: null,
      fetchPictures: false,
      keepShortcodes: true,
      sectionMap: new Map(),
      batchSize: 7,
      timeZone: 'Africa/Casablanca',
    };
    const report = await importWordpress(t.ctx, t.ctx.search, file, options);
    assert.equal(report.error, null);
    assert.deepEqual(
      await kinds(t, [
        'maroc',
        'nasser-bourita',
        'culture',
        'post-formats',
        'mustread',
        'tag-a',
      ]),
      {
        maroc: 'place',
        'nasser-bourita': 'person',
        culture: 'topic',
        // Capitalised pairs no text names as someone stay topics.
        'post-formats': 'topic',
        mustread: 'topic',
        'tag-a': 'topic',
      },
    );
    // Every tag the file names is there once, counted in the report.
    const tagCount = await t.ctx.db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(tagCount.n),
      (report.counts['tag']?.imported ?? 0) +
        (report.counts['tag']?.unchanged ?? 0),
    );
    assert.equal(report.counts['tag']?.read, report.counts['tag']?.imported);
    const state = await importState(t.ctx.db, t.ctx.search);
    const again = await importWordpress(t.ctx, t.ctx.search, file, {
      ...options,
      batchSize: 3,
    });
    assert.equal(again.counts['tag']?.imported ?? 0, 0);
    assert.deepEqual(await importState(t.ctx.db, t.ctx.search), state);
  });

  test('Ghost: the export with French tags (« Rabat », a minister, « Économie »); a rerun changes nothing', {
    skip: GHOST ? false : SHARED_MISSING,
  }, async () => {
    t ??= await buildTestApp(getDb());
    const json = JSON.parse(readFileSync(GHOST!, 'utf8'));
    const data = (json.db?.[0] ?? json).data;
    const tags = [
      ['k-rabat', 'Rabat'],
      ['k-benali', 'Leila Benali'],
      ['k-eco', 'Économie'],
    ];
    data.tags.push(
      ...tags.map(([id, name]) => ({ id, name, slug: null, description: '' })),
    );
    data.posts.push({
      id: 'k-post',
      title: 'Leila Benali inaugure une centrale',
      slug: 'centrale-solaire',
      html: '<p>La ministre Leila Benali a inauguré mardi une centrale solaire près de Rabat. Leila Benali a promis trois autres sites.</p>',
      type: 'post',
      status: 'published',
      created_at: '2025-03-01T09:00:00.000Z',
      published_at: '2025-03-01T09:00:00.000Z',
    });
    data.posts_tags.push(
      ...tags.map(([id], i) => ({
        post_id: 'k-post',
        tag_id: id,
        sort_order: i,
      })),
    );
    data.posts_authors?.push({
      post_id: 'k-post',
      author_id: data.users[0].id,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-kinds-')), 'g.json');
    writeFileSync(file, JSON.stringify(json));
    const report = await importGhost(t.ctx, t.ctx.search, file, {
      dryRun: false,
      batchSize: 2,
    });
    assert.equal(report.error, null);
    assert.deepEqual(
      await kinds(t, ['rabat', 'leila-benali', 'economie', 'technology']),
      {
        rabat: 'place',
        'leila-benali': 'person',
        economie: 'topic',
        technology: 'topic',
      },
    );
    const state = await importState(t.ctx.db, t.ctx.search);
    await importGhost(t.ctx, t.ctx.search, file, {
      dryRun: false,
      batchSize: 50,
    });
    assert.deepEqual(await importState(t.ctx.db, t.ctx.search), state);
    await t.app.close();
    await stop?.();
  });
});

/** Two posts' tags; the first has two that give one slug (« Économie » and « economie »), met at once. */
const COLLIDING_WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel>
<title>Journal</title>
<link>https://ancien.example.ma</link>
<wp:base_blog_url>https://ancien.example.ma</wp:base_blog_url>
${[1, 2]
  .map(
    (id) => `<item>
<title><![CDATA[Le budget ${id}]]></title>
<link>https://ancien.example.ma/2024/05/0${id}/budget-${id}/</link>
<dc:creator><![CDATA[redac]]></dc:creator>
<content:encoded><![CDATA[<p>Le budget est voté.</p>]]></content:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date_gmt>2024-05-0${id} 10:00:00</wp:post_date_gmt>
<wp:post_name><![CDATA[budget-${id}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
${id === 1 ? '<category domain="post_tag" nicename="Économie"><![CDATA[Économie]]></category>' : ''}
<category domain="post_tag" nicename="economie"><![CDATA[Économie]]></category>
${Array.from({ length: 12 }, (_, k) => `<category domain="post_tag" nicename="theme-${id}-${k}"><![CDATA[Thème ${id} ${k}]]></category>`).join('\n')}
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`;

describeEachDialect('a batch of new tags, created concurrently', (getDb) => {
  test('two tag keys of one slug in a batch make one tag, both mapped to it; a rerun changes nothing', async () => {
    const storage = await storageEnv('disk');
    const t = await buildTestApp(getDb(), storage.env);
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-tags-')), 'x.xml');
      writeFileSync(file, COLLIDING_WXR);
      const options = {
        dryRun: false,
        uploads: null,
        fetchPictures: false,
        keepShortcodes: true,
        sectionMap: new Map(),
        batchSize: 10,
        timeZone: 'Africa/Casablanca',
      };
      const report = await importWordpress(t.ctx, t.ctx.search, file, options);
      assert.equal(report.error, null);
      assert.equal(report.counts['post']?.imported, 2);
      // 24 themes and « Économie » made once; its second key found it.
      assert.deepEqual(report.counts['tag'], {
        read: 26,
        imported: 25,
        unchanged: 1,
        skipped: 0,
      });
      const economie = await t.ctx.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.slug')
        .where('tags.slug', '=', 'economie')
        .execute();
      assert.equal(economie.length, 2);
      const state = await importState(t.ctx.db, t.ctx.search);
      const again = await importWordpress(t.ctx, t.ctx.search, file, options);
      assert.equal(again.counts['tag']?.imported ?? 0, 0);
      assert.deepEqual(await importState(t.ctx.db, t.ctx.search), state);
    } finally {
      await t.app.close();
      await storage.stop();
    }
  });
});
