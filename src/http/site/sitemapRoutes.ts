import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import {
  absoluteUrl,
  sitemapPaths,
} from '../../presenters/distributionUrls.ts';
import { renderRobots } from '../../views/sitemaps/sitemap.ts';
import {
  editionKey,
  sendKeptDocument,
  type DistributionDeps,
} from './distributionDeps.ts';
import {
  documentBytes,
  renderedDocument,
  type RenderedDocument,
} from './documentResponse.ts';
import {
  FRESH_CACHE,
  HOURLY_CACHE,
  SETTLED_CACHE,
  SLOW_CACHE,
} from '../cacheControl.ts';
import {
  isPastMonth,
  listingSitemap,
  monthSitemap,
  newsSitemap,
  sectionsSitemap,
  sitemapIndex,
} from './sitemapDocuments.ts';

const XML = 'application/xml; charset=utf-8';

/** `2026-11` or `2026-11-2` (the second file of a month past 50,000 articles). */
const monthParams = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-[1-9]\d{0,3})?$/)
    .transform((s) => ({
      key: s.slice(0, 7),
      page: s.length > 7 ? Number(s.slice(8)) : 1,
    })),
});

/**
 * /sitemap.xml (the index), /sitemaps/articles-YYYY-MM.xml, /sitemaps/sections.xml, tags.xml,
 * authors.xml, the Google News /sitemaps/news.xml, and /robots.txt that points to them. An
 * edition's (issue #20) the same under its prefix or on its host (/ar/sitemap.xml…); robots.txt
 * is the site's, and names the sitemaps of the editions under a prefix (`editionSitemaps`).
 */
export function sitemapRoutes(
  app: FastifyInstance,
  deps: DistributionDeps,
  editionSitemaps: string[] = [],
): void {
  const prefix = deps.edition?.prefix ?? '';
  const options = deps.edition?.routeOptions ?? {};
  const get = (
    path: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  ) => app.get(prefix + path, options, handler);
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    doc: RenderedDocument | null,
    cacheControl: string,
    key: string,
  ) => {
    if (!doc) throw new AppError('not_found');
    return sendKeptDocument(deps, request, reply, doc, {
      type: XML,
      cacheControl,
      surrogateKeys: ['sitemaps', `sitemap:${editionKey(deps, key)}`],
    });
  };
  get(sitemapPaths.index(), async (request, reply) =>
    send(
      request,
      reply,
      await sitemapIndex(deps, await deps.cache.sync()),
      SLOW_CACHE,
      'index',
    ),
  );
  get(sitemapPaths.sections(), async (request, reply) =>
    send(
      request,
      reply,
      await sectionsSitemap(deps, await deps.cache.sync()),
      SLOW_CACHE,
      'sections',
    ),
  );
  get(sitemapPaths.tags(), async (request, reply) =>
    send(
      request,
      reply,
      await listingSitemap(deps, 'tags', await deps.cache.sync()),
      SLOW_CACHE,
      'tags',
    ),
  );
  get(sitemapPaths.authors(), async (request, reply) =>
    send(
      request,
      reply,
      await listingSitemap(deps, 'authors', await deps.cache.sync()),
      SLOW_CACHE,
      'authors',
    ),
  );
  get(sitemapPaths.news(), async (request, reply) =>
    send(
      request,
      reply,
      await newsSitemap(deps, await deps.cache.sync()),
      FRESH_CACHE,
      'news',
    ),
  );
  get('/sitemaps/articles-:month.xml', async (request, reply) => {
    const parsed = monthParams.safeParse(request.params);
    if (!parsed.success) throw new AppError('not_found');
    const { key, page } = parsed.data.month;
    const doc = await monthSitemap(deps, key, page, await deps.cache.sync());
    return send(
      request,
      reply,
      doc,
      isPastMonth(deps, key) ? SETTLED_CACHE : FRESH_CACHE,
      key,
    );
  });

  if (deps.edition) return;
  // Kept like the sitemaps (no scope: only the configuration shapes it), so the fast path answers it.
  const robots = () =>
    deps.cache.get('robots', [], async () => {
      const doc = await renderedDocument(
        renderRobots([
          absoluteUrl(deps.site, sitemapPaths.index()),
          absoluteUrl(deps.site, sitemapPaths.news()),
          ...editionSitemaps,
        ]),
        null,
      );
      return { value: doc, bytes: documentBytes(doc), validUntil: null };
    });
  app.get('/robots.txt', async (request, reply) =>
    sendKeptDocument(deps, request, reply, await robots(), {
      type: 'text/plain; charset=utf-8',
      cacheControl: HOURLY_CACHE,
      surrogateKeys: ['robots'],
    }),
  );
}
