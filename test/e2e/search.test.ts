import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/main.ts';
import { DIALECTS } from '../support/databases.ts';
import { htmlValidator, useDemoSite } from '../support/demoSite.ts';
import { BROWSER_MISSING, runAxe, screenshot } from '../support/browser.ts';

/**
 * A reader searches from the header of the demo site in Chromium: results with marked words, a
 * filter, the empty state; each page accessible (axe-core) and valid (html-validate).
 */
for (const dialect of DIALECTS) {
  describe(`reader search in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let server: RunningServer;
    let browser: Browser;
    const site = useDemoSite(dialect);
    before(() => {
      ({ server, browser } = site());
    });

    test('header form → results with marked words → section filter → empty state', async () => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
      });
      await page.goto(`${server.address}/`);
      await page.fill(
        'header .site-search input[name=q]',
        'editeurs marocains',
      );
      await page.press('header .site-search input[name=q]', 'Enter');
      await page.waitForURL(/\/recherche\?q=editeurs\+marocains/);
      assert.equal(await page.locator('h1').textContent(), 'Recherche');
      assert.ok(
        (await page.locator('.search-result').count()) >= 1,
        'at least one result',
      );
      const marks = await page.locator('.search-result mark').allTextContents();
      assert.ok(
        marks.some((m) => /^éditeurs$/i.test(m)),
        `accents folded: ${marks.join(', ')}`,
      );
      const violations = (await runAxe(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      assert.deepEqual(violations, [], 'axe on results');
      await screenshot(page, `search-${dialect}`);

      await page.selectOption('#search-section', { index: 1 });
      await page.fill('#search-q', 'hippopotame introuvable');
      await page.click('.search-form button[type=submit]');
      await page.waitForURL(/rubrique=/);
      assert.match(
        (await page.locator('.search-empty h2').textContent())!,
        /Aucun résultat pour « hippopotame introuvable »/,
      );
      assert.equal(
        await page
          .locator(
            '.search-empty a[href="/recherche?q=hippopotame+introuvable"]',
          )
          .count(),
        1,
      );
      const emptyViolations = (await runAxe(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      assert.deepEqual(emptyViolations, [], 'axe on the empty state');
      await screenshot(page, `search-empty-${dialect}`);
    });

    test('search pages are html-validate clean', async () => {
      for (const path of [
        '/recherche',
        '/recherche?q=maroc',
        '/recherche?q=zzzz+introuvable',
        '/recherche?q=le+la',
      ]) {
        const html = await (await fetch(server.address + path)).text();
        const report = await htmlValidator.validateString(html);
        const messages = report.results.flatMap((r) =>
          r.messages.map((m) => `${m.ruleId} l.${m.line}: ${m.message}`),
        );
        assert.deepEqual(messages, [], `${path} is valid HTML`);
      }
    });
  });
}
