import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { SiteConfig, DistributionConfig } from '../../config.ts';
import { isoWithOffset } from '../../domain/frenchDates.ts';
import type { BrandImages } from './brandAssets.ts';
import type { DerivedCache } from './derivedCache.ts';
import type { FastPages } from './fastPath.ts';
import {
  sendDocument,
  type DocumentHeaders,
  type RenderedDocument,
} from './documentResponse.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MediaServices } from '../../media/library.ts';

/** What feed and sitemap routes need: the database, the clock, settings, the cache and the brand images. */
export interface DistributionDeps {
  db: Db;
  clock: Clock;
  site: SiteConfig;
  settings: DistributionConfig;
  cache: DerivedCache;
  brand: BrandImages;
  /** Renditions, whose byte sizes feeds' enclosures give. */
  media: MediaServices;
  /** URLs per article sitemap file (Google's limit is 50,000; tests lower it). */
  sitemapPageSize: number;
  /** Kept documents answered ahead of routing (absent: every request goes through Fastify). */
  fast?: FastPages;
}

/**
 * Sends `doc`, which `deps.cache` keeps, and lets the fast path answer the next anonymous GET
 * of the same URL with the same response while the entry stays fresh (FastPages).
 */
export function sendKeptDocument(
  deps: DistributionDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  doc: RenderedDocument,
  headers: DocumentHeaders,
): FastifyReply {
  deps.fast?.sending(request, doc, doc, deps.cache);
  return sendDocument(request, reply, doc, headers);
}

/** RFC 3339 with the site's offset, for Atom, JSON Feed and sitemaps. */
export function siteDate(
  deps: Pick<DistributionDeps, 'site'>,
): (d: Date) => string {
  return (d) => isoWithOffset(d, deps.site.timeZone);
}
