import {
  earliestFirstPublication,
  latestPublication,
  listArticlesFirstPublishedIn,
  listAuthorSlugsInUse,
  listNewsSitemapArticles,
  listSectionsWithLatest,
  listTagSlugsInUse,
  nextEmbargoEnd,
  summarizeFirstPublishedIn,
} from '../../db/repos/sitemaps.ts';
import { monthKey, monthRange, monthsBetween } from '../../domain/months.ts';
import { sitemapPaths } from '../../presenters/distributionUrls.ts';
import { paths } from '../../presenters/urls.ts';
import {
  newsPublication,
  presentArticleUrl,
  presentNewsUrl,
  presentPageUrl,
  presentSitemapRef,
  type SitemapRef,
} from '../../presenters/sitemap.ts';
import {
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlset,
} from '../../views/sitemaps/sitemap.ts';
import { editionKey, type DistributionDeps } from './distributionDeps.ts';
import { sitemapAlternates } from './translationLinks.ts';
import {
  documentBytes,
  renderedDocument,
  type RenderedDocument,
} from './documentResponse.ts';

/** Google News reads articles first published in the last 48 hours, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 3_600_000;
export const NEWS_MAX = 1_000;
/** Tag and author sitemaps are single files: past 50,000 entries the oldest are left out. */
const LISTING_MAX = 50_000;

/** The edition's code for the repositories (the default one when absent) and its pages' base. */
const code = (deps: DistributionDeps) => deps.edition?.code;
const base = (deps: DistributionDeps) => deps.edition?.base ?? deps.site.url;

async function built(
  deps: DistributionDeps,
  body: string,
  validUntil: Date | null,
) {
  const doc = await renderedDocument(body, deps.clock.now());
  return { value: doc, bytes: documentBytes(doc), validUntil };
}

/** A month's count and latest change, kept per month so the index need not read the whole archive. */
async function monthSummary(
  deps: DistributionDeps,
  key: string,
  generation: number,
) {
  const range = monthRange(key)!;
  return deps.cache.get(
    editionKey(deps, `sitemap-summary:${key}`),
    [`month:${key}`],
    async () => {
      const now = deps.clock.now();
      const [summary, validUntil] = await Promise.all([
        summarizeFirstPublishedIn(deps.db, {
          now,
          ...range,
          edition: code(deps),
        }),
        nextEmbargoEnd(deps.db, now),
      ]);
      return { value: summary, bytes: 100, validUntil };
    },
    generation,
  );
}

/** The index: listing sitemaps, the news sitemap, then one file per month (or more past 50,000 articles). */
export async function sitemapIndex(
  deps: DistributionDeps,
  generation: number,
): Promise<RenderedDocument> {
  return deps.cache.get(
    editionKey(deps, 'sitemap:index'),
    ['articles', 'taxonomy'],
    async () => {
      const now = deps.clock.now();
      const [earliest, latest, tags, authors, validUntil] = await Promise.all([
        earliestFirstPublication(deps.db, now, code(deps)),
        latestPublication(deps.db, now, code(deps)),
        listTagSlugsInUse(deps.db, now, 1, code(deps)),
        listAuthorSlugsInUse(deps.db, now, 1, code(deps)),
        nextEmbargoEnd(deps.db, now),
      ]);
      const ref = (path: string, at: Date | null) =>
        presentSitemapRef(deps.site, path, at, base(deps));
      const refs: SitemapRef[] = [ref(sitemapPaths.sections(), latest)];
      if (tags.length) refs.push(ref(sitemapPaths.tags(), latest));
      if (authors.length) refs.push(ref(sitemapPaths.authors(), latest));
      refs.push(ref(sitemapPaths.news(), latest));
      const months = earliest ? monthsBetween(earliest, now) : [];
      const summaries = await Promise.all(
        months.map((key) => monthSummary(deps, key, generation)),
      );
      for (const [i, key] of months.entries()) {
        const summary = summaries[i]!;
        const pages = Math.ceil(summary.count / deps.sitemapPageSize);
        for (let page = 1; page <= pages; page++)
          refs.push(ref(sitemapPaths.month(key, page), summary.lastModified));
      }
      return built(deps, renderSitemapIndex(refs), validUntil);
    },
    generation,
  );
}

