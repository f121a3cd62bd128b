import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  launchBrowser,
  SCREENSHOT_DIR,
  signInPage,
  bodySource,
} from '../support/browser.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';
import { storageEnv } from '../support/s3Server.ts';
import { jpeg, png } from '../support/pictures.ts';

// Screenshots go where the other browser tests put theirs; reviewed copies are kept in docs/screenshots/.

async function shoot(
  page: Page,
  name: string,
  fullPage = false,
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: new URL(`${name}.png`, SCREENSHOT_DIR).pathname,
    fullPage,
  });
}

/**
 * A journalist's picture from upload to the home page, in a real Chromium: drag and drop, focal
 * point, alt and credit, cover and body figure; the published article and « À la une » show it.
 * On both databases; the HTTP suites cover both storages.
 */
for (const dialect of DIALECTS) {
  describe(`pictures journey in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    let stopStorage: () => Promise<void>;

    before(async () => {
      db = await createTestDatabase(dialect);
      await db.handle.close();
      const storage = await storageEnv('disk');
      stopStorage = storage.stop;
      for (const [k, v] of Object.entries(storage.env)) process.env[k] = v;
      server = await startServer(
        loadConfig({
          ...process.env,
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
      await stopStorage?.();
      await db?.drop().catch(() => {});
    });

    const signIn = (email: string): Promise<Page> =>
      signInPage(browser, server.address, email, PASSWORD, {
        width: 1366,
        height: 900,
      });

    test('upload by drag and drop, focal point, alt and credit; cover and body; published; on the home page', async () => {
      const journalist = await buildUser(server.services, 'journalist', {
        email: 'leila@redaction.example',
        name: 'Leïla Amrani',
      });
      await buildUser(server.services, 'editor', {
        email: 'omar@redaction.example',
        name: 'Omar Idrissi',
      });
      const j = await signIn(journalist.email);
      await j.getByRole('link', { name: 'Photothèque' }).click();
      const original = await jpeg({ width: 2400, height: 1600, hue: 25 });
      const bytes = original.toString('base64');
      const transfer = await j.evaluateHandle((b64) => {
        const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(
          new File([data], 'essaouira-port.jpg', { type: 'image/jpeg' }),
        );
        return dt;
      }, bytes);
      await j
        .locator('.dropzone')
        .dispatchEvent('dragover', { dataTransfer: transfer });
      await j
        .locator('.dropzone')
        .dispatchEvent('drop', { dataTransfer: transfer });
      await j.locator('.upload-list li.upload-ok').waitFor({ timeout: 15_000 });
      assert.equal(
        await j
          .locator('.upload-list progress')
          .evaluate((p) => (p as HTMLProgressElement).value),
        100,
      );
      await j.getByRole('link', { name: 'Décrire et recadrer' }).click();

      // The focal point: a click on the right third of the picture.
      const picture = j.locator('.focal-frame img');
      await picture.waitFor();
      const box = (await picture.boundingBox())!;
      await j.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.45);
      const focalX = Number(
        await j.getByLabel('Point d’intérêt, horizontal (0 à 1)').inputValue(),
      );
      assert.ok(Math.abs(focalX - 0.8) < 0.02, `focal x ${focalX}`);
      assert.equal(await j.locator('.focal-marker').isVisible(), true);
      await j
        .getByLabel('Texte alternatif (ce que montre l’image)')
        .fill('Barques bleues amarrées dans le port d’Essaouira');
      await j
        .getByLabel('Légende')
        .fill('Le port d’Essaouira au retour de la pêche');
      await j.getByLabel('Crédit').fill('Photo : Leïla Amrani / Le Quotidien');

      // The square crop by hand: its frame dragged to the left edge, then 60 px back to the right.
      const square = j.locator('.crop[data-ratio="1:1"]');
      const frame = square.locator('.crop-frame');
      await frame.scrollIntoViewIfNeeded();
      const editorBox = (await square.locator('.crop-editor').boundingBox())!;
      const drag = async (dx: number) => {
        const f = (await frame.boundingBox())!;
        await j.mouse.move(f.x + f.width / 2, f.y + f.height / 2);
        await j.mouse.down();
        for (let step = 1; step <= 5; step++)
          await j.mouse.move(
            f.x + f.width / 2 + (dx * step) / 5,
            f.y + f.height / 2,
          );
        await j.mouse.up();
      };
      await drag(-editorBox.width);
      assert.equal(
        await j.locator('input[name="crop-1x1-x"]').inputValue(),
        '0',
      );
      await drag(60);
      const cropX = Number(
        await j.locator('input[name="crop-1x1-x"]').inputValue(),
      );
      const expectedX = (60 * 2400) / editorBox.width;
      assert.ok(
        Math.abs(cropX - expectedX) < 2400 / editorBox.width + 1,
        `crop x ${cropX}, expected about ${expectedX}`,
      );
      assert.equal(
        await j.locator('input[name="crop-1x1-width"]').inputValue(),
        '1600',
      );
      await j.getByRole('button', { name: 'Enregistrer' }).click();
      await j.getByText('Image enregistrée.').waitFor();
      const mediaId = Number(/\/admin\/medias\/(\d+)/.exec(j.url())![1]);
      const media = await server.services.db
        .selectFrom('media')
        .select(['focal_x', 'credit', 'crops'])
        .where('id', '=', mediaId)
        .executeTakeFirstOrThrow();
      assert.ok(Math.abs(Number(media.focal_x) - 0.8) < 0.02);
      const storedCrop = (
        typeof media.crops === 'string' ? JSON.parse(media.crops) : media.crops
      )['1:1'];
      assert.deepEqual(storedCrop, {
        x: cropX,
        y: 0,
        width: 1600,
        height: 1600,
      });
      // The square rendition shows that region, not the one the focal point would give.
      const squareSrc = (await square
        .locator(':scope > picture img')
        .getAttribute('src'))!;
      const rendition = Buffer.from(
        await (await j.request.get(server.address + squareSrc)).body(),
      );
      const thumb = (input: Buffer, left?: number) =>
        (left === undefined
          ? sharp(input)
          : sharp(input).extract({ left, top: 0, width: 1600, height: 1600 })
        )
          .resize(32, 32)
          .greyscale()
          .raw()
          .toBuffer();
      const distance = (a: Buffer, b: Buffer) =>
        a.reduce((n, v, i) => n + Math.abs(v - b[i]!), 0) / a.length;
      const made = await thumb(rendition);
      const byHand = distance(made, await thumb(original, cropX));
      const byFocal = distance(made, await thumb(original, 800));
      assert.ok(
        byHand < 3 && byHand < byFocal / 3,
        `rendition vs hand crop ${byHand}, vs focal crop ${byFocal}`,
      );
      await shoot(j, `pictures-crops-${dialect}`, true);

      // The article: the picture as cover, chosen in the library, and again in the body.
      await j.getByRole('link', { name: 'Nouvel article' }).click();
      await j
        .getByLabel('Titre', { exact: true })
        .fill('À Essaouira, la pêche artisanale retrouve des couleurs');
      await j
        .getByLabel('Chapô')
        .fill(
          'Les barques bleues reprennent la mer après une saison de réparations au chantier naval.',
        );
      await (await bodySource(j)).fill(
        'Au petit matin, les pêcheurs déchargent sardines et dorades sur le quai.',
      );
      await j.getByLabel('Rubrique').selectOption({ index: 1 });
      await j
        .getByLabel('Premier auteur')
        .selectOption({ label: 'Leïla Amrani' });
      await j.getByLabel('À la une').check();
      await j
        .getByRole('button', { name: 'Choisir dans la photothèque' })
        .click();
      await j
        .locator('#media-chooser .chooser-item', {
          hasText: 'essaouira-port.jpg',
        })
        .click();
      await j.locator('.cover-preview').waitFor({ state: 'visible' });
      assert.equal(
        await j.getByLabel('Texte alternatif de l’image').inputValue(),
        'Barques bleues amarrées dans le port d’Essaouira',
        'prefilled from the library',
      );
      await (await bodySource(j)).evaluate((t) => {
        const a = t as HTMLTextAreaElement;
        a.selectionStart = a.selectionEnd = a.value.length;
      });
      await j
        .getByRole('button', { name: 'Insérer une image dans le texte' })
        .click();
      await j
        .locator('#media-chooser .chooser-item', {
          hasText: 'essaouira-port.jpg',
        })
        .click();
      assert.match(
        await (await bodySource(j)).inputValue(),
        new RegExp(
          `!\\[Barques bleues[^\\]]*\\]\\(media:${mediaId} "Le port d’Essaouira au retour de la pêche"\\)`,
        ),
      );
      await j
        .locator('#preview-body figure picture img')
        .waitFor({ timeout: 5000 });
      await j.getByRole('button', { name: 'Enregistrer' }).first().click();
      await j.waitForURL(/\/admin\/articles\/\d+/);
      const articleId = Number(/\/admin\/articles\/(\d+)/.exec(j.url())![1]);

      const e = await signIn('omar@redaction.example');
      await e.goto(`${server.address}/admin/articles/${articleId}`);
      await e.getByRole('button', { name: 'Publier maintenant' }).click();
      await e.waitForURL(/ok=publier/);

      // The reader's side, on a desktop and on a phone.
      const slug = (
        await server.services.db
          .selectFrom('articles')
          .select('slug')
          .where('id', '=', articleId)
          .executeTakeFirstOrThrow()
      ).slug;
      for (const [width, height, label] of [
        [1366, 900, 'desktop'],
        [390, 844, 'mobile'],
      ] as const) {
        const context = await browser.newContext({
          viewport: { width, height },
          deviceScaleFactor: width < 500 ? 2 : 1,
        });
        const page = await context.newPage();
        await page.goto(`${server.address}/articles/${slug}`);
        const cover = page.locator('figure.cover');
        await cover
          .locator('img')
          .evaluate((img) => (img as HTMLImageElement).decode());
        assert.equal(
          await cover
            .locator('img')
            .evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
          true,
          'the cover loaded',
        );
        assert.match(
          await cover.locator('figcaption').innerText(),
          /Le port d’Essaouira au retour de la pêche/,
        );
        assert.match(
          await cover.locator('figcaption .credit').innerText(),
          /Leïla Amrani/i,
        );
        assert.match(
          await page.locator('.article-body figure figcaption').innerText(),
          /Le port d’Essaouira/,
        );
        await cover.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shoot(page, `pictures-article-${label}-${dialect}`);
        await page.goto(`${server.address}/`);
        const lead = page.locator('.a-la-une .lead-story');
        assert.match(
          await lead.locator('.lead-title').innerText(),
          /Essaouira/,
        );
        await lead
          .locator('.lead-picture img')
          .evaluate((img) => (img as HTMLImageElement).decode());
        await page.waitForLoadState('networkidle');
        await shoot(page, `pictures-home-${label}-${dialect}`, true);
        if (label === 'mobile') {
          // What a phone downloads for the home page, pictures included (transferSize of the page and every resource).
          const bytes = await page.evaluate(() => {
            const nav = performance.getEntriesByType(
              'navigation',
            )[0] as PerformanceNavigationTiming;
            return (
              nav.transferSize +
              (
                performance.getEntriesByType(
                  'resource',
                ) as PerformanceResourceTiming[]
              ).reduce((n, r) => n + r.transferSize, 0)
            );
          });
          console.log(
            `home page transfer at 390 px: ${(bytes / 1024).toFixed(0)} KB`,
          );
          assert.ok(bytes < 500 * 1024, `home page transfer ${bytes} bytes`);
        }
        await context.close();
      }
    });

    test('a picture pasted from the clipboard is uploaded into the library', async () => {
      const j = await signIn('leila@redaction.example');
      await j
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: server.address,
        });
      await j.getByRole('link', { name: 'Photothèque' }).click();
      await j.locator('.dropzone').waitFor();
      const before = await server.services.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // A screenshot copied from another program: PNG bytes put on the real clipboard, then Ctrl+V.
      const b64 = (await png(1400, 900)).toString('base64');
      await j.evaluate(async (data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        await navigator.clipboard.write([
          new ClipboardItem({
            'image/png': new Blob([bytes], { type: 'image/png' }),
          }),
        ]);
      }, b64);
      await j.locator('body').click({ position: { x: 5, y: 5 } });
      await j.keyboard.press('ControlOrMeta+V');
      await j.locator('.upload-list li.upload-ok').waitFor({ timeout: 15_000 });
      const after = await server.services.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n) + 1);
      const stored = await server.services.db
        .selectFrom('media')
        .select(['mime_type', 'width'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(stored.mime_type, 'image/png');
      assert.equal(Number(stored.width), 1400);
    });
  });
}
