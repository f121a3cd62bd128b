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
  /** The edition these feeds and sitemaps are for (issue #20); absent: the default one, at the site's root. */
  edition?: DistributionEdition;
}

/** An edition other than the default one, as its feeds and sitemaps need it. */
export interface DistributionEdition {
  code: string;
  language: string;
  name: string;
  /** The name Google News knows it by. */
  newsName: string;
  /** Its pages' absolute base (`https://journal.example/ar`), read at each use as the site's URL is. */
  readonly base: string;
  /** Route paths are registered under it ('' on its own host); with a host constraint on its own host. */
  prefix: string;
  routeOptions: { constraints?: { host: string } };
}

/** The absolute URL of a page of the documents' edition (`path` from presenters/urls.ts). */
export function pageUrl(deps: DistributionDeps, path: string): string {
  return (deps.edition ? deps.edition.base : deps.site.url) + path;
}

/** A cache key of the documents' edition: the default edition's keys are unprefixed. */
export function editionKey(deps: DistributionDeps, key: string): string {
  return deps.edition ? `${deps.edition.code}:${key}` : key;
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
