import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';
import { findSectionBySlug } from '../../src/db/repos/taxonomy.ts';
import {
  createTestDatabase,
  DIALECTS,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  screenshot,
  BROWSER_WAIT_MS,
} from '../support/browser.ts';
import { buildArticle } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import {
  findArticleById,
  listArticleAuthorIds,
} from '../../src/db/repos/articles.ts';

/**
 * A reader with the home page open in Chromium while the newsroom publishes: the headline
 * appears in the fil info within 2 s without reload, edits replace it, unpublishing removes it,
 * a breaking item raises a dismissible banner, and a section page offers « N nouveaux articles »
 * instead of moving its list. The home-page test publishes, edits and unpublishes through the
 * back office's routes, signed in as an editor; the others call the publish command directly.
 */
const actor = systemActor('test');

/** Records layout shifts whose moving nodes lie outside the fil info (the only part allowed to move). */
const recordShifts = () => {
  const w = window as unknown as {
    shiftsOutsideFil: string[];
    shiftsInFil: number;
  };
  w.shiftsOutsideFil = [];
  w.shiftsInFil = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      sources?: { node?: Node | null }[];
      hadRecentInput: boolean;
    }[]) {
      if (entry.hadRecentInput) continue;
      for (const source of entry.sources ?? []) {
        const el =
          source.node instanceof Element
            ? source.node
            : source.node?.parentElement;
        if (el && !el.closest('.fil-info'))
          w.shiftsOutsideFil.push(el.outerHTML.slice(0, 80));
        else if (el) w.shiftsInFil++;
      }
    }
  }).observe({ type: 'layout-shift', buffered: false });
};

