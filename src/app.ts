import Fastify, { type FastifyInstance } from 'fastify';
import etag from '@fastify/etag';
import type { Services } from './services.ts';
import type { SiteDeps } from './http/site/context.ts';
import { frameworkErrorHandler, installErrorHandling } from './http/middleware/errors.ts';
import { assetsRoute, loadAsset } from './http/site/assetsRoute.ts';
import { homeRoute } from './http/site/homeRoute.ts';
import { articleRoute } from './http/site/articleRoute.ts';
import { listingRoutes } from './http/site/listingRoutes.ts';
import { searchRoute } from './http/site/searchRoute.ts';
import { apiSearchRoute } from './http/api/searchRoute.ts';

export interface AppDeps extends Services {
  /** pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Told of every route as it is registered (tests enumerate public routes with it). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

/** The whole HTTP application. It never listens: main.ts does, tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const stylesheet = loadAsset('site.css', 'text/css; charset=utf-8');
  const site: SiteDeps = { db: deps.db, clock: deps.clock, site: deps.config.site, stylesheet: stylesheet.url };
  const app = Fastify({
    frameworkErrors: frameworkErrorHandler(site),
    logger: deps.logger ?? false,
    trustProxy: true,
    // Slugs and queries typed by readers can be long; anything longer than this is not ours.
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
    bodyLimit: 2 * 1024 * 1024,
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  await app.register(etag);
  installErrorHandling(app, site);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
  });

  assetsRoute(app, [stylesheet]);
  homeRoute(app, site);
  articleRoute(app, site);
  listingRoutes(app, site);
  const searchDeps = { ...site, search: deps.search, ranking: deps.config.search };
  searchRoute(app, searchDeps);
  apiSearchRoute(app, searchDeps);
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ ok: true }));
  return app;
}
