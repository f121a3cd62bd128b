/**
 * The journalist's editor: the weight of its scripts (bytes and gzip) and its time to
 * interactive in Chromium, from navigation to a rich editor that takes typing, on a demo article.
 *   npm run bench -- editor [--quick]
 * The server runs in this process (SQLite in a temporary folder, demo content); each visit is a
 * new browser context (cold cache) signed in with the same session, then one warm visit each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from '../src/main.ts';
import { loadConfig } from '../src/config.ts';
import { bundleScriptAsset } from '../src/http/site/scriptBundle.ts';
import { loadScriptAsset } from '../src/http/site/assetsRoute.ts';
import { listArticleIdsAfter } from '../src/db/repos/articles.ts';
import { launchBrowser, signInPage } from '../test/support/browser.ts';
import { buildUser, PASSWORD } from '../test/support/newsroom.ts';
import { ROOT } from './lib/processes.ts';

const quick = process.argv.includes('--quick');
const VISITS = quick ? 3 : 30;

const started = performance.now();
const rich = await bundleScriptAsset('richEditor.ts');
const bundleMs = performance.now() - started;
const scripts = [
  ['richEditor.js (bundled)', rich.body],
  ['editor.js', loadScriptAsset('editor.ts').body],
  ['media.js', loadScriptAsset('media.ts').body],
] as const;

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-editor-bench-'));
const server = await startServer(
  loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    LOG_LEVEL: 'silent',
    SITE_URL: 'http://localhost',
    MEDIA_DIR: join(dir, 'media'),
  }),
  { demo: true, port: 0, host: '127.0.0.1' },
);
const browser = await launchBrowser();
const times: number[] = [];
let warm = 0;
try {
  const user = await buildUser(server.services, 'editor');
  const signedIn = await signInPage(
    browser,
    server.address,
    user.email,
    PASSWORD,
  );
  const state = await signedIn.context().storageState();
  const [articleId] = await listArticleIdsAfter(server.services.db, 0, 1);
  const url = `${server.address}/admin/articles/${articleId}`;
  /** Milliseconds from navigation start to an editor that is editable and has its content. */
  const visit = async (page: import('playwright-core').Page) => {
    await page.goto(url, { waitUntil: 'commit' });
    return page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const ready = () => {
            const content = document.querySelector(
              '.rich-editor-content[contenteditable="true"]',
            );
            if (content?.textContent) resolve(performance.now());
            else requestAnimationFrame(ready);
          };
          ready();
        }),
    );
  };
  for (let i = 0; i < VISITS; i++) {
    const context = await browser.newContext({ storageState: state });
    const page = await context.newPage();
    times.push(await visit(page));
    if (i === VISITS - 1) warm = await visit(page);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows = scripts.map(
  ([name, body]) =>
    `| ${name} | ${kb(body.length)} | ${kb(gzipSync(body, { level: 9 }).length)} |`,
);
const total = scripts.reduce(
  (n, [, b]) => n + gzipSync(b, { level: 9 }).length,
  0,
);
const report = `# Editor benchmark

${new Date().toISOString()}, ${VISITS} cold visits of a demo article's editor in Debian Chromium (headless).

| Script | Bytes | gzip -9 |
| --- | --- | --- |
${rows.join('\n')}
| **Editor page, all scripts** | | **${kb(total)}** |

esbuild bundle at start: ${bundleMs.toFixed(0)} ms (once per process).

Time to interactive (navigation start → rich editor editable with the article in it):
p50 ${pct(50).toFixed(0)} ms, p90 ${pct(90).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (cold cache); warm cache ${warm.toFixed(0)} ms.
`;
console.log(report);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
if (!quick) writeFileSync(join(ROOT, 'bench/results/editor.md'), report);
console.log(
  quick
    ? '(quick run: results not written)'
    : 'written to bench/results/editor.md',
);
