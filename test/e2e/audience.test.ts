import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  runAxe,
  screenshot,
} from '../support/browser.ts';
import { htmlValidator } from '../support/demoSite.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

/** Headless Chromium says « HeadlessChrome », which isbot rightly calls a robot: readers get an ordinary browser's name. */
const READER_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/**
 * Audience in a real Chromium on the demo newsroom: the page's own beacon counts a reader (and
 * not a headless robot, nor a reader whose browser sends Global Privacy Control), « Les plus
 * lus » is filled from the demo's figures, and the editors' page draws its charts.
 */
for (const dialect of DIALECTS) {
  describe(`audience in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;

    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close();
      server = await startServer(
        loadConfig({
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          SITE_URL: 'http://localhost',
          AUDIENCE_FLUSH_MS: '50',
        }),
        { demo: true, port: 0, host: '127.0.0.1' },
      );
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    const viewsToday = async (articleId: number) => {
      await server.services.audience.flush();
      const rows = await server.services.db
        .selectFrom('audience_hourly')
        .select('views')
        .where('article_id', '=', articleId)
        .where('hour', '>=', new Date(Date.now() - 3_600_000).toISOString())
        .execute();
      return rows.reduce((n, r) => n + Number(r.views), 0);
    };

    test('a reader opening an article is counted once by the page’s beacon; a headless robot and a GPC browser are not', async () => {
      const home = await browser.newPage({
        userAgent: READER_UA,
        viewport: { width: 390, height: 844 },
      });
      await home.goto(`${server.address}/`);
      const mostRead = home.locator('.most-read-list a');
      assert.ok(
        (await mostRead.count()) >= 3,
        '« Les plus lus » is filled from the demo figures',
      );
      const href = await mostRead.first().getAttribute('href');
      const article = await server.services.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', decodeURIComponent(href!.replace('/articles/', '')))
        .executeTakeFirstOrThrow();
      const before = await viewsToday(article.id);
      const beacon = home.waitForRequest(
        (r) =>
          r.url().endsWith('/beacon') &&
          r.postData()?.includes(`"a":${article.id}`) === true,
      );
      await mostRead.first().click();
      const sent = await beacon;
      assert.deepEqual(
        Object.keys(JSON.parse(sent.postData()!)).sort(),
        ['a', 'r'],
        'the article and its referrer, nothing else',
      );
      assert.equal((await sent.response())?.status(), 204);
      assert.equal(await viewsToday(article.id), before + 1);
      await screenshot(home, `most-read-mobile-${dialect}`);

      const robot = await browser.newPage(); // HeadlessChrome user agent
      const robotBeacon = robot.waitForRequest((r) =>
        r.url().endsWith('/beacon'),
      );
      await robot.goto(`${server.address}${href}`);
      assert.equal((await (await robotBeacon).response())?.status(), 204);
      const gpc = await browser.newPage({
        userAgent: READER_UA,
        extraHTTPHeaders: { 'Sec-GPC': '1' },
      });
      const gpcBeacon = gpc.waitForRequest((r) => r.url().endsWith('/beacon'));
      await gpc.goto(`${server.address}${href}`);
      assert.equal((await (await gpcBeacon).response())?.status(), 204);
      assert.equal(
        await viewsToday(article.id),
        before + 1,
        'neither was counted',
      );
    });

    test('the editors’ audience page: charts and tables, valid and accessible', async () => {
      const editor = await buildUser(server.services, 'editor', {
        email: `nadia-${dialect}@redaction.example`,
        name: 'Nadia Fassi',
      });
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
      });
      await page.goto(`${server.address}/admin`);
      await page.getByLabel('Adresse e-mail').fill(editor.email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${server.address}/admin`);
      await page.getByRole('link', { name: 'Audience' }).click();
      await page.waitForURL(`${server.address}/admin/audience`);
      assert.equal(await page.locator('svg.chart').count(), 4);
      const bars = await page
        .locator(
          '#aud-30 ~ svg rect.bar, section[aria-labelledby="aud-30"] svg rect.bar',
        )
        .count();
      assert.equal(bars, 30);
      const tallest = await page
        .locator('section[aria-labelledby="aud-30"] svg rect.bar')
        .evaluateAll((rects) =>
          Math.max(...rects.map((r) => Number(r.getAttribute('height')))),
        );
      assert.ok(tallest > 50, 'the demo figures draw visible bars');
      const report = await htmlValidator.validateString(await page.content());
      assert.ok(
        report.valid,
        JSON.stringify(
          report.results.flatMap((r) =>
            r.messages.map((m) => `${m.ruleId}: ${m.message}`),
          ),
        ),
      );
      const violations = await runAxe(page);
      assert.deepEqual(
        violations.map((v) => v.id),
        [],
      );
      await screenshot(page, `audience-${dialect}`);
    });
  });
}
