import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { zonedLocalToDate } from '../../src/domain/frenchDates.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  screenshot,
} from '../support/browser.ts';
import { buildArticle } from '../support/factories.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

const N = '\u202F';
const B = '\u00A0';

/**
 * French text as readers and journalists see it, in a real Chromium: the published article's
 * DOM carries the narrow no-break spaces the typography table asks for, and no line of it starts
 * with « » » at any phone width; the schedule form reads and types 24-hour French time in a
 * browser set to en-US.
 */
for (const dialect of DIALECTS) {
  describe(`French text in Chromium [${dialect}]`, {
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

    test('a published article: U+202F where the table says, and no line starts with « » »', async () => {
      await buildArticle(server.services, {
        slug: 'ministre-ne-cedera-pas',
        title: 'Le ministre : « Nous ne céderons pas » ?',
        lead: 'Réforme des retraites : le gouvernement maintient son texte ; 12 % de hausse.',
        bodySource: [
          '« Nous ne céderons pas sur l’essentiel, ni sur le calendrier ni sur le fond de la réforme », a déclaré le ministre devant les députés réunis en séance.',
          'Il a ajouté : « Le texte sera voté avant l’été ! » Les syndicats promettent 40 km de cortèges.',
          'Voir `a ? b : c` et https://exemple.ma/?q=a:b;c pour le détail.',
        ].join('\n\n'),
      });
      const page = await browser.newPage({
        viewport: { width: 390, height: 844 },
      });
      await page.goto(`${server.address}/articles/ministre-ne-cedera-pas`);
      const h1 = await page.locator('h1').textContent();
      assert.equal(h1, `Le ministre${B}: «${N}Nous ne céderons pas${N}»${N}?`);
      const paragraphs = await page
        .locator('.article-body p')
        .allTextContents();
      assert.ok(
        paragraphs[0]!.startsWith(`«${N}Nous ne céderons pas`),
        paragraphs[0],
      );
      assert.ok(
        paragraphs[0]!.includes(`réforme${N}», a déclaré`),
        paragraphs[0],
      );
      assert.ok(
        paragraphs[1]!.includes(
          `Il a ajouté${B}: «${N}Le texte sera voté avant l’été${N}!${N}»`,
        ),
        paragraphs[1],
      );
      assert.ok(paragraphs[1]!.includes(`40${B}km`), paragraphs[1]);
      assert.equal(
        await page.locator('.article-body code').textContent(),
        'a ? b : c',
        'code untouched',
      );
      assert.ok(
        paragraphs[2]!.includes('https://exemple.ma/?q=a:b;c'),
        'URL untouched',
      );

      // At every width from 300 to 420 px, each » sits on the same line as the word before it.
      const widowed: string[] = [];
      for (let width = 300; width <= 420; width += 6) {
        await page.setViewportSize({ width, height: 844 });
        const lineStarts = await page.evaluate(() => {
          const found: number[] = [];
          const body = document.querySelector('.article-body')!;
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (
              let i = text.indexOf('»');
              i > 1;
              i = text.indexOf('»', i + 1)
            ) {
              const range = document.createRange();
              range.setStart(node, i - 2);
              range.setEnd(node, i + 1);
              const tops = new Set(
                [...range.getClientRects()]
                  .filter((r) => r.width > 0)
                  .map((r) => Math.round(r.top)),
              );
              if (tops.size > 1) found.push(i);
            }
          }
          return found;
        });
        if (lineStarts.length) widowed.push(`${width}px: ${lineStarts}`);
      }
      assert.deepEqual(widowed, [], 'a » alone at the start of a line');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `typography-article-${dialect}`);
      await page.close();
    });

    test('en-US browser: the schedule form shows and takes 24-hour French time', async () => {
      const editor = await buildUser(server.services, 'editor', {
        email: 'nadia@redaction.example',
        name: 'Nadia Fassi',
      });
      const article = await buildArticle(server.services, {
        status: 'draft',
        title: 'Un article à programmer',
        authorIds: [editor.authorId],
      });
      const context = await browser.newContext({
        locale: 'en-US',
        timezoneId: 'America/New_York',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(`${server.address}/admin`);
      await page.getByLabel('Adresse e-mail').fill(editor.email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${server.address}/admin`);
      assert.equal(
        await page.evaluate(() => navigator.language),
        'en-US',
        'the browser speaks US English',
      );
      await page.goto(`${server.address}/admin/articles/${article.id}`);
      const day = page.getByLabel('Date de publication');
      const time = page.getByLabel('Heure de publication');
      assert.equal(await day.getAttribute('type'), null, 'a text field');
      assert.match(await day.inputValue(), /^\d{2}\/\d{2}\/\d{4}$/);
      assert.match(await time.inputValue(), /^([01]\d|2[0-3]):[0-5]\d$/);
      await day.fill('15/06/2030');
      await time.fill('14:30');
      await screenshot(page, `schedule-en-US-${dialect}`);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText('Publication programmée.').waitFor();
      const saved = await findArticleById(server.services.db, article.id);
      assert.equal(saved!.status, 'scheduled');
      assert.equal(
        saved!.scheduledAt!.toISOString(),
        zonedLocalToDate(
          '2030-06-15T14:30',
          'Africa/Casablanca',
        )!.toISOString(),
      );
      const meta = await page.locator('.meta').first().textContent();
      assert.match(meta!, /samedi 15 juin 2030 à 14:30/);
      assert.doesNotMatch(meta!, /PM|AM/);
      await context.close();
    });
  });
}
