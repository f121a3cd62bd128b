import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { findRedirect } from '../../db/repos/imports.ts';
import { paths } from '../../presenters/urls.ts';
import { HOURLY_CACHE } from '../cacheControl.ts';
import type { DerivedCache } from './derivedCache.ts';

/** Longer paths are no old permalink of ours (the table's column holds 1,000 characters). */
const MAX_PATH = 1000;

/**
 * Old addresses (an imported article's permalink, lines of `newsdesk redirects import`),
 * consulted before the 404: a 301 to where the content is now. Answers are kept in the page
 * cache, forgotten when articles or redirects change (the event bus), so a crawler walking an
 * old archive costs one query per old path, once.
 */
export function redirectLookup(db: Db, cache: DerivedCache | undefined) {
  const lookup = async (path: string): Promise<string | null> => {
    const found = await findRedirect(db, path);
    if (!found) return null;
    if (found.articleSlug === null) return found.toPath;
    // A draft's or a withdrawn article's old address says nothing about it.
    return found.public ? paths.article(found.articleSlug) : null;
  };
  const cached = (path: string) =>
    cache
      ? cache.get(`redirect:${path}`, ['articles', 'redirects'], async () => ({
          value: await lookup(path),
          bytes: 200 + path.length * 2,
          validUntil: null,
        }))
      : lookup(path);
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | null> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const url = request.url;
    if (url.length > MAX_PATH || url.startsWith('/api/')) return null;
    // WordPress permalinks end with a slash; links to them are written both ways.
    const [pathname, query] = splitQuery(url);
    const candidates = [
      url,
      pathname.endsWith('/')
        ? pathname.slice(0, -1) + query
        : `${pathname}/${query}`,
    ];
    for (const candidate of candidates) {
      const target = await cached(candidate);
      if (target && target !== url)
        return reply
          .header('Cache-Control', HOURLY_CACHE)
          .redirect(target, 301);
    }
    return null;
  };
}

function splitQuery(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}
