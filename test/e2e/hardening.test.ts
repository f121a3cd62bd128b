import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DIALECTS } from '../support/databases.ts';
import {
  BROWSER_MISSING,
  BROWSER_WAIT_MS,
  runAxe,
  bodySource,
} from '../support/browser.ts';
import { useDemoSite } from '../support/demoSite.ts';
import { buildArticle } from '../support/factories.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Issue #12 in Chromium. The Content-Security-Policy is on and breaks nothing: no page reports a
 * violation (neither the `securitypolicyviolation` event nor a console message), and the two
 * scripts still work: the live fil info takes a new headline in, the editor renders its preview.
 * Section kickers are large enough targets; a too-long text is refused before it is sent.
 */
for (const dialect of DIALECTS) {
  describe(`hardening in Chromium: CSP, target size, editor limits [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    const site = useDemoSite(dialect);

    async function watchedPage(
      viewport = { width: 1280, height: 900 },
    ): Promise<{
      context: BrowserContext;
      page: Page;
      violations: Violation[];
      consoleErrors: string[];
    }> {
      const context = await site().browser.newContext({ viewport });
      const violations: Violation[] = [];
      await context.exposeBinding(
        'reportCspViolation',
        (_source, v: Violation) => {
          violations.push(v);
        },
      );
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (
            window as unknown as { reportCspViolation(v: unknown): void }
          ).reportCspViolation({
            directive: e.violatedDirective,
            blocked: e.blockedURI,
            source: e.sourceFile,
          });
        });
      });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text()))
          consoleErrors.push(message.text());
      });
      return { context, page, violations, consoleErrors };
    }

    async function open(page: Page, url: string): Promise<void> {
      const response = await page.goto(site().server.address + url);
      assert.ok(response, url);
      assert.equal(response.status(), 200, url);
      const csp = response.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self'/, `${url} carries the policy`);
      assert.match(csp, /frame-ancestors 'self'/);
      assert.match(csp, /object-src 'none'/);
      await page.waitForLoadState('load');
    }

    test('home, an article, search and the login page: no violation; the live fil info still updates', async () => {
      const { context, page, violations, consoleErrors } = await watchedPage();
      await open(page, '/');
      await page.locator('.fil-list li').first().waitFor();
      // The live script is running if a headline published now reaches the open page.
      await buildArticle(site().server.services, {
        title: 'Une dépêche publiée pendant la lecture',
        status: 'published',
        publishedAt: new Date(),
      });
      await page
        .locator('.fil-list li', {
          hasText: 'Une dépêche publiée pendant la lecture',
        })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      const article = await page
        .locator('.fil-list li a')
        .first()
        .getAttribute('href');
      assert.ok(article);
      await open(page, article);
      assert.ok(
        (await page.locator('script[type="application/ld+json"]').count()) > 0,
        'the article has JSON-LD data blocks',
      );
      await open(page, '/recherche?q=maroc');
      await open(page, '/admin/connexion');
      assert.deepEqual(violations, []);
      assert.deepEqual(consoleErrors, []);
      await context.close();
    });

    test('the editor: no violation, and its script renders the preview', async () => {
      const journalist = await buildUser(site().server.services, 'journalist', {
        email: `csp-${dialect}@redaction.example`,
      });
      const { context, page, violations, consoleErrors } = await watchedPage();
      await open(page, '/admin/connexion');
      await page.getByLabel('Adresse e-mail').fill(journalist.email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${site().server.address}/admin`);
      await open(page, '/admin/articles/nouveau');
      await page.getByLabel('Titre', { exact: true }).fill('Un titre sous CSP');
      await (await bodySource(page)).fill(
        'Un paragraphe.\n\n## Un intertitre sous CSP\n\nSuite.',
      );
      await page
        .locator('#preview-body h2', { hasText: 'Un intertitre sous CSP' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.deepEqual(violations, []);
      assert.deepEqual(consoleErrors, []);

      // A text over the limit: the script refuses to send it, says why, and keeps it all.
      const long = `Début. ${'Une phrase de plus. '.repeat(10_001)}Fin.`;
      await (await bodySource(page)).fill(long);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const alert = page.locator('#body-too-long');
      await alert.waitFor({ timeout: BROWSER_WAIT_MS });
      assert.match(
        await alert.innerText(),
        /la limite est de 200\s000\. Rien n’a été envoyé/,
      );
      assert.equal(
        new URL(page.url()).pathname,
        '/admin/articles/nouveau',
        'nothing was sent',
      );
      assert.equal(await (await bodySource(page)).inputValue(), long);
      await context.close();
    });

    test('section kicker links are at least 24 px targets (axe target-size), on a phone and a laptop', async () => {
      for (const viewport of [
        { width: 390, height: 844 },
        { width: 1280, height: 900 },
      ]) {
        const { context, page } = await watchedPage(viewport);
        for (const url of ['/', '/recherche?q=maroc']) {
          await open(page, url);
          assert.ok(
            (await page.locator('.kicker a').count()) > 0,
            `${url} has section kickers`,
          );
          assert.deepEqual(
            await runAxe(page, ['target-size']),
            [],
            `${url} at ${viewport.width} px`,
          );
        }
        await context.close();
      }
    });
  });
}
