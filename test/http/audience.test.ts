import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { finishPastDays } from '../../src/jobs/audienceDaily.ts';
import { unpublishArticle } from '../../src/commands/unpublishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';
import { buildUser, Client } from '../support/newsroom.ts';

const CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const FIREFOX =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const GOOGLEBOT =
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const READER_IP = '196.200.131.77';
const OTHER_IP = '41.141.12.9';

describeEachDialect(
  'audience: beacons, daily figure, « Les plus lus »',
  (getDb) => {
    let t: TestApp;
    let sportId: number;
    const ids: Record<string, number> = {};

    async function beacon(
      body: unknown,
      options: {
        ip?: string;
        ua?: string;
        headers?: Record<string, string>;
        raw?: string;
      } = {},
    ) {
      return t.app.inject({
        method: 'POST',
        url: '/beacon',
        remoteAddress: options.ip ?? READER_IP,
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': options.ua ?? CHROME,
          ...options.headers,
        },
        payload: options.raw ?? JSON.stringify(body),
      });
    }
    /** Every row of every audience table, as stored. */
    async function storedRows() {
      const db = t.ctx.db;
      return {
        hourly: await db
          .selectFrom('audience_hourly')
          .selectAll()
          .orderBy('article_id')
          .orderBy('referrer')
          .execute(),
        visitors: await db
          .selectFrom('audience_visitors')
          .selectAll()
          .orderBy('day')
          .execute(),
        salts: await db
          .selectFrom('audience_salts')
          .selectAll()
          .orderBy('day')
          .execute(),
        daily: await db
          .selectFrom('audience_daily')
          .selectAll()
          .orderBy('day')
          .execute(),
      };
    }
    const viewsOf = async (articleId: number) =>
      (await storedRows()).hourly
        .filter((r) => r.article_id === articleId)
        .reduce((n, r) => n + Number(r.views), 0);

    test('setup: three published articles in two sections', async () => {
      t = await buildTestApp(getDb());
      sportId = (await buildSection(t.ctx, { slug: 'sport', name: 'Sport' }))
        .id;
      const eco = (
        await buildSection(t.ctx, { slug: 'economie', name: 'Économie' })
      ).id;
      ids['derby'] = (
        await buildArticle(t.ctx, {
          title: 'Le derby de Casablanca',
          slug: 'derby',
          sectionId: sportId,
        })
      ).id;
      ids['finale'] = (
        await buildArticle(t.ctx, {
          title: 'La finale de la Coupe du Trône',
          slug: 'finale',
          sectionId: sportId,
        })
      ).id;
      ids['budget'] = (
        await buildArticle(t.ctx, {
          title: 'Le budget voté',
          slug: 'budget',
          sectionId: eco,
        })
      ).id;
    });

    test('a page served from the cache carries the beacon; each view sent is counted once', async () => {
      const first = await t.app.inject('/articles/derby');
      const second = await t.app.inject('/articles/derby');
      assert.equal(second.body, first.body, 'the second view is the kept page');
      const script = cheerio.load(second.body)(
        'script[src^="/assets/beacon.js"]',
      );
      assert.equal(script.length, 1);
      assert.equal(script.attr('data-article'), String(ids['derby']));
      assert.equal((await t.app.inject(script.attr('src')!)).statusCode, 200);
      for (const referrer of [
        'https://www.google.co.ma/',
        'https://journal.example/',
      ]) {
        const res = await beacon({ a: ids['derby'], r: referrer });
        assert.equal(res.statusCode, 204);
        assert.equal(res.headers['set-cookie'], undefined, 'no cookie');
      }
      await t.ctx.audience.flush();
      assert.equal(await viewsOf(ids['derby']!), 2);
      const kinds = (await storedRows()).hourly.map((r) => [
        r.article_id,
        r.section_id,
        r.referrer,
        Number(r.views),
      ]);
      assert.deepEqual(kinds, [
        [ids['derby'], sportId, 'internal', 1],
        [ids['derby'], sportId, 'search', 1],
      ]);
    });

    test('bots, Do Not Track, Global Privacy Control and other sites are answered but not counted', async () => {
      assert.equal(
        (await beacon({ a: ids['derby'] }, { ua: GOOGLEBOT })).statusCode,
        204,
      );
      assert.equal(
        (await beacon({ a: ids['derby'] }, { headers: { dnt: '1' } }))
          .statusCode,
        204,
      );
      assert.equal(
        (await beacon({ a: ids['derby'] }, { headers: { 'sec-gpc': '1' } }))
          .statusCode,
        204,
      );
      assert.equal(
        (
          await beacon(
            { a: ids['derby'] },
            { headers: { origin: 'https://evil.example' } },
          )
        ).statusCode,
        204,
      );
      assert.equal(
        (await beacon({ a: ids['derby'] }, { ua: '' })).statusCode,
        204,
      );
      await t.ctx.audience.flush();
      assert.equal(await viewsOf(ids['derby']!), 2);
    });

    test('bad beacons get a 400 in JSON and count nothing; an unknown article is not counted', async () => {
      for (const raw of [
        '{',
        '{"a":"douze"}',
        '{"a":-1}',
        '{"a":1,"x":2}',
        'x'.repeat(5000),
      ]) {
        const res = await beacon(null, { raw });
        assert.ok(
          res.statusCode === 400 || res.statusCode === 413,
          `${raw.slice(0, 20)} → ${res.statusCode}`,
        );
        assert.equal(res.json().error.code, 'invalid_input');
      }
      assert.equal((await beacon({ a: 999_999 })).statusCode, 204);
      await t.ctx.audience.flush();
      assert.equal(
        (await storedRows()).hourly.some((r) => r.article_id === 999_999),
        false,
      );
    });

    test('a returning visitor is one visitor today; a second browser is another; nothing identifying is stored', async () => {
      await beacon({ a: ids['finale'] });
      await beacon({ a: ids['budget'] });
      await beacon({ a: ids['finale'] }, { ua: FIREFOX, ip: OTHER_IP });
      await t.ctx.audience.flush();
      const rows = await storedRows();
      assert.equal(rows.visitors.length, 2, 'two distinct visitors today');
      assert.deepEqual(
        rows.visitors.map((v) => v.day),
        ['2025-07-10', '2025-07-10'],
      );
      assert.equal(rows.salts.length, 1, 'one salt, for today');
      const stored = JSON.stringify(rows);
      for (const secret of [
        READER_IP,
        OTHER_IP,
        CHROME,
        FIREFOX,
        'Pixel',
        'Firefox',
        'google.co.ma',
        '196.200',
        '41.141',
      ]) {
        assert.equal(stored.includes(secret), false, `${secret} is not stored`);
      }
      for (const v of rows.visitors)
        assert.match(v.visitor, /^[A-Za-z0-9_-]{22}$/);
    });

    test('the next day the same reader is counted again; the daily job writes the figure and destroys the hashes and salt', async () => {
      t.clock.set('2025-07-11T08:00:00Z'); // 09:00 in Casablanca, the next day
      await beacon({ a: ids['finale'] });
      await t.ctx.audience.flush();
      let rows = await storedRows();
      assert.deepEqual(
        rows.visitors.map((v) => v.day),
        ['2025-07-10', '2025-07-10', '2025-07-11'],
      );
      const yesterdays = rows.visitors
        .filter((v) => v.day === '2025-07-10')
        .map((v) => v.visitor);
      assert.ok(
        !yesterdays.includes(
          rows.visitors.find((v) => v.day === '2025-07-11')!.visitor,
        ),
        'a new salt: not linkable to yesterday',
      );

      assert.deepEqual(
        await finishPastDays({
          db: t.ctx.db,
          clock: t.clock,
          site: t.ctx.config.site,
        }),
        ['2025-07-10'],
      );
      assert.deepEqual(
        await finishPastDays({
          db: t.ctx.db,
          clock: t.clock,
          site: t.ctx.config.site,
        }),
        ['2025-07-10'],
        'running again (another process) changes nothing',
      );
      rows = await storedRows();
      assert.deepEqual(
        rows.daily.map((d) => [d.day, Number(d.visitors), Number(d.views)]),
        [['2025-07-10', 2, 5]],
      );
      assert.deepEqual(
        rows.visitors.map((v) => v.day),
        ['2025-07-11'],
        'yesterday’s hashes are gone',
      );
      assert.deepEqual(
        rows.salts.map((s) => s.day),
        ['2025-07-11'],
        'yesterday’s salt is gone',
      );
    });

    test('the legal figure: yesterday’s distinct visitors in the footer and on the legal notice', async () => {
      for (const url of ['/', '/mentions-legales']) {
        const $ = cheerio.load((await t.app.inject(url)).body);
        assert.match(
          $('footer .audience-figure').text(),
          /Audience du jeudi 10 juillet 2025 : 2 visiteurs uniques\./,
        );
      }
      const notice = cheerio.load(
        (await t.app.inject('/mentions-legales')).body,
      );
      assert.match(
        notice('main .audience-figure').text(),
        /jeudi 10 juillet 2025 : 2 visiteurs/,
      );
      const privacy = await t.app.inject('/confidentialite');
      assert.equal(privacy.statusCode, 200);
      assert.match(privacy.body, /loi n° 09-08/);
    });

    test('« Les plus lus »: most read first, per section on section fronts, a withdrawn article leaves', async () => {
      t.clock.set('2025-07-11T09:00:00Z');
      for (let i = 0; i < 3; i++)
        await beacon({ a: ids['budget'] }, { ip: `10.0.0.${i}` });
      await t.ctx.audience.flush();
      t.clock.set('2025-07-11T09:06:00Z'); // past the block's five minutes and the page's one
      // Last 24 hours: budget 1 + 3, finale 2 + 1, derby 2.
      const titles = (html: string) =>
        cheerio
          .load(html)('.most-read-list a')
          .map((_, a) => cheerio.load(a).text())
          .get();
      assert.deepEqual(titles((await t.app.inject('/')).body), [
        'Le budget voté',
        'La finale de la Coupe du Trône',
        'Le derby de Casablanca',
      ]);
      assert.deepEqual(titles((await t.app.inject('/articles/derby')).body), [
        'Le budget voté',
        'La finale de la Coupe du Trône',
        'Le derby de Casablanca',
      ]);
      const sport = cheerio.load((await t.app.inject('/rubrique/sport')).body);
      assert.equal(sport('#most-read-title').text(), 'Les plus lus en Sport');
      assert.deepEqual(titles(sport.html()), [
        'La finale de la Coupe du Trône',
        'Le derby de Casablanca',
      ]);
      await unpublishArticle(t.ctx, systemActor('test'), {
        articleId: ids['budget']!,
      });
      assert.deepEqual(titles((await t.app.inject('/')).body), [
        'La finale de la Coupe du Trône',
        'Le derby de Casablanca',
      ]);
    });

    test('rate limit: beyond the limit per address and browser, 429 and nothing counted', async () => {
      const limit = t.ctx.config.audience.beaconsPerMinute;
      const before = await viewsOf(ids['derby']!);
      const codes: number[] = [];
      for (let i = 0; i < limit + 2; i++)
        codes.push(
          (await beacon({ a: ids['derby'] }, { ip: '10.9.9.9' })).statusCode,
        );
      assert.deepEqual(codes.slice(-2), [429, 429]);
      assert.equal(codes.filter((c) => c === 204).length, limit);
      await t.ctx.audience.flush();
      assert.equal(await viewsOf(ids['derby']!), before + limit);
    });

    test('the editors’ audience page: SVG charts and the same figures in tables; journalists may not open it', async () => {
      const editor = new Client(t.app);
      await editor.signIn((await buildUser(t.ctx, 'editor')).email);
      const res = await editor.get('/admin/audience');
      assert.equal(res.statusCode, 200);
      const $ = cheerio.load(res.body);
      assert.equal(
        $('svg.chart[role="img"]').length,
        4,
        'today, 30 days, sections, referrers',
      );
      assert.equal(
        $('#chart-today-t').text(),
        'Pages vues par heure aujourd’hui',
      );
      // Today (11 July, Casablanca): 1 view at 09:00 local, 3 at 10:00 local, then the rate-limit test's.
      const hourRows = $('section[aria-labelledby="aud-today"] tbody tr')
        .map((_, tr) => [[$(tr).find('th').text(), $(tr).find('td').text()]])
        .get() as [string, string][];
      assert.equal(hourRows.length, 24);
      assert.deepEqual(
        hourRows.find(([h]) => h === '09:00'),
        ['09:00', '1'],
      );
      assert.equal(
        Number(hourRows.find(([h]) => h === '10:00')![1]),
        3 + t.ctx.config.audience.beaconsPerMinute,
      );
      const days = $('section[aria-labelledby="aud-30"] tbody tr')
        .map((_, tr) => [
          [
            $(tr).find('th').text(),
            ...$(tr)
              .find('td')
              .map((_, td) => $(td).text())
              .get(),
          ],
        ])
        .get() as string[][];
      assert.equal(days.length, 30);
      assert.deepEqual(
        days.find(([d]) => d === '10/07'),
        ['10/07', '5', '2'],
        'yesterday: 5 views, the legal figure of 2 visitors',
      );
      const referrers = $('section[aria-labelledby="aud-referrers"] tbody tr')
        .map((_, tr) => $(tr).find('th').text())
        .get();
      assert.ok(
        referrers.includes('Moteurs de recherche') &&
          referrers.includes('Navigation sur le site'),
        referrers.join(', '),
      );
      assert.match($('.audience-summary').text(), /0\s+lecteur en direct/);
      const journalist = new Client(t.app);
      await journalist.signIn((await buildUser(t.ctx, 'journalist')).email);
      assert.equal((await journalist.get('/admin/audience')).statusCode, 403);
    });

    test('teardown', async () => {
      await t.app.close();
    });
  },
);
