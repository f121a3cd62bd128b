import { createServer, type RequestListener } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import etag from '@fastify/etag';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import csrf from '@fastify/csrf-protection';
import type { Services } from './services.ts';
import type { EarlyServer } from './http/earlyServer.ts';
import type { SiteDeps } from './http/site/context.ts';
import { redirectLookup } from './http/site/redirects.ts';
import {
  frameworkErrorHandler,
  installErrorHandling,
  type ErrorPages,
} from './http/middleware/errors.ts';
import { keepPrivateResponsesPrivate } from './http/middleware/privateResponses.ts';
import { registerSecurityHeaders } from './http/middleware/securityHeaders.ts';
import { adminErrorPage } from './http/admin/errorPage.ts';
import type { AdminDeps } from './http/admin/context.ts';
import { stripNulCharacters } from './http/middleware/stripNul.ts';
import { compressJson } from './http/middleware/compressJson.ts';
import {
  assetsRoute,
  loadAsset,
  loadScriptAsset,
} from './http/site/assetsRoute.ts';
import { adminRoutes } from './http/admin/index.ts';
import { homeRoute } from './http/site/homeRoute.ts';
import { editionRoutes, loadEditionAssets } from './http/site/editionRoutes.ts';
import { articleRoute } from './http/site/articleRoute.ts';
import { listingRoutes } from './http/site/listingRoutes.ts';
import { liveRoute } from './http/site/liveRoute.ts';
import { beaconRoute } from './http/site/beaconRoute.ts';
import { BeaconIntake } from './http/site/beaconIntake.ts';
import { siteInfoRoutes } from './http/site/siteInfoRoutes.ts';
import { createLiveFilInfo } from './live/liveFilInfo.ts';
import { registerDistribution } from './http/site/distribution.ts';
import { DerivedCache } from './http/site/derivedCache.ts';
import { FastPages } from './http/site/fastPath.ts';

import { searchRoute } from './http/site/searchRoute.ts';
import { mediaRoute } from './http/site/mediaRoute.ts';
import { NO_STORE } from './http/cacheControl.ts';
import { bundleScriptAsset } from './http/site/scriptBundle.ts';
import { apiSearchRoute } from './http/api/searchRoute.ts';
import { registerOpenApi, useZod } from './http/api/openapi.ts';
import { CONTENT_API_PREFIX, contentApi } from './http/api/contentApi.ts';
import { LiveReaders } from './live/liveReaders.ts';
import { ADMIN_API_PREFIX, adminApi } from './http/api/adminApi.ts';

export interface AppDeps extends Services {
  /** pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Told of every route as it is registered (tests enumerate public routes with it). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** The server `newsdesk serve` already listens on (main.ts); without it the app makes its own. */
  server?: EarlyServer;
}

