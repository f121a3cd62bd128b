import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
  type ArticleState,
} from '../support/factories.ts';

/**
 * Nothing that is not published reaches a reader: every public GET route is tried with every
 * slug we know, and no response may carry a hidden article's title or slug.
 */
describeEachDialect('public read scope', (getDb) => {
  let t: TestApp;
  const hidden: { title: string; slug: string }[] = [];
  const slugs: string[] = [];

  test('setup: one visible article and one in every non-public state, sharing section, tag and author', async () => {
    t = await buildTestApp(getDb());
    const now = t.clock.now().getTime();
    const section = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    const author = await buildAuthor(t.ctx, {
      slug: 'redaction',
      name: 'La Rédaction',
    });
    const tag = await buildTag(t.ctx, { slug: 'elections', name: 'Élections' });
    const common = {
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
    };
    await buildArticle(t.ctx, {
      ...common,
      title: 'Article visible',
      slug: 'visible',
      featured: true,
    });
    const states: { state: ArticleState; publishedAt?: Date }[] = [
      { state: 'draft' },
      { state: 'review' },
      { state: 'scheduled' },
      { state: 'unpublished' },
      { state: 'trashed' },
      // Published but with a publication time still ahead: an embargo the scope must honour.
      { state: 'published', publishedAt: new Date(now + 3_600_000) },
    ];
    for (const [i, s] of states.entries()) {
      const title = `SECRET-${s.state}-${i} titre caché`;
      const slug = `secret-${s.state}-${i}`;
      await buildArticle(t.ctx, {
        ...common,
        title,
        slug,
        status: s.state,
        featured: true,
        breaking: true,
        ...(s.publishedAt ? { publishedAt: s.publishedAt } : {}),
      });
      hidden.push({ title, slug });
    }
    slugs.push(
      'visible',
      section.slug,
      author.slug,
      tag.slug,
      ...hidden.map((h) => h.slug),
    );
  });

  test('every public GET route, with every slug, shows none of the hidden articles', async () => {
    const getRoutes = t.routes.filter(
      (r) => r.method === 'GET' && !r.url.startsWith('/assets'),
    );
    assert.ok(
      getRoutes.length >= 5,
      `routes found: ${getRoutes.map((r) => r.url).join(', ')}`,
    );
    const urls = new Set<string>();
    for (const route of getRoutes) {
      if (!route.url.includes(':')) {
        urls.add(route.url);
        urls.add(`${route.url}?page=2`);
        continue;
      }
      for (const slug of slugs)
        urls.add(route.url.replace(/:[a-zA-Z]+/g, slug));
    }
    let checked = 0;
    for (const url of urls) {
      const res = await t.app.inject(url);
      assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
      for (const h of hidden) {
        assert.ok(!res.body.includes(h.title), `${url} shows "${h.title}"`);
        assert.ok(
          !res.body.includes(`/articles/${h.slug}`),
          `${url} links to ${h.slug}`,
        );
      }
      checked++;
    }
    assert.ok(checked >= 30, `checked ${checked} URLs`);
  });

  test('a hidden article’s own URL is 404, an unpublished one 410', async () => {
    for (const h of hidden) {
      const res = await t.app.inject(`/articles/${h.slug}`);
      const expected = h.slug.startsWith('secret-unpublished') ? 410 : 404;
      assert.equal(res.statusCode, expected, h.slug);
    }
    const gone = await t.app.inject(
      `/articles/${hidden.find((h) => h.slug.startsWith('secret-unpublished'))!.slug}`,
    );
    assert.match(gone.body, /Article retiré/);
  });

  test('the visible article is reachable everywhere it should be', async () => {
    for (const url of [
      '/',
      '/articles/visible',
      '/rubrique/politique',
      '/auteur/redaction',
      '/sujet/elections',
    ]) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(res.body.includes('Article visible'), url);
    }
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
