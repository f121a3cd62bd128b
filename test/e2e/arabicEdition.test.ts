import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { loadArabicDemo } from '../../src/demo/loadArabicDemo.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import { htmlValidator } from '../support/demoSite.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  runAxe,
  screenshot,
} from '../support/browser.ts';

/**
 * The Arabic edition in a real Chromium: the demo site with `newsdesk edition demo` applied,
 * served over HTTP. Home and article right to left at phone and desktop widths, axe-core and
 * html-validate, and the language switch between linked translations, both ways.
 */
for (const dialect of DIALECTS) {
  describe(`Arabic edition in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close();
      const config = () =>
        loadConfig({
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          // No SITE_URL: the site's URL follows the served address, so the edition's absolute
          // links (canonical, hreflang, the language switch) lead back to this server.
        });
      const first = await startServer(config(), {
        demo: true,
        port: 0,
        host: '127.0.0.1',
      });
      await loadArabicDemo(first.services);
      await first.stop();
      // Edition routes are registered at start, as after `newsdesk edition add`.
      server = await startServer(config(), {
        demo: false,
        port: 0,
        host: '127.0.0.1',
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    const serious = async (page: Page) =>
      (await runAxe(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );

    for (const width of [390, 1366])
      test(`home and article right to left at ${width} px, accessible and valid`, async () => {
        const page = await browser.newPage({
          viewport: { width, height: 900 },
        });
        const served = await page.goto(`${server.address}/ar/`);
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        assert.equal(await page.getAttribute('html', 'lang'), 'ar');
        assert.equal(
          await page.evaluate(() => getComputedStyle(document.body).direction),
          'rtl',
        );
        // Mirrored: the date, first in the top bar, sits at its right edge.
        const today = (await page.locator('.today').boundingBox())!;
        const bar = (await page.locator('.topbar').boundingBox())!;
        assert.ok(
          bar.x + bar.width - (today.x + today.width) < today.x - bar.x,
          'the date is nearer the right edge',
        );
        assert.equal(
          // Wait for the faces the page asked for; load() fetches the face if layout has not yet.
          await page.evaluate(async () => {
            await document.fonts.ready;
            await document.fonts.load('16px "Noto Sans Arabic"', 'مرحبا');
            return document.fonts.check('16px "Noto Sans Arabic"', 'مرحبا');
          }),
          true,
          'the Arabic typeface is loaded',
        );
        assert.deepEqual(await serious(page), [], 'axe on the Arabic home');
        // The markup as served (the DOM's serialisation rewrites boolean attributes).
        const home = await htmlValidator.validateString(await served!.text());
        assert.ok(home.valid, JSON.stringify(home.results, null, 1));
        await screenshot(page, `ar-home-${width}-${dialect}`);

        await page.locator('.lead-title a').click();
        await page.waitForURL(/\/ar\/articles\//);
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        assert.equal(
          await page.evaluate(
            () => getComputedStyle(document.querySelector('.chapo')!).textAlign,
          ),
          'start',
        );
        assert.deepEqual(await serious(page), [], 'axe on the Arabic article');
        const article = await htmlValidator.validateString(
          await (await page.request.get(page.url())).text(),
        );
        assert.ok(article.valid, JSON.stringify(article.results, null, 1));
        await screenshot(page, `ar-article-${width}-${dialect}`);

        // The section's page, from the article's kicker: a listing right to left.
        await page.locator('.breadcrumb a').nth(1).click();
        await page.waitForURL(/\/ar\/rubrique\//);
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        assert.ok((await page.locator('.listing-item').count()) > 0);
        assert.deepEqual(await serious(page), [], 'axe on an Arabic section');
        const listing = await htmlValidator.validateString(
          await (await page.request.get(page.url())).text(),
        );
        assert.ok(listing.valid, JSON.stringify(listing.results, null, 1));
        await screenshot(page, `ar-section-${width}-${dialect}`);
        await page.close();
      });

    test('the language switch: « Lire en français » and back with « اقرأ بالعربية »', async () => {
      const page = await browser.newPage({
        viewport: { width: 1366, height: 900 },
      });
      await page.goto(`${server.address}/ar/`);
      await page.locator('.lead-title a').click();
      await page.waitForURL(/\/ar\/articles\//);
      const arabicUrl = page.url();
      const arabicTitle = await page.locator('h1').textContent();
      await page
        .locator('.lang-switch a', { hasText: 'Lire en français' })
        .click();
      await page.waitForURL((u) => !u.pathname.startsWith('/ar/'));
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.equal(await page.getAttribute('html', 'dir'), null);
      assert.match((await page.locator('h1').textContent())!, /Eau/);
      assert.deepEqual(await serious(page), [], 'axe on the French article');
      await page
        .locator('.lang-switch a', { hasText: 'اقرأ بالعربية' })
        .click();
      await page.waitForURL(/\/ar\/articles\//);
      assert.equal(page.url(), arabicUrl);
      assert.equal(await page.locator('h1').textContent(), arabicTitle);
      await page.close();
    });
  });
}
