import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { TestDatabase } from './databases.ts';

/** 12:03 in Casablanca on Thursday 10 July 2025 (UTC+1): a fixed "now" for page tests. */
export const TEST_NOW = '2025-07-10T11:03:00Z';

export interface TestApp {
  app: FastifyInstance;
  /** The services (a command context, and the search provider among others). */
  ctx: Services;
  clock: ReturnType<typeof fixedClock>;
  routes: { method: string; url: string }[];
}

/** The real app on a test database, with a settable clock; never listens. */
export async function buildTestApp(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const clock = fixedClock(TEST_NOW);
  const config = loadConfig({ SITE_URL: 'https://journal.example', ...env });
  const routes: { method: string; url: string }[] = [];
  const services = createServices(config, db.handle, clock);
  const app = await buildApp({
    ...services,
    logger: false,
    onRoute: (r) => {
      for (const method of [r.method].flat())
        routes.push({ method, url: r.url });
    },
  });
  return { app, ctx: services, clock, routes };
}
