import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { seedArchive } from '../support/archive.ts';
import { buildTag } from '../support/factories.ts';
import { systemActor } from '../../src/commands/context.ts';
import { unpublishArticle } from '../../src/commands/unpublishArticle.ts';
import { setArticleTags } from '../../src/db/repos/articles.ts';

/*
 * Listings past their numbered pages, on an archive of 1,000 articles (rubrique-1 holds about
 * 250): the count says « plus de », page 10 leads to keyset pages, and tag pages (read from the
 * links' copy of the publication time, kept by triggers) follow every change of visibility.
 */
describeEachDialect('listing pages past their numbered pages', (getDb) => {
  let t: TestApp;
  const slugs = (body: string) => {
    const $ = cheerio.load(body);
    return $('.listing-item .teaser-title a')
      .map((_i, a) => $(a).attr('href') ?? '')
      .get();
  };
  const idOf = async (slug: string) =>
    (
      await t.ctx.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id;

  test('setup: 1,000 articles', async () => {
    t = await buildTestApp(getDb());
    await seedArchive(t.ctx, 1_000, t.clock.now());
  });

  test('a section past 200 articles: « Plus de 200 articles », numbered pages, then keyset pages with no overlap and no gap', async () => {
    const first = await t.app.inject('/rubrique/rubrique-1');
    assert.equal(first.statusCode, 200);
    const $ = cheerio.load(first.body);
    assert.equal($('.listing-count').text(), 'Plus de 200 articles');
    assert.equal($('a[rel=next]').attr('href'), '/rubrique/rubrique-1?page=2');

    const tenth = await t.app.inject('/rubrique/rubrique-1?page=10');
    assert.equal(tenth.statusCode, 200);
    const tenthItems = slugs(tenth.body);
    assert.equal(tenthItems.length, 20);
    const next = cheerio.load(tenth.body)('a[rel=next]').attr('href') ?? '';
    const lastId = await idOf(tenthItems.at(-1)!.replace('/articles/', ''));
    assert.equal(next, `/rubrique/rubrique-1?avant=${lastId}`);

    // The keyset page continues exactly where page 10 stopped, like page 11 at its offset.
    const keyset = await t.app.inject(next);
    assert.equal(keyset.statusCode, 200);
    const eleventh = await t.app.inject('/rubrique/rubrique-1?page=11');
    assert.deepEqual(slugs(keyset.body), slugs(eleventh.body));
    assert.equal(slugs(keyset.body).length, 20);
    assert.equal(
      cheerio.load(keyset.body)('link[rel=canonical]').attr('href'),
      `https://journal.example${next}`,
    );

    // Walking the keyset pages to the end reaches every public article of the section once.
    const seen = new Set<string>();
    for (let p = 1; p <= 10; p++)
      for (const s of slugs(
        (await t.app.inject(`/rubrique/rubrique-1?page=${p}`)).body,
      ))
        seen.add(s);
    let url: string | undefined = next;
    while (url) {
      const res: { statusCode: number; body: string } = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      const body: string = res.body;
      for (const s of slugs(body)) {
        assert.ok(!seen.has(s), `${s} twice`);
        seen.add(s);
      }
      url = cheerio.load(body)('a[rel=next]').attr('href');
    }
    const expected = await t.ctx.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('articles.status', '=', 'published')
      .where('sections.slug', '=', 'rubrique-1')
      .executeTakeFirstOrThrow();
    assert.equal(seen.size, Number(expected.n));
  });

  test('bad keyset positions: a French 400 or a 404, never a 500', async () => {
    for (const bad of ['abc', '0', '-3', '1.5', '1e400'])
      assert.equal(
        (await t.app.inject(`/rubrique/rubrique-1?avant=${bad}`)).statusCode,
        400,
        bad,
      );
    assert.equal(
      (await t.app.inject('/rubrique/rubrique-1?page=2&avant=5')).statusCode,
      400,
    );
    assert.equal(
      (await t.app.inject('/rubrique/rubrique-1?avant=99999999')).statusCode,
      404,
    );
    // Past the oldest article: nothing older, no page.
    const oldest = await idOf('article-999');
    assert.equal(
      (await t.app.inject(`/sujet/sujet-0?avant=${oldest}`)).statusCode,
      404,
    );
  });

  test('tag pages follow unpublishing, deletion and new tags (the links’ copy kept by triggers)', async () => {
    const actor = systemActor('test');
    const onTag = async (slug: string) =>
      slugs((await t.app.inject(`/sujet/${slug}?w=${Math.random()}`)).body);
    // article-0 (newest) carries sujet-0 (0 % 8) and sujet-3.
    const id = await idOf('article-0');
    assert.equal((await onTag('sujet-0'))[0], '/articles/article-0');
    await unpublishArticle(t.ctx, actor, { articleId: id });
    assert.ok(!(await onTag('sujet-0')).includes('/articles/article-0'));
    assert.ok(!(await onTag('sujet-3')).includes('/articles/article-0'));
    // article-8 carries sujet-0 too. Trashing goes through unpublishing; a write by hand that
    // sets deleted_at on a published article is followed as well (the trigger, not the command).
    const deleted = await idOf('article-8');
    assert.ok((await onTag('sujet-0')).includes('/articles/article-8'));
    await t.ctx.db
      .updateTable('articles')
      .set({ deleted_at: t.clock.now().toISOString() })
      .where('id', '=', deleted)
      .execute();
    const links = await t.ctx.db
      .selectFrom('article_tags')
      .select('public_at')
      .where('article_id', '=', deleted)
      .execute();
    assert.deepEqual(
      links.map((l) => l.public_at),
      [null, null],
    );

    // A tag given to a public article afterwards: its page appears, with that article.
    const fresh = await buildTag(t.ctx, { slug: 'nouveau-sujet' });
    assert.equal((await t.app.inject('/sujet/nouveau-sujet')).statusCode, 404);
    await setArticleTags(t.ctx.db, await idOf('article-5'), [fresh.id]);
    const page = await t.app.inject(`/sujet/nouveau-sujet?w=1`);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(slugs(page.body), ['/articles/article-5']);
  });
});
