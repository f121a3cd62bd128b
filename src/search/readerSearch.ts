import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { loadPublicResults } from '../db/repos/search/documents.ts';
import { findSectionBySlug, type Section } from '../db/repos/taxonomy.ts';
import { AppError } from '../errors.ts';
import { endOfDay, startOfDay } from './dateRange.ts';
import {
  MAX_CANDIDATES,
  type Ranking,
  type SearchProvider,
  type SearchSort,
} from './provider.ts';
import { isSearchable, parseQuery, type ParsedQuery } from './query.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

export const SEARCH_PAGE_SIZE = 20;
/** As deep as the ranked matches go (the 1,000 most recent): 50 pages. */
export const MAX_SEARCH_PAGE = MAX_CANDIDATES / SEARCH_PAGE_SIZE;

export interface ReaderSearchDeps {
  db: Db;
  clock: Clock;
  search: SearchProvider;
  ranking: Ranking;
  timeZone: string;
}

/** A reader's search as parsed from the URL (see http/site/searchQuery.ts). */
export interface ReaderSearchParams {
  q: string;
  sectionSlug: string | null;
  /** Calendar days (YYYY-MM-DD) in the site's time zone, both included. */
  fromDay: string | null;
  toDay: string | null;
  sort: SearchSort;
  page: number;
  /** The edition searched (issue #20): the default one when absent. */
  edition?: string;
}

export interface ReaderSearchResult {
  query: ParsedQuery;
  section: Section | null;
  articles: ArticleWithRelations[];
  total: number;
  /** False when `total` is only a lower bound (more matches than are ranked). */
  totalIsExact: boolean;
  page: number;
  pageCount: number;
}

/**
 * What readers find: the provider matches and ranks within the public read scope, then the
 * page's articles are loaded (through the scope again) with their sections and bylines.
 */
export async function searchForReaders(
  deps: ReaderSearchDeps,
  params: ReaderSearchParams,
): Promise<ReaderSearchResult> {
  const section = params.sectionSlug
    ? await findSectionBySlug(deps.db, params.sectionSlug)
    : null;
  if (params.sectionSlug && !section)
    throw new AppError('invalid_search', {
      fields: { rubrique: 'Cette rubrique n’existe pas.' },
    });
  if (params.fromDay && params.toDay && params.fromDay > params.toDay) {
    throw new AppError('invalid_search', {
      fields: { du: 'La date de début est après la date de fin.' },
    });
  }
  const query = parseQuery(params.q);
  const empty = {
    query,
    section,
    articles: [],
    total: 0,
    totalIsExact: true,
    page: params.page,
    pageCount: 1,
  };
  if (!isSearchable(query)) return empty;
  const now = deps.clock.now();
  const { hits, total, totalIsExact } = await deps.search.searchPublic(
    deps.db,
    {
      query,
      now,
      sort: params.sort,
      ranking: deps.ranking,
      limit: SEARCH_PAGE_SIZE,
      offset: (params.page - 1) * SEARCH_PAGE_SIZE,
      ...(section ? { sectionId: section.id } : {}),
      ...(params.fromDay
        ? { from: startOfDay(params.fromDay, deps.timeZone) }
        : {}),
      ...(params.toDay ? { until: endOfDay(params.toDay, deps.timeZone) } : {}),
      ...(params.edition ? { edition: params.edition } : {}),
    },
  );
  const articles = await loadPublicResults(
    deps.db,
    hits.map((h) => h.articleId),
    now,
    params.edition,
  );
  const pageCount = Math.min(
    MAX_SEARCH_PAGE,
    Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
  );
  return { ...empty, articles, total, totalIsExact, pageCount };
}
