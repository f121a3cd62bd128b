import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { Parser } from 'htmlparser2';
import { startServer, type RunningServer } from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import {
  findArticleById,
  listArticleIdsAfter,
} from '../../src/db/repos/articles.ts';
import { renderBody } from '../../src/media/bodyPictures.ts';
import type { Queryable } from '../../src/db/database.ts';
import {
  createTestDatabase,
  DIALECTS,
  type TestDatabase,
} from '../support/databases.ts';
import {
  BROWSER_MISSING,
  BROWSER_WAIT_MS,
  launchBrowser,
  signInPage,
} from '../support/browser.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';
import { loadSecurityPayloads } from '../support/payloads.ts';
import {
  GOOGLE_DOCS_HTML,
  NEWS_PAGE_HTML,
  WORD_HTML,
} from '../fixtures/pastedHtml.ts';

type EditorHandle = {
  commands: {
    setContent(c: string, o: Record<string, unknown>): void;
    focus(): void;
  };
  getMarkdown(): string;
};

/** Markdown → the rich editor (the page's own bundle) → Markdown, for each source. */
async function roundTrip(page: Page, sources: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const editor = (
      document.querySelector('.rich-editor') as unknown as {
        editor: EditorHandle;
      }
    ).editor;
    return list.map((source) => {
      editor.commands.setContent(source, {
        contentType: 'markdown',
        emitUpdate: false,
      });
      return editor.getMarkdown();
    });
  }, sources);
}

/** Pastes HTML into the editor as a browser paste does, and returns the Markdown kept. */
async function paste(page: Page, html: string): Promise<string> {
  return page.evaluate((pasted) => {
    const mount = document.querySelector('.rich-editor') as unknown as {
      editor: EditorHandle;
    };
    mount.editor.commands.setContent('', { emitUpdate: false });
    mount.editor.commands.focus();
    const data = new DataTransfer();
    data.setData('text/html', pasted);
    data.setData('text/plain', 'texte');
    document.querySelector('.rich-editor-content')!.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      }),
    );
    return mount.editor.getMarkdown();
  }, html);
}

/**
 * Each source's rendered HTML, in order. Rendering looks up the pictures and articles a body
 * names: eight at a time, so those round trips overlap (the hostile set renders ~13,000 bodies).
 */
async function renderAll(db: Queryable, sources: string[]): Promise<string[]> {
  const html: string[] = [];
  for (let start = 0; start < sources.length; start += 8)
    html.push(
      ...(await Promise.all(
        sources
          .slice(start, start + 8)
          .map(async (source) => (await renderBody(db, source)).html),
      )),
    );
  return html;
}

/** Whatever could run script, load a frame or restyle the page in rendered HTML. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (
        /^(script|iframe|object|embed|style|svg|math|form|link|meta)$/.test(
          name,
        )
      )
        found.push(`<${name}>`);
      for (const [attr, value] of Object.entries(attributes)) {
        if (attr.startsWith('on')) found.push(attr);
        if (attr === 'style') found.push('style');
        if (
          (attr === 'href' || attr === 'src') &&
          /^\s*(javascript|data|vbscript):/i.test(value)
        )
          found.push(`${attr}=${value.slice(0, 30)}`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

/**
 * Every block type of docs/DOCUMENT_FORMAT.md, with a payload in it. The extension blocks
 * (`exact`) are islands in the editor: they must come back as typed. The ordinary ones go
 * through marked and then markdown-it, which read pathological emphasis and brackets
 * differently: those must stay safe, and the share that renders differently is reported.
 */
const BLOCKS: { exact: boolean; of: (p: string) => string }[] = [
  { exact: false, of: (p) => `## ${p}` },
  { exact: false, of: (p) => `Un *${p}* et **${p}**.` },
  { exact: false, of: (p) => `[${p}](https://example.org/a)` },
  { exact: false, of: (p) => `- ${p}\n- b` },
  { exact: false, of: (p) => `> ${p}` },
  { exact: false, of: (p) => `https://www.youtube.com/watch?v=${p}` },
  { exact: true, of: (p) => `> [!exergue]\n> ${p}` },
  { exact: true, of: (p) => `[Lire aussi : ${p}](article:1)` },
  { exact: true, of: (p) => `![${p}](media:1 "${p}")` },
  { exact: true, of: (p) => `| ${p} | b |\n| --- | --- |\n| 1 | 2 |` },
  { exact: true, of: (p) => `\`\`\`html\n${p}\n\`\`\`` },
];

