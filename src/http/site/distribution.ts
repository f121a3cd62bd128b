import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { startWebSubPinger } from '../../events/websubPinger.ts';
import { brandAssetRoutes, brandImages } from './brandAssets.ts';
import { DerivedCache } from './derivedCache.ts';
import type { DistributionDeps } from './distributionDeps.ts';
import type { FastPages } from './fastPath.ts';
import { feedRoutes } from './feedRoutes.ts';
import { sitemapRoutes } from './sitemapRoutes.ts';
import { listEditions } from '../../db/repos/editions.ts';
import { DEFAULT_EDITION, type Edition } from '../../domain/editions.ts';
import { editionUrls } from '../../presenters/edition.ts';
import { sitemapPaths } from '../../presenters/distributionUrls.ts';

/** Google's limit on URLs in one sitemap file. */
const SITEMAP_MAX_URLS = 50_000;

/**
 * Feeds, sitemaps, robots.txt and the brand images, with the cache that keeps them and, when a
 * hub is configured, the WebSub pinger (which needs the app's logger and stops with it).
 */
export async function registerDistribution(
  app: FastifyInstance,
  services: Services,
  options: { sitemapPageSize?: number; fast?: FastPages } = {},
): Promise<void> {
  const deps: DistributionDeps = {
    db: services.db,
    clock: services.clock,
    site: services.config.site,
    settings: services.config.distribution,
    cache: new DerivedCache(services.changes, services.clock),
    brand: brandImages(),
    media: services.media,
    sitemapPageSize: options.sitemapPageSize ?? SITEMAP_MAX_URLS,
    ...(options.fast ? { fast: options.fast } : {}),
  };
  brandAssetRoutes(app);
  feedRoutes(app, deps);
  // Every other edition's feeds and sitemaps: the same documents, its articles, its addresses.
  const editions = await otherEditions(services);
  for (const e of editions) {
    const edition = editionDeps(deps, e);
    feedRoutes(app, edition);
    sitemapRoutes(app, edition);
  }
  sitemapRoutes(
    app,
    deps,
    editions
      .filter((e) => !e.host)
      .flatMap((e) => {
        const base = editionUrls(deps.site, e).base;
        return [base + sitemapPaths.index(), base + sitemapPaths.news()];
      }),
  );
  const hubUrl = services.config.distribution.websubHub;
  if (hubUrl) {
    const pinger = await startWebSubPinger({
      db: services.db,
      bus: services.bus,
      hubUrl,
      site: services.config.site,
      editions,
      log: app.log,
    });
    app.addHook('onClose', async () => pinger.stop());
  }
}

/** The editions besides the default one, as the app starts (none while the database is out of reach). */
async function otherEditions(services: Services): Promise<Edition[]> {
  try {
    return (await listEditions(services.db)).filter(
      (e) => e.code !== DEFAULT_EDITION,
    );
  } catch {
    return [];
  }
}

function editionDeps(deps: DistributionDeps, e: Edition): DistributionDeps {
  const urls = editionUrls(deps.site, e);
  return {
    ...deps,
    edition: {
      code: e.code,
      language: e.language,
      name: e.name,
      newsName: e.newsPublicationName || e.name,
      get base() {
        return urls.base;
      },
      prefix: urls.prefix,
      routeOptions: e.host ? { constraints: { host: e.host } } : {},
    },
  };
}
