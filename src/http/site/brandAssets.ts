import type { FastifyInstance } from 'fastify';
import type { SizedImage } from '../../presenters/socialCard.ts';
import { loadAsset, type Asset } from './assetsRoute.ts';
import { IMMUTABLE_CACHE, WEEKLY_CACHE } from '../cacheControl.ts';
import { paths } from '../../presenters/urls.ts';

/** The publisher logo (structured data, feeds) and the social card for pages without a cover. */
export interface BrandImages {
  logo: SizedImage;
  shareImage: SizedImage;
}

interface BrandFiles {
  images: BrandImages;
  assets: Asset[];
  favicon: Asset;
}

let loaded: BrandFiles | null = null;

/**
 * Loaded once: they are files of the release, not state. Google wants a raster logo for a
 * publisher, so both are PNGs (drawn by scripts/brandImages.ts; replace the files to rebrand).
 */
function brandFiles(): BrandFiles {
  if (!loaded) {
    const logo = loadAsset('logo.png', 'image/png');
    const share = loadAsset('share-default.png', 'image/png');
    loaded = {
      images: {
        logo: { path: logo.url, width: 512, height: 512 },
        shareImage: { path: share.url, width: 1200, height: 630 },
      },
      assets: [logo, share],
      favicon: loadAsset('favicon.ico', 'image/x-icon'),
    };
  }
  return loaded;
}

export function brandImages(): BrandImages {
  return brandFiles().images;
}

/** Serves the brand images beside the stylesheet, cached for a year (their URLs carry a hash). */
export function brandAssetRoutes(app: FastifyInstance): void {
  for (const asset of brandFiles().assets) {
    app.get(asset.url.split('?')[0]!, async (_request, reply) =>
      reply
        .type(asset.type)
        .header('Cache-Control', IMMUTABLE_CACHE)
        .send(asset.body),
    );
  }
  // A fixed URL, so not immutable: a week, then browsers ask again.
  const { favicon } = brandFiles();
  app.get(paths.favicon(), async (_request, reply) =>
    reply
      .type(favicon.type)
      .header('Cache-Control', WEEKLY_CACHE)
      .send(favicon.body),
  );
}
