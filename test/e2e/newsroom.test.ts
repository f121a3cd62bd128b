import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { toFrenchFields } from '../../src/domain/frenchDates.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
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
  signInPage,
  BROWSER_WAIT_MS,
  bodySource,
} from '../support/browser.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

/**
 * The newsroom in a real Chromium: a journalist writes and submits, an editor publishes, the
 * headline tops the fil info and its section; then a scheduled article survives a restart and
 * is published on time (the server's clock is injected and moved forward).
 */
for (const dialect of DIALECTS) {
  describe(`newsroom journey in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    const clock = fixedClock(new Date());
    const config = () =>
      loadConfig({
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        SITE_URL: 'http://localhost',
      });

    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close();
      server = await startServer(config(), {
        demo: true,
        port: 0,
        host: '127.0.0.1',
        clock,
        schedulerIntervalMs: 200,
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    const signIn = (email: string): Promise<Page> =>
      signInPage(browser, server.address, email, PASSWORD);

    test('journalist writes and submits, editor publishes, the headline tops the fil info and its section', async () => {
      const journalist = await buildUser(server.services, 'journalist', {
        email: 'samir@redaction.example',
        name: 'Samir Bennis',
      });
      await buildUser(server.services, 'editor', {
        email: 'nadia@redaction.example',
        name: 'Nadia Fassi',
      });
      const j = await signIn(journalist.email);
      await j.getByRole('link', { name: 'Nouvel article' }).click();
      await j
        .getByLabel('Titre', { exact: true })
        .fill('Marrakech accueille un sommet sur l’eau');
      await j
        .getByLabel('Chapô')
        .fill('Des experts de vingt pays réunis trois jours.');
      await (await bodySource(j)).fill(
        'Le sommet s’ouvre lundi.\n\n## Un programme chargé\n\nTrois jours de travaux.',
      );
      await j.getByLabel('Rubrique').selectOption({ label: 'Régions' });
      await j
        .getByLabel('Sujets (séparés par des virgules)')
        .fill('Marrakech, Stress hydrique');
      await j
        .locator('#preview-body h2', { hasText: 'Un programme chargé' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await screenshot(j, `editor-${dialect}`);
      await j.getByRole('button', { name: 'Enregistrer' }).click();
      await j.getByText('Article créé.').waitFor();
      await j.getByRole('button', { name: 'Envoyer en relecture' }).click();
      await j.getByText('Article envoyé en relecture.').waitFor();
      assert.deepEqual(
        (await runAxe(j)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        ),
        [],
        'axe on the editor',
      );

      const e = await signIn('nadia@redaction.example');
      await e
        .locator('#review')
        .locator('..')
        .getByRole('link', { name: 'Marrakech accueille un sommet sur l’eau' })
        .click();
      await screenshot(e, `editor-review-${dialect}`);
      await e.getByRole('button', { name: 'Publier maintenant' }).click();
      await e.getByText('Article publié.').waitFor();

      const reader = await browser.newPage();
      await reader.goto(`${server.address}/`);
      assert.equal(
        await reader.locator('.home-fil .fil-list a').first().textContent(),
        'Marrakech accueille un sommet sur l’eau',
      );
      await reader.goto(`${server.address}/rubrique/regions`);
      assert.equal(
        await reader
          .locator('.listing-item .teaser-title')
          .first()
          .textContent(),
        'Marrakech accueille un sommet sur l’eau',
      );
      await e.goto(`${server.address}/admin`);
      await screenshot(e, `dashboard-${dialect}`);
      assert.deepEqual(
        (await runAxe(e)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        ),
        [],
        'axe on the dashboard',
      );
    });

    test('an article scheduled a minute ahead is published on time after a restart', async () => {
      const e = await signIn('nadia@redaction.example');
      await e.getByRole('link', { name: 'Nouvel article' }).click();
      await e
        .getByLabel('Titre', { exact: true })
        .fill('Ouverture officielle du nouveau port de pêche');
      // A chapô, so the publish checklist has nothing to confirm.
      await e
        .getByLabel('Chapô')
        .fill('Le port accueillera deux cents chalutiers.');
      await e.getByLabel('Rubrique').selectOption({ label: 'Économie' });
      await e.getByRole('button', { name: 'Enregistrer' }).click();
      await e.getByText('Article créé.').waitFor();
      const id = Number(/\/admin\/articles\/(\d+)/.exec(e.url())![1]);
      const at = new Date(
        Math.ceil((clock.now().getTime() + 60_000) / 60_000) * 60_000,
      );
      const fields = toFrenchFields(at, 'Africa/Casablanca');
      await e.getByLabel('Date de publication').fill(fields.day);
      await e.getByLabel('Heure de publication').fill(fields.time);
      await e.getByRole('button', { name: 'Programmer' }).click();
      await e.getByText('Publication programmée.').waitFor();
      assert.equal(
        (await findArticleById(server.services.db, id))!.status,
        'scheduled',
      );

      // Restart: the scheduled state lives in the database, not in the old process.
      await server.stop();
      server = await startServer(config(), {
        demo: true,
        port: 0,
        host: '127.0.0.1',
        clock,
        schedulerIntervalMs: 200,
      });
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(
        (await findArticleById(server.services.db, id))!.status,
        'scheduled',
        'not before its time',
      );
      clock.set(new Date(at.getTime() + 1_000));
      const deadline = Date.now() + 10_000;
      let status = '';
      while (
        Date.now() < deadline &&
        (status = (await findArticleById(server.services.db, id))!.status) !==
          'published'
      )
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(status, 'published', 'published within 10 s of its time');
      const res = await fetch(
        `${server.address}/articles/ouverture-officielle-du-nouveau-port-de-peche`,
      );
      assert.equal(res.status, 200);
    });
  });
}
