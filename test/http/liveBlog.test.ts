import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { connectSse, type SseClient } from '../support/sse.ts';

/**
 * Live blogs over real HTTP on both databases: the desk (open, score, entries by two
 * journalists, edit, delete, end), the public page (newest first, key moments, score box,
 * LiveBlogPosting), the stream (entries, edits and deletions pushed in order), older entries.
 */
describeEachDialect('live blogs', (getDb) => {
  let t: TestApp;
  let base: string;
  let articleId: number;
  let stream: SseClient;
  const editor = () => new Client(t.app);
  let desk: Client, samir: Client, leila: Client;
  after(() => stream?.close());

  const deskUrl = () => `/admin/articles/${articleId}/direct`;
  const page = async () =>
    cheerio.load((await t.app.inject('/articles/derby-en-direct')).body);
  const liveLd = ($: cheerio.CheerioAPI) =>
    $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get()
      .find((d) => d['@type'] === 'LiveBlogPosting');
  const entryIds = ($: cheerio.CheerioAPI) =>
    $('.live-blog .live-entry')
      .map((_, el) => Number($(el).attr('data-entry')))
      .get();

  test('setup: an editor, two journalists, a published article, a reader’s stream', async () => {
    t = await buildTestApp(getDb(), {
      LIVE_POLL_MS: '100',
      LIVE_GRACE_MS: '200',
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    articleId = (
      await buildArticle(t.ctx, {
        title: 'Raja – Wydad : le derby en direct',
        slug: 'derby-en-direct',
        sectionId: sport.id,
      })
    ).id;
    desk = editor();
    await desk.signIn(
      (await buildUser(t.ctx, 'editor', { name: 'Nadia Fassi' })).email,
    );
    samir = new Client(t.app);
    await samir.signIn(
      (await buildUser(t.ctx, 'journalist', { name: 'Samir Bennis' })).email,
    );
    leila = new Client(t.app);
    await leila.signIn(
      (await buildUser(t.ctx, 'journalist', { name: 'Leïla Amrani' })).email,
    );
    stream = await connectSse(`${base}/live/fil-info`);
    assert.equal(stream.status, 200);
  });

  test('the desk opens the live blog and sets the score; a journalist may not open it', async () => {
    assert.equal((await samir.post(`${deskUrl()}/ouvrir`, {})).statusCode, 403);
    assert.equal((await desk.post(`${deskUrl()}/ouvrir`, {})).statusCode, 303);
    assert.equal(
      (
        await desk.post(`${deskUrl()}/score`, {
          home: 'Raja',
          homeScore: '0',
          away: 'Wydad',
          awayScore: '0',
          status: 'Coup d’envoi',
        })
      ).statusCode,
      303,
    );
    const $ = await page();
    assert.equal($('.live-state').text(), 'En direct');
    assert.equal(
      $('.scoreboard').text().replace(/\s+/g, ' ').trim(),
      'Raja 0–0 Wydad Coup d’envoi',
    );
    const ld = liveLd($);
    assert.ok(ld, 'LiveBlogPosting in the page');
    assert.match(ld.coverageStartTime, /^2025-07-10T12:03:00\+01:00$/);
    assert.equal(ld.coverageEndTime, undefined, 'no end while live');
    await stream.waitFor(
      (e) =>
        e.event === 'live-state' && JSON.parse(e.data).articleId === articleId,
    );
    const home = cheerio.load((await t.app.inject('/')).body);
    assert.equal(
      home('.live-blogs li').text().replace(/\s+/g, ' ').trim(),
      'En direct Raja – Wydad : le derby en direct',
    );
    // The fil info says so too, on the page and on every open page through the stream.
    assert.equal(
      home(`.fil-list li[data-id="${articleId}"] .fil-live-live`).text(),
      'En direct',
    );
    assert.equal(home('.fil-live').length, 1, 'only the live blog is marked');
    assert.equal(
      $(`.fil-list li[data-id="${articleId}"] .fil-live`).text(),
      'En direct',
    );
    const line = await stream.waitFor(
      (e) => e.event === 'updated' && JSON.parse(e.data).id === articleId,
    );
    assert.equal(JSON.parse(line.data).live, 'live');
    const snapshot = (
      await t.app.inject({
        url: '/live/fil-info',
        headers: { accept: 'application/json' },
      })
    ).json();
    assert.equal(
      snapshot.items.find((i: { id: number }) => i.id === articleId).live,
      'live',
    );
  });

  test('two journalists post; readers get each entry pushed in order; the page lists them newest first with their authors', async () => {
    const from = stream.events.length;
    t.clock.advance(60_000);
    assert.equal(
      (
        await samir.post(`${deskUrl()}/entrees`, {
          bodySource:
            'Les deux équipes entrent sur la pelouse du Complexe Mohammed V.',
        })
      ).statusCode,
      303,
    );
    t.clock.advance(60_000);
    assert.equal(
      (
        await leila.post(`${deskUrl()}/entrees`, {
          bodySource: 'But du Raja ! Une frappe du gauche dans la lucarne.',
          keyMoment: '1',
        })
      ).statusCode,
      303,
    );
    const first = await stream.waitFor(
      (e) => e.event === 'live-entry',
      5_000,
      from,
    );
    const second = await stream.waitFor(
      (e) => e.event === 'live-entry' && e.id !== first.id,
      5_000,
      from,
    );
    assert.ok(Number(second.id) > Number(first.id));
    assert.match(JSON.parse(first.data).html, /pelouse/);
    const pushed = JSON.parse(second.data);
    assert.match(pushed.html, /Moment clé/);
    assert.match(pushed.html, /Leïla Amrani/);
    assert.match(pushed.header, /Moments clés[\s\S]*But du Raja !/);

    const $ = await page();
    const texts = $('.live-entry .live-entry-body')
      .map((_, el) => $(el).text().trim())
      .get();
    // Readers get French typography (U+202F before « ! »), the source stays as typed.
    assert.deepEqual(texts, [
      'But du Raja\u202F! Une frappe du gauche dans la lucarne.',
      'Les deux équipes entrent sur la pelouse du Complexe Mohammed V.',
    ]);
    assert.deepEqual(
      $('.live-entry-author')
        .map((_, el) => $(el).text())
        .get(),
      ['Leïla Amrani', 'Samir Bennis'],
    );
    assert.deepEqual(
      $('.live-entry time')
        .map((_, el) => $(el).text())
        .get(),
      ['12:05', '12:04'],
    );
    assert.equal($('.key-moments li').length, 1);
    assert.equal($('.key-moments a').attr('href'), `#entree-${entryIds($)[0]}`);
    const ld = liveLd($);
    assert.deepEqual(
      ld.liveBlogUpdate.map((u: { author: { name: string } }) => u.author.name),
      ['Leïla Amrani', 'Samir Bennis'],
    );
    assert.equal(
      ld.liveBlogUpdate[0].datePublished,
      '2025-07-10T12:05:00+01:00',
    );
  });

  test('an edit and a deletion are pushed and applied in place; only the author or the desk may change an entry', async () => {
    const $ = await page();
    const [goal, kickoff] = entryIds($);
    assert.equal(
      (
        await samir.post(`${deskUrl()}/entrees/${goal}`, {
          bodySource: 'Piraté',
        })
      ).statusCode,
      403,
      'not his entry',
    );
    const from = stream.events.length;
    assert.equal(
      (
        await leila.post(`${deskUrl()}/entrees/${goal}`, {
          bodySource:
            'But du Raja ! Frappe du gauche de 25 mètres dans la lucarne.',
          keyMoment: '1',
        })
      ).statusCode,
      303,
    );
    const edit = await stream.waitFor(
      (e) => e.event === 'live-entry',
      5_000,
      from,
    );
    assert.equal(JSON.parse(edit.data).entryId, goal);
    assert.match(JSON.parse(edit.data).html, /25\u00A0mètres/);
    assert.equal(
      (await desk.post(`${deskUrl()}/entrees/${kickoff}/supprimer`, {}))
        .statusCode,
      303,
    );
    const removal = await stream.waitFor(
      (e) => e.event === 'live-entry' && JSON.parse(e.data).deleted === true,
      5_000,
      from,
    );
    assert.equal(JSON.parse(removal.data).entryId, kickoff);
    const after = await page();
    assert.deepEqual(entryIds(after), [goal]);
    assert.match(after('.live-entry').text(), /25\u00A0mètres/);
  });

  test('bad input: an empty entry is refused in French and nothing is lost; a contributor may not post', async () => {
    const res = await samir.post(`${deskUrl()}/entrees`, { bodySource: '   ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Écrivez le texte de l’entrée/);
    const long = 'x'.repeat(20_001);
    const refused = await samir.post(`${deskUrl()}/entrees`, {
      bodySource: long,
      keyMoment: '1',
    });
    assert.equal(refused.statusCode, 400);
    assert.ok(
      cheerio.load(refused.body)('#f-bodySource').text() === long,
      'what was typed is still in the form',
    );
    const contributor = new Client(t.app);
    await contributor.signIn((await buildUser(t.ctx, 'contributor')).email);
    assert.equal(
      (
        await contributor.post(`${deskUrl()}/entrees`, {
          bodySource: 'Bonjour',
        })
      ).statusCode,
      // Someone else's article is one a contributor may not even see: not found, like every route by id.
      404,
    );
    assert.equal(
      (await samir.get(`/admin/articles/${articleId}/direct/entrees/abc`))
        .statusCode,
      404,
    );
  });

  test('the HTML holds the newest 20 entries; older ones are a page of their own', async () => {
    for (let i = 1; i <= 22; i++) {
      t.clock.advance(30_000);
      await samir.post(`${deskUrl()}/entrees`, {
        bodySource: `Minute ${i} : le Wydad fait tourner le ballon.`,
      });
    }
    const $ = await page();
    assert.equal(entryIds($).length, 20);
    const older = $('.live-older a').attr('href')!;
    assert.match(older, /^\/articles\/derby-en-direct\/direct\?avant=\d+$/);
    const rest = cheerio.load((await t.app.inject(older)).body);
    assert.deepEqual(
      rest('.live-entry .live-entry-body')
        .map((_, el) => rest(el).text().trim())
        .get(),
      [
        'Minute 2\u00A0: le Wydad fait tourner le ballon.',
        'Minute 1\u00A0: le Wydad fait tourner le ballon.',
        'But du Raja\u202F! Frappe du gauche de 25\u00A0mètres dans la lucarne.',
      ],
    );
    assert.equal(
      (await t.app.inject('/articles/derby-en-direct/direct?avant=abc'))
        .statusCode,
      400,
    );
  });

  test('the desk ends the live blog: « Terminé », coverageEndTime', async () => {
    t.clock.advance(60_000);
    assert.equal(
      (await desk.post(`${deskUrl()}/terminer`, {})).statusCode,
      303,
    );
    const $ = await page();
    assert.equal($('.live-state').text(), 'Terminé');
    assert.equal(liveLd($).coverageEndTime, isoAt(t.clock.now()));
    assert.equal(
      (await desk.post(`${deskUrl()}/terminer`, {})).statusCode,
      409,
      'already ended',
    );
    const home = cheerio.load((await t.app.inject('/')).body);
    assert.equal(home('.live-blogs .live-state').text(), 'Terminé');
    assert.equal(
      home(`.fil-list li[data-id="${articleId}"] .fil-live-ended`).text(),
      'Terminé',
    );
    await stream.waitFor(
      (e) => e.event === 'updated' && JSON.parse(e.data).live === 'ended',
    );
    t.clock.advance(25 * 3_600_000);
    assert.equal(
      cheerio.load((await t.app.inject('/')).body)('.live-blogs').length,
      0,
      'off the home page a day later',
    );
  });

  test('teardown', async () => {
    stream.close();
    await t.app.close();
  });
});

function isoAt(d: Date): string {
  return `${new Date(d.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
}