/** The whole HTTP application. It never listens: main.ts does, tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const liveScript = loadScriptAsset('live.ts');
  const adminStylesheet = loadAsset('admin.css', 'text/css; charset=utf-8');
  const editorScript = loadScriptAsset('editor.ts');
  const mediaScript = loadScriptAsset('media.ts');
  const newsroomToolsScript = loadScriptAsset('newsroomTools.ts');
  const richEditorScript = await bundleScriptAsset('richEditor.ts');
  const embedsScript = loadScriptAsset('embeds.ts');
  const adminDeps: AdminDeps = {
    ...deps,
    assets: {
      stylesheet: adminStylesheet.url,
      editorScript: editorScript.url,
      mediaScript: mediaScript.url,
      newsroomToolsScript: newsroomToolsScript.url,
      richEditorScript: richEditorScript.url,
      embedsScript: embedsScript.url,
    },
    liveReaders: () => liveReaders.now(),
  };
  const beaconScript = loadScriptAsset('beacon.ts');
  const editionAssets = loadEditionAssets();
  const live = createLiveFilInfo(deps, (error) =>
    app.log.error({ err: error }, 'live fil info'),
  );
  // Rendered public pages, each process its own (PAGE_CACHE_MB; see pageRoute).
  const pages = new DerivedCache(
    deps.changes,
    deps.clock,
    deps.config.pageCacheBytes,
  );
  // Editions on their own host (issue #20) keep their pages under host and URL (context.ts pageKey).
  const editionHosts = new Set<string>();
  const fast = new FastPages(pages, editionHosts);
  // Beacons too are answered before routing when they can be (http/site/beaconIntake.ts).
  const beacons = new BeaconIntake(deps, {
    trustProxy: deps.config.trustProxy,
    onError: (error) => app.log.error({ err: error }, 'beacon failed'),
  });
  const liveReaders = new LiveReaders({
    db: deps.db,
    clock: deps.clock,
    count: () => live.hub.size,
    everyMs: deps.config.live.pollMs,
  });
  const site: SiteDeps = {
    db: deps.db,
    clock: deps.clock,
    site: deps.config.site,
    live: { script: liveScript.url, resumeId: live.resumeId },
    beacon: beaconScript.url,
    embeds: embedsScript.url,
    pages,
    fast,
    editionHosts,
  };
  const errorPages: ErrorPages = {
    ...site,
    adminErrorPage: adminErrorPage(adminDeps),
    redirect: redirectLookup(deps.db, site.pages),
  };
  const app = Fastify({
    frameworkErrors: frameworkErrorHandler(errorPages),
    logger: deps.logger ?? false,
    // Off unless TRUST_PROXY says which proxies may set X-Forwarded-For (the login limit counts per address).
    trustProxy: deps.config.trustProxy,
    // Slugs and queries typed by readers can be long; anything longer than this is not ours.
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
    bodyLimit: 2 * 1024 * 1024,
    // Kept public pages are answered before routing when they can be (http/site/fastPath.ts).
    serverFactory: (handler) => {
      const onRequest: RequestListener = (req, res) => {
        if (!fast.serve(req, res) && !beacons.serve(req, res))
          handler(req, res);
      };
      if (!deps.server) return createServer(onRequest);
      deps.server.adopt(onRequest);
      return deps.server.server;
    },
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  await app.register(etag);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // Uploads are streamed part by part (http/admin/mediaUpload.ts), never buffered whole.
  await app.register(multipart, {
    limits: {
      fileSize: deps.config.media.maxUploadBytes,
      files: 1,
      fields: 10,
      fieldSize: 2000,
    },
  });
  // The CSRF secret lives in its own HttpOnly cookie; forms send the token as `_csrf`, scripts as a header.
  await app.register(csrf, {
    cookieOpts: {
      path: '/admin',
      sameSite: 'strict',
      httpOnly: true,
      secure: deps.config.site.url.startsWith('https:'),
    },
  });
  installErrorHandling(app, errorPages);
  stripNulCharacters(app);
  fast.install(app);
  keepPrivateResponsesPrivate(app);
  compressJson(app);
  // Without SITE_URL the address is the one served, over http: no HSTS.
  await registerSecurityHeaders(app, {
    https: deps.config.site.url.startsWith('https:'),
  });
  await registerOpenApi(app, deps.config.site.url);

  // Open event streams would hold the server open: end them before it closes (preClose), and
  // stop following events once it has (onClose). The app owns the bus's lifetime, in main and tests.
  app.addHook('preClose', async () => {
    live.close();
  });
  app.addHook('onReady', async () => {
    liveReaders.start((error) => app.log.error({ err: error }, 'live readers'));
  });
  app.addHook('onClose', async () => {
    await liveReaders.stop().catch(() => {});
    await deps.bus.close();
    await deps.media.storage.close();
    await deps.audience.close();
  });

  assetsRoute(app, [
    liveScript,
    beaconScript,
    embedsScript,
    adminStylesheet,
    editorScript,
    mediaScript,
    newsroomToolsScript,
    richEditorScript,
    ...Object.values(editionAssets),
  ]);
  adminRoutes(app, adminDeps);
  homeRoute(app, site);
  articleRoute(app, site);
  await editionRoutes(
    app,
    { ...site, search: deps.search, ranking: deps.config.search },
    editionAssets,
  );
  listingRoutes(app, site);
  liveRoute(app, site, live);
  mediaRoute(app, deps);
  await beaconRoute(app, beacons);
  siteInfoRoutes(app, site);
  await registerDistribution(app, deps, { fast });
  const searchDeps = {
    ...site,
    search: deps.search,
    ranking: deps.config.search,
  };
  searchRoute(app, searchDeps);
  apiSearchRoute(app, searchDeps);
  await app.register(
    async (api) => {
      useZod(api);
      await contentApi({ ...deps, ...searchDeps })(api);
    },
    { prefix: CONTENT_API_PREFIX },
  );
  await app.register(
    async (api) => {
      useZod(api);
      await adminApi(deps)(api);
    },
    { prefix: ADMIN_API_PREFIX },
  );
  app.get('/healthz', async (_request, reply) =>
    reply.header('Cache-Control', NO_STORE).send({ ok: true }),
  );
  return app;
}
