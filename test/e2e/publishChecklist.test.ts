import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  BROWSER_WAIT_MS,
  launchBrowser,
  screenshot,
  signInPage,
  bodySource,
} from '../support/browser.ts';
import { buildSection } from '../support/factories.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

/**
 * The publish checklist beside the editor, in a real Chromium: it follows the unsaved fields
 * as the journalist types, and the server refuses what it marks as blocking.
 */
for (const dialect of DIALECTS) {
  describe(`publish checklist in Chromium [${dialect}]`, {
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
        }),
        { demo: false, port: 0, host: '127.0.0.1' },
      );
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    test('the checklist blocks publishing until a section is chosen, live as the editor types', async () => {
      await buildSection(server.services, { slug: 'regions', name: 'Régions' });
      const editor = await buildUser(server.services, 'editor', {
        email: 'nadia@redaction.example',
        name: 'Nadia Fassi',
      });
      const page = await signInPage(
        browser,
        server.address,
        editor.email,
        PASSWORD,
        { width: 1366, height: 900 },
      );
      await page.getByRole('link', { name: 'Nouvel article' }).click();
      await page
        .getByLabel('Titre', { exact: true })
        .fill('Les oliviers de Ouezzane donnent une récolte record');
      await page.getByLabel('Chapô').fill('La coopérative a pressé 40 tonnes.');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Article créé.').waitFor();
      const id = Number(/\/admin\/articles\/(\d+)/.exec(page.url())![1]);

      const section = page.locator('#publish-checklist [data-check="section"]');
      assert.equal(await section.getAttribute('class'), 'check check-error');
      // Publishing now is refused by the server, the message next to the field.
      await page.getByRole('button', { name: 'Publier maintenant' }).click();
      await page
        .locator('#f-sectionId-error', { hasText: 'Choisissez une rubrique' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        (await findArticleById(server.services.db, id))!.status,
        'draft',
      );

      // Typing in the form updates the checklist, with nothing saved.
      await page.getByLabel('Rubrique').selectOption({ label: 'Régions' });
      await page
        .locator('#publish-checklist [data-check="section"].check-ok')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await (await bodySource(page)).fill(
        'Voir [notre dossier](/articles/dossier-inexistant).',
      );
      await page
        .locator('#publish-checklist [data-check="internalLinks"].check-error')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.match(
        (await page.locator('.checklist-summary').textContent())!,
        /1 point bloque la publication/,
      );
      await screenshot(page, `publish-checklist-${dialect}`);
      await (await bodySource(page)).fill('La récolte a commencé en novembre.');
      await page
        .locator('#publish-checklist [data-check="internalLinks"].check-ok')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        await page.locator('.checklist-summary').textContent(),
        'Prêt à publier.',
      );
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Modifications enregistrées.').waitFor();
      await page.getByRole('button', { name: 'Publier maintenant' }).click();
      await page.getByText('Article publié.').waitFor();
      assert.equal(
        (await findArticleById(server.services.db, id))!.status,
        'published',
      );
      await page.context().close();
    });
  });
}
