import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { startWebSubPinger } from '../../events/websubPinger.ts';
import { brandAssetRoutes, brandImages } from './brandAssets.ts';
import { DerivedCache } from './derivedCache.ts';
import type { DistributionDeps } from './distributionDeps.ts';
import type { FastPages } from './fastPath.ts';
import { feedRoutes } from './feedRoutes.ts';
import { sitemapRoutes } from './sitemapRoutes.ts';

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
  sitemapRoutes(app, deps);
  const hubUrl = services.config.distribution.websubHub;
  if (hubUrl) {
    const pinger = await startWebSubPinger({
      db: services.db,
      bus: services.bus,
      hubUrl,
      site: services.config.site,
      log: app.log,
    });
    app.addHook('onClose', async () => pinger.stop());
  }
}