/** One month's articles (a page of them past 50,000), with lastmod and cover image; null when empty. */
export async function monthSitemap(
  deps: DistributionDeps,
  key: string,
  page: number,
  generation: number,
): Promise<RenderedDocument | null> {
  const range = monthRange(key);
  if (!range) return null;
  return deps.cache.get(
    editionKey(deps, `sitemap:${key}:${page}`),
    [`month:${key}`],
    async () => {
      const now = deps.clock.now();
      const [rows, validUntil] = await Promise.all([
        listArticlesFirstPublishedIn(deps.db, {
          now,
          ...range,
          limit: deps.sitemapPageSize,
          offset: (page - 1) * deps.sitemapPageSize,
          edition: code(deps),
        }),
        nextEmbargoEnd(deps.db, now),
      ]);
      if (rows.length === 0) return { value: null, bytes: 50, validUntil };
      const alternates = await sitemapAlternates(
        deps.db,
        deps.site,
        rows,
        now,
        code(deps),
      );
      return built(
        deps,
        renderUrlset(
          rows.map((r) => {
            const url = presentArticleUrl(r, deps.site, base(deps));
            const alt = alternates.get(r.id);
            return alt ? { ...url, alternates: alt } : url;
          }),
        ),
        validUntil,
      );
    },
    generation,
  );
}

/** Whether a month is over (its sitemap can be cached for long). */
export function isPastMonth(deps: DistributionDeps, key: string): boolean {
  return key < monthKey(deps.clock.now());
}

/** The home page and every section that has articles, with the time of its newest. */
export async function sectionsSitemap(
  deps: DistributionDeps,
  generation: number,
): Promise<RenderedDocument> {
  return deps.cache.get(
    editionKey(deps, 'sitemap:sections'),
    ['articles', 'taxonomy'],
    async () => {
      const now = deps.clock.now();
      const [sections, validUntil] = await Promise.all([
        listSectionsWithLatest(deps.db, now, code(deps)),
        nextEmbargoEnd(deps.db, now),
      ]);
      const latest = sections.reduce<Date | null>(
        (m, s) => (s.latest && (!m || s.latest > m) ? s.latest : m),
        null,
      );
      const urls = [
        presentPageUrl(deps.site, paths.home(), latest, base(deps)),
        ...sections
          .filter((s) => s.latest)
          .map((s) =>
            presentPageUrl(
              deps.site,
              paths.section(s.slug),
              s.latest,
              base(deps),
            ),
          ),
      ];
      return built(deps, renderUrlset(urls), validUntil);
    },
    generation,
  );
}

/** Tag or author pages that list at least one article; null when there are none. */
export async function listingSitemap(
  deps: DistributionDeps,
  kind: 'tags' | 'authors',
  generation: number,
): Promise<RenderedDocument | null> {
  return deps.cache.get(
    editionKey(deps, `sitemap:${kind}`),
    ['articles', 'taxonomy'],
    async () => {
      const now = deps.clock.now();
      const [slugs, validUntil] = await Promise.all([
        kind === 'tags'
          ? listTagSlugsInUse(deps.db, now, LISTING_MAX, code(deps))
          : listAuthorSlugsInUse(deps.db, now, LISTING_MAX, code(deps)),
        nextEmbargoEnd(deps.db, now),
      ]);
      if (slugs.length === 0) return { value: null, bytes: 50, validUntil };
      const toPath = kind === 'tags' ? paths.tag : paths.author;
      return built(
        deps,
        renderUrlset(
          slugs.map((slug) =>
            presentPageUrl(deps.site, toPath(slug), null, base(deps)),
          ),
        ),
        validUntil,
      );
    },
    generation,
  );
}

/**
 * Articles first published in the last 48 hours, newest first, at most 1,000, without the
 * sections kept out of Google News. Rebuilt when the oldest of them turns 48 hours old.
 */
export async function newsSitemap(
  deps: DistributionDeps,
  generation: number,
): Promise<RenderedDocument> {
  return deps.cache.get(
    editionKey(deps, 'sitemap:news'),
    ['articles', 'taxonomy'],
    async () => {
      const now = deps.clock.now();
      const [rows, embargoEnd] = await Promise.all([
        listNewsSitemapArticles(deps.db, {
          now,
          since: new Date(now.getTime() - NEWS_WINDOW_MS),
          limit: NEWS_MAX,
          edition: code(deps),
        }),
        nextEmbargoEnd(deps.db, now),
      ]);
      const oldest = rows.at(-1);
      const expiries = [
        embargoEnd,
        oldest
          ? new Date(oldest.firstPublishedAt.getTime() + NEWS_WINDOW_MS)
          : null,
      ].filter((d): d is Date => d !== null);
      const validUntil = expiries.length
        ? new Date(Math.min(...expiries.map((d) => d.getTime())))
        : null;
      const body = renderNewsSitemap(
        rows.map((r) => presentNewsUrl(r, deps.site, base(deps))),
        deps.edition
          ? newsPublication({
              ...deps.site,
              name: deps.edition.newsName,
              lang: deps.edition.language,
            })
          : newsPublication(deps.site),
        `${base(deps)}/`,
      );
      return built(deps, body, validUntil);
    },
    generation,
  );
}
