import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { systemActor } from '../../src/commands/context.ts';
import { postLiveEntry, startLiveBlog } from '../../src/commands/liveBlog.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  screenshot,
  SCREENSHOT_DIR,
} from '../support/browser.ts';
import { buildArticle } from '../support/factories.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';

/**
 * A live blog in real Chromium: a reader on a phone has it open and scrolled into the entries;
 * two journalists post from the back office (one entry with a picture, one key moment), then
 * one corrects hers. The reader sees each entry arrive in order, the edit applied in place, and
 * what they were reading does not move.
 */
for (const dialect of DIALECTS) {
  describe(`live blog in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    let articleId: number;

    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close();
      server = await startServer(
        loadConfig({
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          SITE_URL: 'http://localhost',
        }),
        { demo: true, port: 0, host: '127.0.0.1' },
      );
      browser = await launchBrowser();
      const sport = await server.services.db
        .selectFrom('sections')
        .select('id')
        .where('slug', '=', 'sport')
        .executeTakeFirstOrThrow();
      const article = await buildArticle(server.services, {
        title: 'Lions de l’Atlas – Sénégal : la demi-finale en direct',
        slug: 'demi-finale-en-direct',
        sectionId: sport.id,
        lead: 'Le Maroc affronte le Sénégal pour une place en finale.',
        bodySource: 'Suivez la rencontre avec notre envoyé spécial.\n\n'.repeat(
          6,
        ),
      });
      articleId = article.id;
      await startLiveBlog(server.services, systemActor('test'), { articleId });
      for (let i = 1; i <= 8; i++)
        await postLiveEntry(server.services, systemActor('test'), {
          articleId,
          bodySource: `Avant-match, point ${i} : les supporters affluent autour du stade, l’ambiance monte d’un cran à chaque minute.`,
          byline: 'Rédaction des sports',
        });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    async function journalist(name: string): Promise<Page> {
      const user = await buildUser(server.services, 'journalist', {
        name,
        email: `${name
          .split(' ')[0]!
          .normalize('NFD')
          .replace(/[^a-zA-Z]/g, '')
          .toLowerCase()}-${dialect}@redaction.example`,
      });
      const page = await (
        await browser.newContext({ viewport: { width: 1280, height: 900 } })
      ).newPage();
      await page.goto(`${server.address}/admin`);
      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${server.address}/admin`);
      await page.goto(`${server.address}/admin/articles/${articleId}/direct`);
      return page;
    }
    async function post(
      page: Page,
      text: string,
      keyMoment = false,
    ): Promise<number> {
      await page.getByLabel('Texte (Markdown)').fill(text);
      if (keyMoment)
        await page.getByLabel('Moment clé (résumé en tête du direct)').check();
      await page.getByRole('button', { name: 'Publier l’entrée' }).click();
      await page.waitForURL(/ok=publie/);
      return Date.now();
    }

    test('a reader sees two journalists’ entries arrive in order and an edit in place, without the page moving', async () => {
      const reader = await (
        await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 1,
        })
      ).newPage();
      await reader.goto(`${server.address}/articles/demi-finale-en-direct`);
      await reader.waitForFunction(
        () => document.documentElement.dataset['live'] === 'open',
      );
      // Chromium anchors the scroll position by itself; Safari does not. Turn that off, so the
      // test checks the script's own correction (it fails without it).
      // (A constructed stylesheet: the page's CSP forbids inline <style>, not the CSSOM.)
      await reader.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          '*, html, body { overflow-anchor: none !important; }',
        );
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      });
      assert.equal(
        await reader.evaluate(
          () => getComputedStyle(document.body).overflowAnchor,
        ),
        'none',
      );
      // The reader has scrolled into the entries and is reading the fourth one.
      await reader
        .locator('.live-entry')
        .nth(3)
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const readingId = await reader
        .locator('.live-entry')
        .nth(3)
        .getAttribute('data-entry');
      const reading = reader.locator(`.live-entry[data-entry="${readingId}"]`);
      const topBefore = await reading.evaluate(
        (el) => el.getBoundingClientRect().top,
      );

      const samir = await journalist('Samir Bennis');
      const leila = await journalist('Leïla Amrani');
      const delays: number[] = [];
      const arrival = async (text: string, sentAt: number) => {
        await reader
          .locator('.live-entry', { hasText: text })
          .first()
          .waitFor({ timeout: 5_000 });
        delays.push(Date.now() - sentAt);
      };
      // A picture of the demo's media library, as the editor's chooser inserts it.
      const picture = await server.services.db
        .selectFrom('media')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await arrival(
        'Coup d’envoi',
        await post(
          samir,
          `Coup d’envoi de la demi-finale ! Le Maroc joue de gauche à droite.\n\n![Les Lions de l’Atlas à l’échauffement](media:${picture.id})`,
        ),
      );
      await arrival(
        'But des Lions',
        await post(
          leila,
          'But des Lions de l’Atlas ! Une tête imparable sur corner à la 17e minute.',
          true,
        ),
      );
      const order = await reader
        .locator('.live-entry .live-entry-body')
        .allTextContents();
      assert.match(order[0]!, /But des Lions/);
      assert.match(order[1]!, /Coup d’envoi/);
      assert.equal(
        await reader
          .locator('.live-entry')
          .first()
          .locator('.key-badge')
          .textContent(),
        'Moment clé',
      );
      const img = reader.locator('.live-entry').nth(1).locator('picture img');
      assert.equal(
        await img.getAttribute('alt'),
        'Les Lions de l’Atlas à l’échauffement',
      );
      // Rendered like an article body's library picture: a rendition from /media/ that serves
      // (fetched aside, so the reader's scroll is left alone: it is measured below).
      const src = (await img.getAttribute('src')) ?? '';
      assert.match(src, /^\/media\/\d+\//);
      const rendition = await reader.request.get(
        new URL(src, reader.url()).href,
      );
      assert.equal(rendition.status(), 200);
      assert.match(rendition.headers()['content-type'] ?? '', /^image\//);
      assert.match(
        (await reader.locator('.key-moments').textContent()) ?? '',
        /Moments clés\s*\d{2}:\d{2} But des Lions de l’Atlas !/,
        'the key moment summarised at the top',
      );

      // Leïla corrects her entry: it changes where it stands.
      await leila
        .locator('.desk-entries li')
        .first()
        .locator('textarea')
        .fill(
          'But des Lions de l’Atlas ! Une tête imparable sur corner à la 18e minute.',
        );
      await leila
        .locator('.desk-entries li')
        .first()
        .getByRole('button', { name: 'Enregistrer' })
        .click();
      await leila.waitForURL(/ok=modifie/);
      const editedAt = Date.now();
      await reader
        .locator('.live-entry')
        .first()
        .filter({ hasText: '18e minute' })
        .waitFor({ timeout: 5_000 });
      delays.push(Date.now() - editedAt);
      assert.equal(
        await reader
          .locator('.live-entry', { hasText: 'But des Lions' })
          .count(),
        1,
        'replaced, not added',
      );

      const topAfter = await reading.evaluate(
        (el) => el.getBoundingClientRect().top,
      );
      assert.ok(
        Math.abs(topAfter - topBefore) <= 1,
        `the entry being read stayed put (${topBefore} → ${topAfter})`,
      );
      console.log(
        `publish-to-screen delays [${dialect}]: ${delays.join(', ')} ms`,
      );
      for (const d of delays)
        assert.ok(d < 1_000, `arrived within a second (${d} ms)`);

      // The structured data a search engine reads, after a reload.
      await reader.reload();
      const ld = await reader
        .locator('script[type="application/ld+json"]')
        .evaluateAll((els) =>
          els.map(
            (e) => JSON.parse(e.textContent ?? '{}') as Record<string, unknown>,
          ),
        );
      const blog = ld.find((d) => d['@type'] === 'LiveBlogPosting') as {
        coverageStartTime: string;
        coverageEndTime?: string;
        liveBlogUpdate: {
          '@type': string;
          datePublished: string;
          author: { '@type': string; name: string };
          articleBody: string;
        }[];
      };
      assert.ok(blog, 'LiveBlogPosting');
      assert.match(
        blog.coverageStartTime,
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
      );
      assert.equal(blog.coverageEndTime, undefined);
      assert.deepEqual(
        blog.liveBlogUpdate
          .slice(0, 2)
          .map((u) => [u['@type'], u.author['@type'], u.author.name]),
        [
          ['BlogPosting', 'Person', 'Leïla Amrani'],
          ['BlogPosting', 'Person', 'Samir Bennis'],
        ],
      );
      for (const u of blog.liveBlogUpdate)
        assert.ok(
          u.articleBody.length > 0 &&
            !Number.isNaN(Date.parse(u.datePublished)),
        );
      await reader.locator('.live-blog').scrollIntoViewIfNeeded();
      await screenshot(reader, `live-blog-mobile-${dialect}`);
      // What the phone's screen shows: the live blog's head and its newest entries.
      await reader
        .locator('.live-blog')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await reader.screenshot({
        path: new URL(`live-blog-screen-${dialect}.png`, SCREENSHOT_DIR)
          .pathname,
      });
    });
  });
}