for (const dialect of DIALECTS) {
  const skip =
    BROWSER_MISSING || (dialect === 'postgres' ? POSTGRES_SKIP : false);
  describe(`live fil info in Chromium [${dialect}]`, { skip }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    let sectionId: number;
    let otherSectionId: number;
    let newsroom: Client;

    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close(); // the server opens its own connection, as in production
      server = await startServer(
        loadConfig({
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          SITE_URL: 'http://localhost',
        }),
        { demo: true, port: 0, host: '127.0.0.1' },
      );
      sectionId = (await findSectionBySlug(server.services.db, 'sport'))!.id;
      otherSectionId = (await findSectionBySlug(server.services.db, 'culture'))!
        .id;
      const editor = await buildUser(server.services, 'editor');
      newsroom = new Client(server.app);
      await newsroom.signIn(editor.email);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    const openLive = async (path: string): Promise<Page> => {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
      });
      await page.addInitScript(recordShifts);
      await page.goto(server.address + path);
      await page.waitForFunction(
        () => document.documentElement.dataset['live'] === 'open',
        undefined,
        { timeout: BROWSER_WAIT_MS },
      );
      return page;
    };
    const draft = (
      title: string,
      options: { breaking?: boolean; section?: number } = {},
    ) =>
      buildArticle(server.services, {
        title,
        sectionId: options.section ?? sectionId,
        status: 'draft',
        breaking: options.breaking ?? false,
      });

    test('home: a published headline enters the fil info within 2 s, edited in place, removed when unpublished', async (t) => {
      const page = await openLive('/');
      const firstBefore = await page
        .locator('.home-fil .fil-list li')
        .first()
        .getAttribute('data-id');
      const countBefore = await page.locator('.home-fil .fil-list li').count();
      const article = await draft(
        'Le Maroc remporte la Coupe d’Afrique des nations de futsal',
      );

      // Through the back office, as an editor would.
      const version = async () =>
        String(
          (await findArticleById(server.services.db, article.id))!.version,
        );
      const started = Date.now();
      const published = await newsroom.post(
        `/admin/articles/${article.id}/publier`,
        { version: await version() },
      );
      assert.match(String(published.headers['location']), /ok=publier/);
      const line = page.locator('.home-fil .fil-list li').first();
      await line
        .locator('a', { hasText: 'Coupe d’Afrique des nations de futsal' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 2_000, `appeared after ${elapsed} ms`);
      t.diagnostic(
        `headline on screen ${elapsed} ms after the editor clicked « Publier »`,
      );

      // The same markup as the server renders.
      const fresh = await (await fetch(`${server.address}/`)).text();
      const rendered = new RegExp(`<li data-id="${article.id}"[^]*?</li>`).exec(
        fresh,
      )![0];
      assert.equal(
        await line.evaluate((li) =>
          li.outerHTML.replace(' class="is-new"', ''),
        ),
        rendered.replace('&#39;', "'").replace(/&#8217;|’/g, '’'),
      );
      assert.match(
        (await line.locator('time').textContent())!,
        /^\d{2}:\d{2}$/,
      );
      assert.equal(
        await page.locator('.home-fil .fil-list li').count(),
        countBefore,
        'the oldest line made room: the fil keeps its height',
      );
      assert.notEqual(firstBefore, String(article.id));
      assert.match(
        (await page.locator('[aria-live="polite"]').textContent())!,
        /^Nouvel article, \d{2}:\d{2} : Le Maroc remporte/,
      );
      await screenshot(page, `live-home-${dialect}`);

      const edited = await newsroom.post(
        `/admin/articles/${article.id}`,
        articleForm({
          title: 'Futsal : le Maroc champion d’Afrique pour la troisième fois',
          sectionId: String(sectionId),
          author1: String(
            (await listArticleAuthorIds(server.services.db, article.id))[0],
          ),
          version: await version(),
        }),
      );
      assert.match(String(edited.headers['location']), /ok=enregistre/);
      await line
        .locator('a', { hasText: 'champion d’Afrique pour la troisième fois' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        await line.getAttribute('data-id'),
        String(article.id),
        'replaced where it was',
      );
      assert.equal(
        await page.locator(`.home-fil li[data-id="${article.id}"]`).count(),
        1,
      );

      await newsroom.post(`/admin/articles/${article.id}/depublier`, {
        version: await version(),
      });
      await page
        .locator(`.home-fil li[data-id="${article.id}"]`)
        .waitFor({ state: 'detached', timeout: BROWSER_WAIT_MS });
      const shifts = await page.evaluate(() => {
        const w = window as unknown as {
          shiftsOutsideFil: string[];
          shiftsInFil: number;
        };
        return {
          shiftsOutsideFil: w.shiftsOutsideFil,
          shiftsInFil: w.shiftsInFil,
        };
      });
      assert.ok(
        shifts.shiftsInFil > 0,
        'the layout-shift observer works: it saw the fil info lines move down',
      );
      assert.deepEqual(
        shifts.shiftsOutsideFil,
        [],
        'nothing outside the fil info moved',
      );
      assert.equal(page.url(), `${server.address}/`, 'never reloaded');
      await page.close();
    });

    test('breaking: an « Alerte info » banner over the page, dismissible for the visit', async () => {
      const page = await openLive('/');
      const article = await draft(
        'Alerte : fort séisme ressenti dans le Nord',
        { breaking: true },
      );
      await publishArticle(server.services, actor, { articleId: article.id });
      const banner = page.locator('.live-alert');
      await banner.waitFor({ timeout: BROWSER_WAIT_MS });
      assert.match(
        (await banner.textContent())!,
        /Alerte info\s+Alerte\u00A0: fort séisme ressenti dans le Nord/,
      );
      assert.equal(
        await banner.evaluate((el) => getComputedStyle(el).position),
        'fixed',
        'an overlay: nothing is pushed down',
      );
      assert.equal(
        await page
          .locator('.home-fil .fil-list li.breaking')
          .first()
          .getAttribute('data-id'),
        String(article.id),
      );
      await screenshot(page, `live-alert-${dialect}`);
      await page.getByRole('button', { name: 'Fermer l’alerte' }).click();
      await banner.waitFor({ state: 'detached' });
      assert.deepEqual(
        await page.evaluate(() =>
          JSON.parse(
            sessionStorage.getItem('newsdesk:alertes-fermees') ?? '[]',
          ),
        ),
        [article.id],
      );
      assert.deepEqual(
        await page.evaluate(
          () =>
            (window as unknown as { shiftsOutsideFil: string[] })
              .shiftsOutsideFil,
        ),
        [],
      );
      await page.close();
    });

    test('section page: « N nouveaux articles » instead of moving the list; a click shows them', async () => {
      const page = await openLive('/rubrique/sport');
      const firstBefore = await page
        .locator('.listing-item .teaser-title')
        .first()
        .textContent();
      const prompt = page.locator('.live-prompt');
      const first = await draft('Botola : le Wydad s’impose à Fès');
      await publishArticle(server.services, actor, { articleId: first.id });
      await prompt.waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(await prompt.textContent(), '1 nouvel article');
      const elsewhere = await draft('Un festival de cinéma à Tétouan', {
        section: otherSectionId,
      });
      await publishArticle(server.services, actor, { articleId: elsewhere.id });
      const second = await draft('Athlétisme : record national sur 1 500 m');
      await publishArticle(server.services, actor, { articleId: second.id });
      await page
        .getByRole('button', { name: '2 nouveaux articles' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        await page.locator('.listing-item .teaser-title').first().textContent(),
        firstBefore,
        'the list did not move',
      );
      await screenshot(page, `live-section-${dialect}`);
      await Promise.all([page.waitForEvent('load'), prompt.click()]);
      assert.equal(
        (await page
          .locator('.listing-item .teaser-title')
          .first()
          .textContent())!.trim(),
        // French typography on output: U+00A0 before « : » and before the unit.
        'Athlétisme\u00A0: record national sur 1 500\u00A0m',
      );
      await page.close();
    });

    test('article page: its fil info follows too', async () => {
      const page = await openLive('/');
      const href = (await page
        .locator('.home-fil .fil-list a')
        .first()
        .getAttribute('href'))!;
      await page.goto(server.address + href);
      await page.waitForFunction(
        () => document.documentElement.dataset['live'] === 'open',
      );
      const article = await draft('Dernière minute depuis la page article');
      await publishArticle(server.services, actor, { articleId: article.id });
      await page
        .locator('.article-aside .fil-list li a', {
          hasText: 'Dernière minute depuis la page article',
        })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await page.close();
    });

    test('without JavaScript the fil info is all there, it just does not move', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${server.address}/`);
      assert.ok((await page.locator('.home-fil .fil-list li').count()) >= 9);
      assert.equal(
        await page
          .evaluate(() => document.documentElement.dataset['live'] ?? null)
          .catch(() => null),
        null,
      );
      await context.close();
    });
  });
}
