import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { isCalendarDay } from '../../search/dateRange.ts';
import { MAX_SEARCH_PAGE, type ReaderSearchParams } from '../../search/readerSearch.ts';

/*
 * The search URL's parameters, in French as readers see them:
 * /recherche?q=…&rubrique=…&du=AAAA-MM-JJ&au=AAAA-MM-JJ&tri=pertinence|date&page=…
 * Any `q` is valid (it is only ever words to look for); the others must make sense, or the
 * answer is a 400 that says which one is wrong.
 */
const day = z.string().refine((v) => v === '' || isCalendarDay(v), 'Date attendue au format AAAA-MM-JJ.');

const schema = z.object({
  q: z.string().default(''),
  rubrique: z.string().max(200).default(''),
  du: day.default(''),
  au: day.default(''),
  tri: z.enum(['pertinence', 'date', '']).default(''),
});

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1) });

/** Parses an unknown query string into search parameters, or throws a 400. */
export function parseSearchParams(query: unknown): ReaderSearchParams {
  const page = pageSchema.safeParse(query ?? {});
  if (!page.success) throw new AppError('invalid_page');
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'q'), i.message]));
    throw new AppError('invalid_search', { fields });
  }
  const p = parsed.data;
  return {
    q: p.q,
    sectionSlug: p.rubrique.trim() || null,
    fromDay: p.du || null,
    toDay: p.au || null,
    sort: p.tri === 'date' ? 'date' : 'relevance',
    page: page.data.page,
  };
}

/** The URL of a search with these parameters (defaults left out, so each search has one URL). */
export function searchUrl(params: ReaderSearchParams, page = params.page): string {
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  if (params.sectionSlug) qs.set('rubrique', params.sectionSlug);
  if (params.fromDay) qs.set('du', params.fromDay);
  if (params.toDay) qs.set('au', params.toDay);
  if (params.sort === 'date') qs.set('tri', 'date');
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/recherche?${s}` : '/recherche';
}
