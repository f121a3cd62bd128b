import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
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
} from '../support/browser.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';
import { listNotifications } from '../../src/db/repos/notifications.ts';

const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const X_POST = 'https://x.com/redaction/status/1790000000000000000';

/** A paste of plain text into the editor, as the browser delivers it. */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document.querySelector('.rich-editor-content')!.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, text);
}

/**
 * The journalist's editor in a real Chromium: an article written in the rich editor (two
 * subheadings, a link, a quote, a YouTube and an X embed, a picture from the library), previewed
 * at phone width, refused for publication until a section is chosen, published by an editor;
 * on the public page the embeds are facades and nothing is asked of a third party before a click.
 */
for (const dialect of DIALECTS) {
  describe(`rich editor in Chromium [${dialect}]`, {
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
        { demo: true, port: 0, host: '127.0.0.1' },
      );
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    test('write richly, preview on a phone, publish once a section is chosen; embeds are facades', async () => {
      const journalist = await buildUser(server.services, 'journalist', {
        name: 'Samira Alaoui',
      });
      const editor = await buildUser(server.services, 'editor', {
        name: 'Omar Idrissi',
      });
      const j = await signInPage(
        browser,
        server.address,
        journalist.email,
        PASSWORD,
        { width: 1366, height: 900 },
      );
      await j.goto(`${server.address}/admin/articles/nouveau`);
      await j
        .getByLabel('Titre', { exact: true })
        .fill('À Tanger, le port change d’échelle');
      await j
        .getByLabel('Chapô')
        .fill('Le complexe portuaire double sa capacité en cinq ans.');
      await j
        .getByLabel('Premier auteur')
        .selectOption({ label: 'Samira Alaoui' });

      const surface = j.locator('.rich-editor-content');
      await surface.click();
      // Markdown shortcuts while typing: ## for a subheading, > for a quote.
      await j.keyboard.type(
        'Les grues tournent jour et nuit : « un record » !',
      );
      await j.keyboard.press('Enter');
      await j.keyboard.type('## Un chantier géant');
      await j.keyboard.press('Enter');
      await j.keyboard.type(
        'Le rapport est en ligne sur https://example.org/rapport ',
      );
      await j.keyboard.press('Enter');
      await j.keyboard.type('> Nous avons doublé la capacité.');
      await j.keyboard.press('Enter');
      await j.keyboard.press('Enter');
      await j.keyboard.type('## Des vidéos et des réactions');
      await j.keyboard.press('Enter');
      await pasteText(j, YOUTUBE);
      await pasteText(j, X_POST);
      await j.getByRole('button', { name: 'Image', exact: true }).click();
      await j.locator('#media-chooser .chooser-item').first().click();

      // Every block takes its own direction (an Arabic paragraph reads right to left).
      assert.deepEqual(
        new Set(
          await surface
            .locator(':scope > p, :scope > h2, :scope > blockquote')
            .evaluateAll((blocks) => blocks.map((b) => b.getAttribute('dir'))),
        ),
        new Set(['auto']),
      );
      const markdown = await j
        .locator('textarea[name="bodySource"]')
        .inputValue();
      assert.equal((markdown.match(/^## /gm) ?? []).length, 2, markdown);
      assert.match(markdown, /https:\/\/example\.org\/rapport/);
      assert.match(markdown, /^> Nous avons doublé la capacité\./m);
      assert.match(
        markdown,
        new RegExp(`^${YOUTUBE.replace(/[?.]/g, '\\$&')}$`, 'm'),
      );
      assert.match(
        markdown,
        new RegExp(`^${X_POST.replace(/[?.]/g, '\\$&')}$`, 'm'),
      );
      assert.match(markdown, /^!\[[^\]]*\]\(media:\d+/m);
      assert.match(
        (await j.locator('.editor-counts').textContent()) ?? '',
        /^\d+ mots · \d+ caractères · 1 min de lecture$/,
      );
      await j
        .locator('#preview-body figure.embed-youtube')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await j
        .locator('#preview-body figure picture img')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      // The writing surface fits above the sticky save bar once in view; no cover, no frame.
      await j
        .locator('.rich-editor')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const [surfaceBox, barBox] = await Promise.all([
        j.locator('.rich-editor').boundingBox(),
        j.locator('.save-bar').boundingBox(),
      ]);
      assert.ok(
        surfaceBox!.y + surfaceBox!.height <= barBox!.y,
        `the save bar (${barBox!.y}) is below the editor (${surfaceBox!.y + surfaceBox!.height})`,
      );
      assert.equal(await j.locator('.cover-preview').isVisible(), false);
      await screenshot(j, `rich-editor-1366-${dialect}`, { fullPage: false });
      await j.setViewportSize({ width: 390, height: 844 });
      await j
        .locator('.rich-editor')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const [phoneEditor, phoneBar] = await Promise.all([
        j.locator('.rich-editor').boundingBox(),
        j.locator('.save-bar').boundingBox(),
      ]);
      assert.ok(
        phoneEditor!.y + phoneEditor!.height <= phoneBar!.y,
        `on a phone too: bar at ${phoneBar!.y}, editor to ${phoneEditor!.y + phoneEditor!.height}`,
      );
      await screenshot(j, `rich-editor-390-${dialect}`, { fullPage: false });
      await j.locator('#preview-body').scrollIntoViewIfNeeded();
      await screenshot(j, `rich-editor-preview-390-${dialect}`);

      // The reader's preview, from the unsaved text, at a phone's width.
      const [preview] = await Promise.all([
        j.context().waitForEvent('page'),
        j.getByRole('button', { name: 'Aperçu lecteur' }).click(),
      ]);
      await preview.setViewportSize({ width: 390, height: 844 });
      await preview.waitForLoadState('networkidle');
      assert.equal(
        await preview.locator('h1#article-title').textContent(),
        'À Tanger, le port change d’échelle',
      );
      assert.equal(
        await preview.locator('.article-header .chapo').textContent(),
        'Le complexe portuaire double sa capacité en cinq ans.',
      );
      assert.match(
        (await preview.locator('.article-header').textContent()) ?? '',
        /Samira Alaoui/,
      );
      assert.equal(
        await preview.locator('.article-body h2').count(),
        2,
        'both subheadings',
      );
      assert.equal(await preview.locator('figure.embed').count(), 2);
      assert.equal(
        await preview.locator('.article-body picture img').count(),
        1,
      );
      assert.equal(
        await preview.locator('.search-snippet .snippet-title').textContent(),
        'À Tanger, le port change d’échelle',
      );
      assert.equal(
        await preview.locator('meta[name="robots"]').getAttribute('content'),
        'noindex',
      );
      await screenshot(preview, `reader-preview-390-${dialect}`);
      await preview.close();

      // No section: saved as a draft, but publication is refused next to the field.
      await j.getByRole('button', { name: 'Enregistrer' }).click();
      await j.waitForURL(/\/admin\/articles\/\d+/);
      const id = Number(/\/admin\/articles\/(\d+)/.exec(j.url())![1]);
      const stored = await findArticleById(server.services.db, id);
      assert.equal(
        stored!.bodySource.replace(/\r\n/g, '\n').trim(),
        markdown.trim(),
        'the Markdown posted is the one stored (a form posts CRLF line ends)',
      );

      const e = await signInPage(
        browser,
        server.address,
        editor.email,
        PASSWORD,
        {
          width: 1366,
          height: 900,
        },
      );
      await e.goto(`${server.address}/admin/articles/${id}`);
      // A newsroom comment beside the editor, its « @ » completed from the members' list.
      const commentBox = e.getByLabel('Nouveau commentaire');
      await commentBox.click();
      await e.keyboard.type('Samira, le chiffre du 2e paragraphe ? @Sam');
      await e
        .locator('.mention-list li', { hasText: 'Samira Alaoui' })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await e.keyboard.press('Enter');
      const handle = journalist.email.split('@')[0]!;
      assert.match(await commentBox.inputValue(), new RegExp(`@${handle} $`));
      await e.getByRole('button', { name: 'Publier le commentaire' }).click();
      await e
        .locator('#commentaires li.comment strong.mention', {
          hasText: `@${handle}`,
        })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        await e.getByLabel('Nouveau commentaire').inputValue(),
        '',
        'the thread came back with an empty form',
      );
      assert.deepEqual(
        (await listNotifications(server.services.db, journalist.id, 10)).map(
          (n) => n.kind,
        ),
        ['mentioned'],
      );
      await e
        .locator('#commentaires')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(e, `editor-comments-1366-${dialect}`, {
        fullPage: false,
      });

      await e.getByRole('button', { name: 'Publier maintenant' }).click();
      await e
        .locator('.has-error', {
          hasText: 'Choisissez une rubrique avant de publier',
        })
        .waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        (await findArticleById(server.services.db, id))!.status,
        'draft',
      );
      await e.getByLabel('Rubrique').selectOption({ index: 1 });
      await e.getByRole('button', { name: 'Enregistrer' }).click();
      await e
        .getByText('Modifications enregistrées.')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      await e.getByRole('button', { name: 'Publier maintenant' }).click();
      await e
        .getByText('Article publié.')
        .waitFor({ timeout: BROWSER_WAIT_MS });
      const published = (await findArticleById(server.services.db, id))!;
      assert.equal(published.status, 'published');

      // The public page: facades, and no request to anyone but us before a click.
      const reader = await browser.newPage({
        viewport: { width: 390, height: 844 },
      });
      const origin = new URL(server.address).origin;
      const thirdParty: string[] = [];
      reader.on('request', (r) => {
        if (new URL(r.url()).origin !== origin) thirdParty.push(r.url());
      });
      await reader.route('https://www.youtube-nocookie.com/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<p>lecteur</p>' }),
      );
      await reader.goto(`${server.address}/articles/${published.slug}`, {
        waitUntil: 'networkidle',
      });
      assert.equal(await reader.locator('figure.embed').count(), 2);
      assert.equal(await reader.locator('iframe').count(), 0);
      await reader
        .getByRole('link', { name: 'Voir sur YouTube' })
        .waitFor({ state: 'visible' });
      await reader.getByRole('link', { name: 'Voir sur X' }).waitFor();
      // French typography in the DOM, as the table says (typed with plain spaces): a no-break
      // space before « : », narrow ones inside « » and before « ! ».
      const opening = await reader
        .locator('.article-body p')
        .first()
        .textContent();
      assert.ok(
        opening?.includes('nuit\u00A0: «\u202Fun record\u202F»\u202F!'),
        JSON.stringify(opening),
      );
      assert.equal(
        thirdParty.length,
        0,
        `no third-party request before a click: ${thirdParty.join(', ')}`,
      );
      await screenshot(reader, `embeds-facades-390-${dialect}`);
      await reader
        .getByRole('button', { name: 'Afficher le contenu YouTube' })
        .click();
      const frame = reader.locator('figure.embed-youtube iframe');
      await frame.waitFor({ timeout: BROWSER_WAIT_MS });
      assert.equal(
        await frame.getAttribute('src'),
        'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      );
      await reader.waitForLoadState('networkidle');
      assert.ok(
        thirdParty.some((u) =>
          u.startsWith('https://www.youtube-nocookie.com/embed/'),
        ),
        `after the click: ${thirdParty.join(', ')}`,
      );
      assert.ok(
        thirdParty.every((u) =>
          u.startsWith('https://www.youtube-nocookie.com/'),
        ),
        'only the clicked provider',
      );
    });
  });
}
