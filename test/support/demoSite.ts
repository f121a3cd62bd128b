import { after, before } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import {
  startServer,
  type RunningServer,
  type ServeOptions,
} from '../../src/main.ts';
import { loadConfig } from '../../src/config.ts';
import {
  createTestDatabase,
  type DialectName,
  type TestDatabase,
} from './databases.ts';
import { launchBrowser } from './browser.ts';

/**
 * The recommended rules, less two about source formatting (a doctype's case, blank template
 * lines) that no reader or browser can tell, and `long-title`: a headline is the newsroom's to
 * write, and a long one keeps its full wording in <title> unless the journalist sets an SEO title.
 */
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
  },
});

export interface DemoSite {
  server: RunningServer;
  browser: Browser;
}

/**
 * Registers hooks that serve the demo site over HTTP on a fresh database of `dialect` (the server
 * opens its own connection, as in production) and open Chromium; both end after the suite.
 */
export function useDemoSite(
  dialect: DialectName,
  options: Partial<ServeOptions> = {},
): () => DemoSite {
  let db: TestDatabase | undefined;
  let site: DemoSite | undefined;
  before(async () => {
    db = await createTestDatabase(dialect);
    await db.handle.close();
    const server = await startServer(
      loadConfig({
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        SITE_URL: 'http://localhost',
      }),
      { demo: true, port: 0, host: '127.0.0.1', ...options },
    );
    site = { server, browser: await launchBrowser() };
  });
  after(async () => {
    await site?.browser.close();
    await site?.server.stop();
    await db?.drop().catch(() => {});
  });
  return () => {
    if (!site) throw new Error('demo site not started');
    return site;
  };
}