for (const dialect of DIALECTS) {
  describe(`rich editor round trips in Chromium [${dialect}]`, {
    skip: BROWSER_MISSING,
  }, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;

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
      const editor = await buildUser(server.services, 'editor');
      page = await signInPage(browser, server.address, editor.email, PASSWORD);
      await page.goto(`${server.address}/admin/articles/nouveau`);
      await page
        .locator('.rich-editor-content')
        .waitFor({ timeout: BROWSER_WAIT_MS });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await db?.drop().catch(() => {});
    });

    test('every demo article: Markdown → editor → Markdown renders the same HTML', async () => {
      const ids = await listArticleIdsAfter(server.services.db, 0, 1000);
      assert.ok(ids.length >= 20, `${ids.length} demo articles`);
      const sources: string[] = [];
      for (const id of ids)
        sources.push(
          (await findArticleById(server.services.db, id))!.bodySource,
        );
      const back = await roundTrip(page, sources);
      const befores = await renderAll(server.services.db, sources);
      const afters = await renderAll(server.services.db, back);
      const different: number[] = [];
      for (const i of sources.keys()) {
        const before = befores[i];
        const after = afters[i];
        if (before !== after) different.push(ids[i]!);
        assert.equal(after, before, `article ${ids[i]}`);
      }
      assert.deepEqual(different, []);
    });

    test('the hostile set: no script comes out of the editor, extension blocks come back as typed', {
      skip: loadSecurityPayloads() ? false : 'shared payloads absent',
    }, async (t) => {
      const payloads = loadSecurityPayloads()!
        .filter((l) => /xss|naughty/i.test(l.name))
        .flatMap((l) => l.payloads.slice(0, 60))
        .filter((p) => !p.includes('\n'));
      assert.ok(payloads.length > 500, `${payloads.length} payloads`);
      const cases = payloads.flatMap((p) =>
        BLOCKS.map((b) => ({ exact: b.exact, source: b.of(p) })),
      );
      const back = await roundTrip(
        page,
        cases.map((c) => c.source),
      );
      const afters = await renderAll(server.services.db, back);
      const befores = await renderAll(
        server.services.db,
        cases.map((c) => c.source),
      );
      const unsafe: string[] = [];
      const changedExact: string[] = [];
      const changed: string[] = [];
      for (const [i, c] of cases.entries()) {
        const after = afters[i]!;
        const found = dangers(after);
        if (found.length) unsafe.push(`${c.source} → ${found.join(' ')}`);
        const before = befores[i];
        if (before === after) continue;
        changed.push(`${c.source} → ${back[i]}`);
        if (c.exact) changedExact.push(c.source);
      }
      t.diagnostic(
        `${cases.length} documents, ${changed.length} rendered differently after the editor`,
      );
      assert.deepEqual(unsafe.slice(0, 5), [], `${unsafe.length} unsafe`);
      assert.deepEqual(
        changedExact.slice(0, 5),
        [],
        `${changedExact.length} extension blocks changed`,
      );
      // Untouched blocks come back as typed (assets/untouchedBlocks.ts): nothing may differ.
      assert.deepEqual(changed.slice(0, 5), [], `${changed.length} changed`);
    });

    test('an edited document: only the touched block is re-serialised, the others come back as typed', async () => {
      const odd = '*a **b* c**';
      const source = `${odd}\n\nUn paragraphe à modifier.\n\n[x](https://example.org/a)junk)`;
      const back = await page.evaluate((md) => {
        const editor = (
          document.querySelector('.rich-editor') as unknown as {
            editor: EditorHandle & {
              state: { doc: { child(i: number): { nodeSize: number } } };
              commands: { insertContentAt(pos: number, text: string): void };
            };
          }
        ).editor;
        editor.commands.setContent(md, {
          contentType: 'markdown',
          emitUpdate: false,
        });
        // Type at the start of the second paragraph.
        const second = editor.state.doc.child(0).nodeSize + 1;
        editor.commands.insertContentAt(second, 'Déjà. ');
        return editor.getMarkdown();
      }, source);
      const [first, second, third] = back.split('\n\n');
      assert.equal(first, odd);
      assert.equal(second, 'Déjà. Un paragraphe à modifier.');
      assert.equal(third, '[x](https://example.org/a)junk)');
    });

    test('pasting from Word, Google Docs and a news page keeps structure, drops styling and script', async () => {
      for (const [name, html, expect] of [
        [
          'Word',
          WORD_HTML,
          /## Le port en chiffres[\s\S]*\*\*Tanger Med\*\*[\s\S]*- Premier point/,
        ],
        [
          'Google Docs',
          GOOGLE_DOCS_HTML,
          /### Un intertitre\n\nGras puis normal, avec \[un lien\]\(https:\/\/example.org\/doc\)[\s\S]*1\. Un/,
        ],
        [
          'news page',
          NEWS_PAGE_HTML,
          /## Un intertitre[\s\S]*\*\*du gras\*\*[\s\S]*> Une citation/,
        ],
      ] as const) {
        const markdown = await paste(page, html);
        assert.match(markdown, expect, `${name}: ${markdown}`);
        assert.doesNotMatch(
          markdown,
          /mso-|font-size|dataLayer|javascript:/i,
          name,
        );
        const rendered = (await renderBody(server.services.db, markdown)).html;
        assert.deepEqual(dangers(rendered), [], name);
      }
    });
  });
}
