import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  chromium,
  type Browser,
  type Locator,
  type Page,
} from 'playwright-core';

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM_PATH =
  process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const BROWSER_MISSING = existsSync(CHROMIUM_PATH)
  ? false
  : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;

export const SCREENSHOT_DIR = new URL(
  '../../test-results/screenshots/',
  import.meta.url,
);

/**
 * How long a test waits for something to appear in the page (a preview, a live update) on a busy
 * machine: Playwright's own default for every step. A limit, never a measure: no test asserts
 * how fast something happens (benchmarks do).
 */
export const BROWSER_WAIT_MS = 30_000;

/** The flags every Chromium the project starts gets (the tests', and Lighthouse's in the bench). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
  });
}

/** A new browser context signed in to the back office as `email` (dialogs are accepted). */
export async function signInPage(
  browser: Browser,
  address: string,
  email: string,
  password: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${address}/admin`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${address}/admin`);
  return page;
}

/**
 * The whole page, or with `fullPage: false` the window as the member sees it (what a sticky
 * bar covers shows only there: a full-page capture puts it wherever the scroll left it).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: new URL(`${name}.png`, SCREENSHOT_DIR).pathname,
    fullPage: options.fullPage ?? true,
  });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core in the page (WCAG 2.1 A/AA rules, or only the `rules` named) and returns its violations. */
export async function runAxe(
  page: Page,
  rules?: string[],
): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the pages' CSP forbids those.
  await page.evaluate(axeSource);
  const runOnly = rules
    ? { type: 'rule', values: rules }
    : {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      };
  return page.evaluate(async (only) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: only });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, runOnly);
}

/**
 * The article body's Markdown textarea, shown: the rich editor hides it until « Markdown » is
 * pressed (the source stays typeable, as without JavaScript).
 */
export async function bodySource(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', {
    name: 'Markdown',
    exact: true,
  });
  if ((await toggle.getAttribute('aria-pressed')) === 'false')
    await toggle.click();
  return page.getByLabel('Texte (Markdown)');
}
