import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/main.ts';
import { DIALECTS } from '../support/databases.ts';
import { htmlValidator, useDemoSite } from '../support/demoSite.ts';
import { BROWSER_MISSING, runAxe, screenshot } from '../support/browser.ts';

/**
 * A reader in a real Chromium: the demo site served over HTTP, the home page, a click on the
 * lead story's headline in the fil info, the article. Checked with axe-core and html-validate.
 */
for (const dialect of DIALECTS) {
  describe(`reader journey in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let server: RunningServer;
    let browser: Browser;
    const site = useDemoSite(dialect);
    before(() => {
      ({ server, browser } = site());
    });

    test('home → fil info link → article, accessible and valid', async () => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
      });
      await page.goto(`${server.address}/`);
      assert.equal(
        await page.locator('.a-la-une .block-title').textContent(),
        'À la une',
      );
      const filItems = page.locator('.home-fil .fil-list li');
      assert.ok((await filItems.count()) >= 9, 'at least 9 fil info items');
      for (const time of await page
        .locator('.home-fil .fil-list time')
        .allTextContents())
        assert.match(time, /^\d{2}:\d{2}$/);
      const homeViolations = (await runAxe(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      assert.deepEqual(homeViolations, [], 'axe on home');
      await screenshot(page, `home-${dialect}`);

      const leadTitle = (await page.locator('.lead-title a').textContent())!;
      const filLink = page.locator('.home-fil .fil-list a', {
        hasText: leadTitle,
      });
      assert.equal(
        await filLink.count(),
        1,
        'the lead story is in the fil info',
      );
      await filLink.click();
      await page.waitForURL(/\/articles\//);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('h1').textContent(), leadTitle);
      assert.ok(
        (await page.locator('.chapo').textContent())!.length > 50,
        'a lead',
      );
      assert.ok(
        (await page.locator('.article-body h2').count()) >= 3,
        'at least 3 subheadings',
      );
      assert.match((await page.locator('.byline').textContent())!, /^Par \S.+/);
      assert.ok(
        (await page.locator('.byline a[href^="/auteur/"]').count()) >= 1,
      );
      assert.match(
        (await page.locator('.dates').textContent())!,
        /Publié le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \S+ \d{4} à \d{2}:\d{2}/,
      );
      const articleViolations = (await runAxe(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      assert.deepEqual(articleViolations, [], 'axe on article');
      await screenshot(page, `article-${dialect}`);

      // Keyboard: the skip link is the first stop and leads to the content.
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Aller au contenu',
      );

      const mobile = await browser.newPage({
        viewport: { width: 390, height: 844 },
      });
      await mobile.goto(page.url());
      const overflow = await mobile.evaluate(
        () =>
          document.documentElement.scrollWidth -
          document.documentElement.clientWidth,
      );
      assert.ok(
        overflow <= 0,
        `no horizontal scroll on a phone (overflow ${overflow}px)`,
      );
      await screenshot(mobile, `article-mobile-${dialect}`);
    });

    test('home and article HTML are html-validate clean', async () => {
      const home = await (await fetch(`${server.address}/`)).text();
      const articleHref = /href="(\/articles\/[^"]+)"/.exec(home)![1]!;
      const article = await (await fetch(server.address + articleHref)).text();
      for (const [name, html] of [
        ['home', home],
        ['article', article],
      ] as const) {
        const report = await htmlValidator.validateString(html);
        const messages = report.results.flatMap((r) =>
          r.messages.map((m) => `${m.ruleId} l.${m.line}: ${m.message}`),
        );
        assert.deepEqual(messages, [], `${name} is valid HTML`);
      }
    });
  });
}
