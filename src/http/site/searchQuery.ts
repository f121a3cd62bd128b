import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { isCalendarDay } from '../../search/dateRange.ts';
import {
  MAX_SEARCH_PAGE,
  type ReaderSearchParams,
} from '../../search/readerSearch.ts';

/*
 * The search URL's parameters, in French as readers see them:
 * /recherche?q=…&rubrique=…&du=AAAA-MM-JJ&au=AAAA-MM-JJ&tri=pertinence|date&page=…
 * Any `q` is valid (it is only ever words to look for). The API is strict: another value that
 * makes no sense is a 400 that says which one is wrong. The page forgives instead
 * (`readSearchParamsForPage`): it falls back to a sensible value and says so on the page.
 */
const day = z
  .string()
  .refine(
    (v) => v === '' || isCalendarDay(v),
    'Date attendue au format AAAA-MM-JJ.',
  );

const schema = z.object({
  q: z.string().default(''),
  rubrique: z.string().max(200).default(''),
  du: day.default(''),
  au: day.default(''),
  tri: z.enum(['pertinence', 'date', '']).default(''),
});

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1),
});

/** Parses an unknown query string into search parameters, or throws a 400. */
export function parseSearchParams(query: unknown): ReaderSearchParams {
  const page = pageSchema.safeParse(query ?? {});
  if (!page.success) throw new AppError('invalid_page');
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((i) => [String(i.path[0] ?? 'q'), i.message]),
    );
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

/**
 * The search page's parameters from any query string: a value that makes no sense gives way to
 * the default (or, for dates the wrong way round, to the two swapped), each with a French notice
 * for the page. `sectionSlugs` are the sections that exist.
 */
export function readSearchParamsForPage(
  query: unknown,
  sectionSlugs: ReadonlySet<string>,
): { params: ReaderSearchParams; notices: string[] } {
  const raw = (
    typeof query === 'object' && query !== null ? query : {}
  ) as Record<string, unknown>;
  // A repeated parameter (`q=a&q=b`) counts once, as its first value.
  const one = (key: string): string => {
    const v = raw[key];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : '';
  };
  const notices: string[] = [];
  const q = one('q');

  let page = 1;
  const pageText = one('page').trim();
  if (pageText !== '') {
    const n = Number(pageText);
    if (!Number.isInteger(n) || n < 1)
      notices.push(
        'Ce numéro de page n’est pas valide : voici la première page des résultats.',
      );
    else if (n > MAX_SEARCH_PAGE) {
      page = MAX_SEARCH_PAGE;
      notices.push(
        `Les résultats s’arrêtent à la page ${MAX_SEARCH_PAGE} : voici la dernière. Précisez la recherche pour trouver des articles plus anciens.`,
      );
    } else page = n;
  }

  const tri = one('tri');
  if (tri !== '' && tri !== 'pertinence' && tri !== 'date')
    notices.push(
      'Ce tri n’existe pas : les résultats sont triés par pertinence.',
    );

  let sectionSlug: string | null = one('rubrique').trim().slice(0, 200) || null;
  if (sectionSlug !== null && !sectionSlugs.has(sectionSlug)) {
    notices.push(
      'Cette rubrique n’existe pas : la recherche porte sur toutes les rubriques.',
    );
    sectionSlug = null;
  }

  const dayOrNull = (key: 'du' | 'au', label: string): string | null => {
    const v = one(key).trim();
    if (v === '') return null;
    if (isCalendarDay(v)) return v;
    notices.push(
      `La date ${label} n’est pas une date valide (format AAAA-MM-JJ) : elle n’a pas été prise en compte.`,
    );
    return null;
  };
  let fromDay = dayOrNull('du', 'de début');
  let toDay = dayOrNull('au', 'de fin');
  if (fromDay && toDay && fromDay > toDay) {
    [fromDay, toDay] = [toDay, fromDay];
    notices.push(
      'La date de début était après la date de fin : les deux dates ont été inversées.',
    );
  }

  return {
    params: {
      q,
      sectionSlug,
      fromDay,
      toDay,
      sort: tri === 'date' ? 'date' : 'relevance',
      page,
    },
    notices,
  };
}

/** The URL of a search with these parameters (defaults left out, so each search has one URL). */
export function searchUrl(
  params: ReaderSearchParams,
  page = params.page,
): string {
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
