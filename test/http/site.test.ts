import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { unpublishArticle } from '../../src/commands/unpublishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';

const hours = (n: number) => n * 3_600_000;

describeEachDialect('public site pages', (getDb) => {
  let t: TestApp;
  let sport: Awaited<ReturnType<typeof buildSection>>;
  let salma: Awaited<ReturnType<typeof buildAuthor>>;
  let guest: Awaited<ReturnType<typeof buildAuthor>>;
  let tag: Awaited<ReturnType<typeof buildTag>>;

  test('setup: a newsroom with a lead story, yesterday’s and today’s items', async () => {
    t = await buildTestApp(getDb());
    const now = t.clock.now().getTime();
    sport = await buildSection(t.ctx, {
      slug: 'sport',
      name: 'Sport',
      description: 'Toute l’actualité sportive.',
    });
    salma = await buildAuthor(t.ctx, {
      slug: 'salma-bennani',
      name: 'Salma Bennani',
    });
    guest = await buildAuthor(t.ctx, {
      slug: 'invite-economiste',
      name: 'Une économiste invitée',
    });
    tag = await buildTag(t.ctx, {
      slug: 'lions-de-l-atlas',
      name: 'Lions de l’Atlas',
    });
    await buildArticle(t.ctx, {
      title: 'Les Lions de l’Atlas qualifiés',
      slug: 'lions-qualifies',
      sectionId: sport.id,
      authorIds: [salma.id, guest.id],
      tagIds: [tag.id],
      lead: 'Une victoire nette à Rabat.',
      featured: true,
      publishedAt: new Date(now - hours(1)),
      bodySource:
        'Intro.\n\n## Le match\n\nTexte.\n\n## Les buteurs\n\nTexte.\n\n## La suite\n\nTexte <script>alert(1)</script>.',
    });
    // Yesterday evening in Casablanca (the day changes in the fil info).
    await buildArticle(t.ctx, {
      title: 'Un article d’hier soir',
      slug: 'hier-soir',
      sectionId: sport.id,
      authorIds: [salma.id],
      publishedAt: new Date('2025-07-09T21:30:00Z'),
    });
    for (let i = 0; i < 24; i++) {
      await buildArticle(t.ctx, {
        title: `Brève numéro ${i}`,
        slug: `breve-${i}`,
        sectionId: sport.id,
        authorIds: [salma.id],
        publishedAt: new Date(now - hours(2) - i * 60_000),
      });
    }
  });

  test('home: « À la une », the fil info with HH:MM times, a separator for yesterday', async () => {
    const res = await t.app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(
      res.headers['content-type'] as string,
      /text\/html; charset=utf-8/,
    );
    const $ = cheerio.load(res.body);
    assert.equal($('h1').length, 1);
    assert.equal($('.a-la-une .block-title').text(), 'À la une');
    assert.equal(
      $('.lead-story .lead-title').text().trim(),
      'Les Lions de l’Atlas qualifiés',
    );
    const times = $('.home-fil .fil-list time')
      .map((_, el) => $(el).text())
      .get();
    assert.ok(times.length >= 9, `fil info has ${times.length} items`);
    for (const time of times) assert.match(time, /^\d{2}:\d{2}$/);
    assert.equal(
      times[0],
      '11:03',
      'the newest item, at 10:03 UTC, shows in Casablanca time',
    );
    // 26 articles, 15 in the fil: today's first. The yesterday item is not in the 15 newest,
    // so no separator yet; the section page test below covers "Hier".
    assert.ok(!res.body.includes('&#60;'), 'no double-escaped markup');
  });

  test('article: one h1, lead, h2 subheadings, linked bylines, French dates, share links, escaped body', async () => {
    const res = await t.app.inject('/articles/lions-qualifies');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').length, 1);
    assert.equal($('h1').text(), 'Les Lions de l’Atlas qualifiés');
    assert.equal($('.chapo').text(), 'Une victoire nette à Rabat.');
    assert.deepEqual(
      $('.article-body h2')
        .map((_, el) => $(el).text())
        .get(),
      ['Le match', 'Les buteurs', 'La suite'],
    );
    assert.deepEqual(
      $('.byline a')
        .map((_, el) => [[$(el).text(), $(el).attr('href')]])
        .get(),
      [
        ['Salma Bennani', '/auteur/salma-bennani'],
        ['Une économiste invitée', '/auteur/invite-economiste'],
      ],
    );
    assert.equal(
      $('.byline').text(),
      'Par Salma Bennani et Une économiste invitée',
    );
    assert.equal(
      $('.dates').text().trim(),
      'Publié le jeudi 10 juillet 2025 à 11:03',
    );
    assert.equal(
      $('.dates time').attr('datetime'),
      '2025-07-10T11:03:00+01:00',
    );
    assert.deepEqual(
      $('.breadcrumb a')
        .map((_, el) => $(el).attr('href'))
        .get(),
      ['/', '/rubrique/sport'],
    );
    const share = $('.article-header .share a')
      .map((_, el) => $(el).attr('href'))
      .get();
    assert.equal(share.length, 5);
    assert.ok(
      share.some((h) =>
        h.startsWith(
          'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fjournal.example%2Farticles%2Flions-qualifies',
        ),
      ),
    );
    assert.ok(share.some((h) => h.startsWith('https://wa.me/?text=')));
    assert.ok(share.some((h) => h.startsWith('https://x.com/intent/post?')));
    assert.equal($('.tags a').attr('href'), '/sujet/lions-de-l-atlas');
    assert.ok($('.follow-block a').length >= 1, 'follow links');
    // Our two deferred scripts in <head> (the live fil info, the audience beacon) and inert
    // JSON-LD: nothing else, and the body's <script> was not let through.
    assert.deepEqual(
      $('script:not([type="application/ld+json"])')
        .map((_, el) => [
          [
            $(el).parent().prop('tagName'),
            /^\/assets\/(live|beacon)\.js\?v=/.test($(el).attr('src') ?? ''),
            $(el).attr('defer') !== undefined,
          ],
        ])
        .get(),
      [
        ['HEAD', true, true],
        ['HEAD', true, true],
      ],
    );
    assert.match(res.body, /&lt;script&gt;/);
    assert.match(res.headers['cache-control'] as string, /s-maxage=\d+/);
    assert.match(res.headers['surrogate-key'] as string, /article:\d+/);
    assert.ok(res.headers['etag']);
  });

  test('article: « Mis à jour le » only when changed after publication', async () => {
    const now = t.clock.now();
    const a = await buildArticle(t.ctx, {
      title: 'Article corrigé',
      slug: 'corrige',
      sectionId: sport.id,
      publishedAt: new Date(now.getTime() - hours(3)),
    });
    await t.ctx.db
      .updateTable('articles')
      .set({ modified_at: new Date(now.getTime() - hours(1)).toISOString() })
      .where('id', '=', a.id)
      .execute();
    const $ = cheerio.load((await t.app.inject('/articles/corrige')).body);
    assert.match(
      $('.dates').text(),
      /^Publié le jeudi 10 juillet 2025 à 09:03\s*Mis à jour le jeudi 10 juillet 2025 à 11:03$/,
    );
    const fresh = cheerio.load(
      (await t.app.inject('/articles/lions-qualifies')).body,
    );
    assert.doesNotMatch(fresh('.dates').text(), /Mis à jour/);
  });

  test('section page: paginated, page 2 exists, past the end is 404, a bad page number is a French 400', async () => {
    const first = await t.app.inject('/rubrique/sport');
    assert.equal(first.statusCode, 200);
    const $ = cheerio.load(first.body);
    assert.equal($('h1').text(), 'Sport');
    assert.equal($('.listing-item').length, 20);
    assert.equal($('a[rel=next]').attr('href'), '/rubrique/sport?page=2');
    const second = cheerio.load(
      (await t.app.inject('/rubrique/sport?page=2')).body,
    );
    assert.ok(second('.listing-item').length >= 7);
    assert.equal(second('a[rel=prev]').attr('href'), '/rubrique/sport');
    assert.equal(
      (await t.app.inject('/rubrique/sport?page=9')).statusCode,
      404,
    );
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999', '%00']) {
      const res = await t.app.inject(`/rubrique/sport?page=${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /numéro de page n’est pas valide/);
    }
  });

  test('tag and author pages list their articles', async () => {
    const tagPage = cheerio.load(
      (await t.app.inject('/sujet/lions-de-l-atlas')).body,
    );
    assert.equal(tagPage('h1').text(), 'Lions de l’Atlas');
    assert.equal(tagPage('.listing-item').length, 1);
    const author = await t.app.inject('/auteur/invite-economiste');
    assert.equal(author.statusCode, 200);
    assert.match(
      cheerio.load(author.body)('.listing-item .teaser-title').text(),
      /Les Lions de l’Atlas qualifiés/,
    );
  });

  test('unknown pages answer a French 404 page; hostile paths never 500', async () => {
    for (const url of [
      '/nope',
      '/articles/inconnu',
      '/rubrique/inconnue',
      '/sujet/x',
      '/auteur/y',
      '/articles/%E0%A4%A',
      "/articles/' OR 1=1 --",
      '/articles/..%2F..%2Fetc%2Fpasswd',
      `/articles/${'a'.repeat(2000)}`,
    ]) {
      const res = await t.app.inject(url);
      assert.ok(
        res.statusCode === 404 || res.statusCode === 400,
        `${url} → ${res.statusCode}`,
      );
      assert.match(res.headers['content-type'] as string, /text\/html/);
      if (res.statusCode === 404) assert.match(res.body, /Page introuvable/);
    }
  });

  test('the stylesheet is inlined, allowed by its hash and nothing else (no render-blocking request)', async () => {
    const res = await t.app.inject('/');
    const home = cheerio.load(res.body);
    assert.equal(home('link[rel=stylesheet]').length, 0);
    const styles = home('style');
    assert.equal(styles.length, 1);
    const css = styles.text();
    assert.match(css, /\.site-header/);
    // Small enough to send with every page: its compressed size is what each page pays.
    assert.ok(gzipSync(css).length < 8_000, 'small CSS');
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = res.headers['content-security-policy'] as string;
    const styleSrc = csp.split(';').find((d) => d.startsWith('style-src'))!;
    assert.equal(styleSrc, `style-src 'self' 'sha256-${hash}'`);
  });

  test('kept pages follow events and time: a publication, an unpublication, an embargo ending', async () => {
    const before = await t.app.inject('/');
    assert.ok(!before.body.includes('Dépêche de dernière minute'));
    const a = await buildArticle(t.ctx, {
      title: 'Dépêche de dernière minute',
      slug: 'depeche',
      sectionId: sport.id,
      status: 'draft',
    });
    assert.ok(
      !(await t.app.inject('/')).body.includes('Dépêche de dernière minute'),
      'a draft changes nothing',
    );
    await publishArticle(t.ctx, systemActor('test'), { articleId: a.id });
    assert.ok(
      (await t.app.inject('/')).body.includes('Dépêche de dernière minute'),
      'the publish event renews the kept page',
    );
    await unpublishArticle(t.ctx, systemActor('test'), { articleId: a.id });
    assert.ok(
      !(await t.app.inject('/rubrique/sport')).body.includes(
        'Dépêche de dernière minute',
      ),
    );
    assert.ok(
      !(await t.app.inject('/')).body.includes('Dépêche de dernière minute'),
    );
    await buildArticle(t.ctx, {
      title: 'Sous embargo jusqu’à midi',
      slug: 'embargo',
      sectionId: sport.id,
      publishedAt: new Date(t.clock.now().getTime() + 30_000),
    });
    assert.ok(
      !(await t.app.inject('/')).body.includes('Sous embargo'),
      'not before its time',
    );
    t.clock.advance(61_000);
    assert.ok(
      (await t.app.inject('/')).body.includes('Sous embargo'),
      'the embargo’s end renews the kept page',
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});
