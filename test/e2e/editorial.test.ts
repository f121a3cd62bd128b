import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/main.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { DIALECTS } from '../support/databases.ts';
import { useDemoSite } from '../support/demoSite.ts';
import {
  BROWSER_MISSING,
  runAxe,
  screenshot,
  bodySource,
} from '../support/browser.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';
import { REWRITE_A, REWRITE_B } from '../fixtures/editorialTexts.ts';

/**
 * The editorial tools in Chromium: an editor writes a story the site already has, sees
 * « Doublon probable » with the other article, accepts a suggested tag and the suggested section
 * with one click each, and publishes only after ticking « Publier quand même ».
 */
for (const dialect of DIALECTS) {
  describe(`editorial tools in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let server: RunningServer;
    let browser: Browser;
    const site = useDemoSite(dialect, { clock: fixedClock(new Date()) });
    before(() => {
      ({ server, browser } = site());
    });

    test('duplicate warning, one-click tag and section, override to publish', async () => {
      const editor = await buildUser(server.services, 'editor', {
        email: 'nadia@redaction.example',
        name: 'Nadia Fassi',
      });
      const page = await (
        await browser.newContext({ viewport: { width: 1280, height: 900 } })
      ).newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(`${server.address}/admin`);
      await page.getByLabel('Adresse e-mail').fill(editor.email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${server.address}/admin`);

      for (const story of [REWRITE_A, REWRITE_B]) {
        await page.goto(`${server.address}/admin/articles/nouveau`);
        await page.getByLabel('Titre', { exact: true }).fill(story.title);
        await page.getByLabel('Chapô').fill(story.lead);
        await (await bodySource(page)).fill(story.body);
        // What is published needs a section (the byline is the editor's own, filled in).
        await page.getByLabel('Rubrique').selectOption({ index: 1 });
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Article créé.').waitFor();
        if (story === REWRITE_A) {
          await page
            .getByRole('button', { name: 'Publier maintenant' })
            .click();
          await page.getByText('Article publié.').waitFor();
        }
      }
      const warning = page.locator('.duplicate-warning');
      await warning
        .getByRole('heading', { name: 'Doublon probable' })
        .waitFor();
      assert.equal(
        await warning.getByRole('link', { name: REWRITE_A.title }).count(),
        1,
      );

      await page.getByRole('button', { name: /\+ Sidi Moumen/ }).click();
      assert.match(
        await page.getByLabel('Sujets (séparés par des virgules)').inputValue(),
        /Sidi Moumen/,
      );
      const sectionButton = page.locator('button[data-set-section]');
      if (await sectionButton.count()) {
        await sectionButton.click();
        assert.equal(
          await page.getByLabel('Rubrique').inputValue(),
          await sectionButton.getAttribute('data-set-section'),
        );
      }
      await screenshot(page, `editorial-duplicate-${dialect}`);
      assert.deepEqual(
        (await runAxe(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        ),
        [],
        'axe on the editor with the warning',
      );
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Modifications enregistrées.').waitFor();

      await page.getByRole('button', { name: 'Publier maintenant' }).click();
      await page.getByText(/Rien n’a été publié/).waitFor();
      await page
        .getByRole('checkbox', { name: 'Publier quand même', exact: true })
        .check();
      await page.getByRole('button', { name: 'Publier maintenant' }).click();
      await page.getByText('Article publié.').waitFor();
      const tags = await server.services.db
        .selectFrom('tags')
        .select(['name', 'kind'])
        .where('slug', '=', 'sidi-moumen')
        .executeTakeFirst();
      assert.deepEqual(tags ? { ...tags } : null, {
        name: 'Sidi Moumen',
        kind: 'place',
      });
    });
  });
}
