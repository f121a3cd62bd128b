import type { FastifyInstance } from 'fastify';
import { pageRoute, type SiteDeps } from './context.ts';
import { readSearchParamsForPage, searchUrl } from './searchQuery.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';
import { presentSearchResult } from '../../presenters/searchResult.ts';
import { paths } from '../../presenters/urls.ts';
import type { Ranking, SearchProvider } from '../../search/provider.ts';
import { highlightSet, isSearchable } from '../../search/query.ts';
import { searchForReaders } from '../../search/readerSearch.ts';
import { searchView } from '../../views/site/search.ts';

export interface SearchDeps extends SiteDeps {
  search: SearchProvider;
  ranking: Ranking;
}

/**
 * /recherche: the readers' search page, server-rendered, in French; odd parameters fall back with
 * a notice. Kept in the page cache per URL like any public page (pageRoute): a popular query is
 * searched once until an event changes the articles or the sections, and the cache's byte
 * budget forgets rare ones first.
 */
export function searchRoute(app: FastifyInstance, deps: SearchDeps): void {
  app.get(
    paths.search(),
    pageRoute(deps, async (request) => {
      const sections = await listSections(deps.db, DEFAULT_EDITION);
      const { params, notices } = readSearchParamsForPage(
        request.query,
        new Set(sections.map((s) => s.slug)),
      );
      const result = await searchForReaders(
        { ...deps, timeZone: deps.site.timeZone },
        params,
      );
      const set = highlightSet(result.query);
      const filtered =
        params.sectionSlug !== null ||
        params.fromDay !== null ||
        params.toDay !== null;
      const main = searchView({
        notices,
        form: {
          q: params.q,
          section: params.sectionSlug ?? '',
          from: params.fromDay ?? '',
          to: params.toDay ?? '',
          sort: params.sort,
        },
        sections: sections.map((s) => ({ slug: s.slug, name: s.name })),
        searched: params.q.trim() !== '',
        searchable: isSearchable(result.query),
        filtered,
        results: result.articles.map((a) =>
          presentSearchResult(a, set, deps.site),
        ),
        total: result.total,
        totalIsExact: result.totalIsExact,
        page: result.page,
        pageCount: result.pageCount,
        links: {
          prev: result.page > 1 ? searchUrl(params, result.page - 1) : null,
          next:
            result.page < result.pageCount
              ? searchUrl(params, result.page + 1)
              : null,
          withoutFilters: searchUrl({
            ...params,
            sectionSlug: null,
            fromDay: null,
            toDay: null,
            page: 1,
          }),
          firstPage: searchUrl(params, 1),
        },
        browse: sections.map((s) => ({
          name: s.name,
          url: paths.section(s.slug),
        })),
      });
      const title = params.q.trim()
        ? `Recherche : ${result.query.text.slice(0, 60)}`
        : 'Recherche';
      return {
        title,
        description: 'Rechercher dans les articles du journal.',
        canonicalPath: paths.search(),
        main,
        bodyClass: 'search-page',
        // Result pages are not for search engines; readers may still share and cache them.
        noindex: true,
        surrogateKeys: ['search'],
      };
    }),
  );
}
