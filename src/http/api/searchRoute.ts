import type { FastifyInstance } from 'fastify';
import { FRESH_CACHE } from '../cacheControl.ts';
import { parseSearchParams } from '../site/searchQuery.ts';
import type { SearchDeps } from '../site/searchRoute.ts';
import {
  presentSearchResult,
  searchResultJson,
} from '../../presenters/searchResult.ts';
import { highlightSet } from '../../search/query.ts';
import { searchForReaders } from '../../search/readerSearch.ts';

/**
 * GET /api/search: the readers' search as JSON, with the page's parameters
 * (q, rubrique, du, au, tri, page) → `{ items, total, totalIsExact, page, pageCount }`; bad
 * parameters → 400 JSON. `totalIsExact` is false when more than 1,000 articles match (only the
 * 1,000 most recent are ranked).
 */
export function apiSearchRoute(app: FastifyInstance, deps: SearchDeps): void {
  app.get('/api/search', async (request, reply) => {
    const params = parseSearchParams(request.query);
    const result = await searchForReaders(
      { ...deps, timeZone: deps.site.timeZone },
      params,
    );
    const set = highlightSet(result.query);
    const items = result.articles.map((a) =>
      searchResultJson(presentSearchResult(a, set, deps.site), deps.site),
    );
    return reply
      .header('Cache-Control', FRESH_CACHE)
      .header('Surrogate-Key', 'search')
      .send({
        items,
        total: result.total,
        totalIsExact: result.totalIsExact,
        page: result.page,
        pageCount: result.pageCount,
      });
  });
}
