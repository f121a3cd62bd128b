/**
 * What a reader's browser downloads for a page, measured in Chromium (Debian's, through
 * playwright-core): the HTML's compressed bytes and everything the page loads (stylesheet,
 * scripts, pictures), from the Resource Timing entries of a fresh context (an empty cache).
 */
import { launchBrowser } from '../../test/support/browser.ts';

export interface Transfer {
  /** The document's body as sent (compressed if it was). */
  html: number;
  /** The document and every resource it loaded, bodies as sent. */
  total: number;
  /** How many requests the page made, the document included. */
  requests: number;
}

export async function measureTransfers(
  base: string,
  paths: Record<string, string>,
): Promise<Record<string, Transfer>> {
  const browser = await launchBrowser();
  const out: Record<string, Transfer> = {};
  try {
    for (const [name, path] of Object.entries(paths)) {
      const context = await browser.newContext({
        viewport: { width: 412, height: 823 },
      });
      const page = await context.newPage();
      await page.goto(base + path, { waitUntil: 'load' });
      // Late pictures (lazy below the fold) are not part of the first load: measured as loaded.
      out[name] = await page.evaluate(() => {
        const nav = performance.getEntriesByType(
          'navigation',
        )[0] as PerformanceNavigationTiming;
        const resources = performance.getEntriesByType(
          'resource',
        ) as PerformanceResourceTiming[];
        return {
          html: nav.encodedBodySize,
          total:
            nav.encodedBodySize +
            resources.reduce((sum, r) => sum + r.encodedBodySize, 0),
          requests: 1 + resources.length,
        };
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
