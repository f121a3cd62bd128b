import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import type { SearchDeps } from './searchRoute.ts';
import { searchForReaders } from '../../search/readerSearch.ts';
import { highlightSet } from '../../search/query.ts';
import { highlightText, snippet } from '../../search/highlight.ts';
import { htmlToText } from '../../search/text.ts';
import {
  editionPageValidUntil,
  keptPageRoute,
  sendRendered,
  type RenderedPage,
} from './context.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { editionListingRoutes } from './editionListingRoutes.ts';
import { loadAsset, type Asset } from './assetsRoute.ts';
import { findPublishedBySlug, listPublished } from '../../db/repos/articles.ts';
import {
  listEditions,
  listPublicTranslations,
} from '../../db/repos/editions.ts';
import { DEFAULT_EDITION, type Edition } from '../../domain/editions.ts';
import { formatArabicLongDate } from '../../domain/arabicDates.ts';
import {
  articleUrlIn,
  editionUrls,
  groupEditionFilInfo,
  presentEditionTeaser,
} from '../../presenters/edition.ts';
import { newsArticleLd } from '../../presenters/structuredData.ts';
import { socialImage } from '../../presenters/socialCard.ts';
import { brandImages } from './brandAssets.ts';
import { jsonLdScripts } from '../../views/site/head.ts';
import {
  editionArticleView,
  editionHomeView,
  editionLayout,
  editionLegalView,
  editionSearchView,
  editionWords,
  type Alternate,
  type EditionPageShell,
} from '../../views/site/edition.ts';
import { AppError } from '../../errors.ts';
import { FRESH_CACHE } from '../cacheControl.ts';

/**
 * The public pages of every edition but the default one (issue #20): home with the fil info,
 * articles with their translations (hreflang, the language switch), RSS, sitemap with
 * `xhtml:link` alternates, Google News sitemap, legal notice. Registered when the app is built,
 * from the editions table: `newsdesk edition add` takes effect at the next start. An edition
 * with a host is served on that host (Fastify's host constraint), otherwise under its prefix.
 */
const FIL_SIZE = 15;

export interface EditionAssets {
  stylesheet: Asset;
  regular: Asset;
  bold: Asset;
}

export function loadEditionAssets(): EditionAssets {
  const regular = loadAsset(
    'fonts/noto-sans-arabic-regular.woff2',
    'font/woff2',
    {
      servedAs: 'noto-sans-arabic-regular.woff2',
    },
  );
  const bold = loadAsset('fonts/noto-sans-arabic-bold.woff2', 'font/woff2', {
    servedAs: 'noto-sans-arabic-bold.woff2',
  });
  const stylesheet = loadAsset('edition-rtl.css', 'text/css; charset=utf-8', {
    transform: (css) =>
      css.replace('{{regular}}', regular.url).replace('{{bold}}', bold.url),
  });
  return { stylesheet, regular, bold };
}

/* The reader's search of the edition: its articles only, Arabic read as search/arabic.ts says. */
const slugParams = z.object({ slug: z.string().min(1).max(300) });

export async function editionRoutes(
  app: FastifyInstance,
  deps: SearchDeps,
  assets: EditionAssets,
): Promise<void> {
  let editions: Edition[];
  try {
    editions = await listEditions(deps.db);
  } catch {
    // The database is out of reach at start: the default edition still answers (its pages say so).
    return;
  }
  for (const edition of editions) {
    if (edition.code === DEFAULT_EDITION) continue;
    registerEdition(app, deps, assets, editions, edition);
  }
}

type ShellParams = Pick<
  EditionPageShell,
  'title' | 'description' | 'canonical' | 'main' | 'bodyClass'
> &
  Partial<Pick<EditionPageShell, 'alternates' | 'jsonLd' | 'sections'>>;

/** What an edition's page routes share (editionListingRoutes.ts). */
export interface EditionSite {
  deps: SearchDeps;
  edition: Edition;
  urls: ReturnType<typeof editionUrls>;
  /** The route path under the edition's prefix ('' on its own host). */
  route(path: string): string;
  /** The host constraint of an edition on its own host. */
  options: { constraints?: { host: string } };
  /** A page in the edition's frame, ready for the page cache (keptPageRoute). */
  page(
    p: Omit<ShellParams, 'sections'> & {
      keys: string[];
      currentSection?: string;
    },
  ): Promise<RenderedPage>;
  words: ReturnType<typeof editionWords>;
}

function registerEdition(
  app: FastifyInstance,
  deps: SearchDeps,
  assets: EditionAssets,
  editions: Edition[],
  edition: Edition,
): void {
  const { site } = deps;
  const urls = editionUrls(site, edition);
  const w = editionWords(edition.language);
  const route = (path: string) => `${urls.prefix}${path}`;
  const options = edition.host ? { constraints: { host: edition.host } } : {};
  if (edition.host) deps.editionHosts?.add(edition.host.toLowerCase());
  const rtl = edition.language.startsWith('ar');
  const shell = (p: ShellParams): string =>
    editionLayout({
      edition,
      siteName: site.name,
      homeUrl: urls.home,
      stylesheets: [assets.stylesheet.url],
      preload: rtl ? [assets.regular.url] : [],
      feedUrl: `${urls.base}/feed.xml`,
      legalUrl: `${urls.base}/mentions-legales`,
      searchUrl: `${urls.base}/recherche`,
      today: formatArabicLongDate(deps.clock.now(), site.timeZone),
      alternates: [],
      jsonLd: '',
      sections: [],
      ...p,
    });
  /** A page of the edition as the page cache keeps it: its sections in the navigation, its lifetime. */
  const page = async (
    p: Omit<ShellParams, 'sections'> & {
      keys: string[];
      currentSection?: string;
    },
  ): Promise<RenderedPage> => {
    const [sections, validUntil] = await Promise.all([
      listSections(deps.db, edition.code),
      editionPageValidUntil(deps),
    ]);
    const { keys, currentSection, ...rest } = p;
    return {
      status: 200,
      body: shell({
        ...rest,
        sections: sections.map((s) => ({
          name: s.name,
          url: urls.section(s.slug),
          current: s.slug === currentSection,
        })),
      }),
      surrogateKeys: keys,
      validUntil,
    };
  };
  const ctx: EditionSite = {
    deps,
    edition,
    urls,
    route,
    options,
    page,
    words: w,
  };

  const filInfo = async (now: Date) =>
    groupEditionFilInfo(
      (
        await listPublished(deps.db, {
          now,
          limit: FIL_SIZE,
          edition: edition.code,
        })
      ).items.map((a) => presentEditionTeaser(a, site, urls)),
      now,
      site,
    );

  app.get(
    route('/'),
    options,
    keptPageRoute(deps, async () => {
      const now = deps.clock.now();
      const [featured, top, fil] = await Promise.all([
        listPublished(deps.db, {
          now,
          limit: 1,
          featuredOnly: true,
          edition: edition.code,
        }),
        listPublished(deps.db, { now, limit: 5, edition: edition.code }),
        filInfo(now),
      ]);
      const lead = featured.items[0] ?? top.items[0] ?? null;
      const main = editionHomeView({
        edition,
        lead: lead ? presentEditionTeaser(lead, site, urls) : null,
        top: top.items
          .filter((a) => a.id !== lead?.id)
          .slice(0, 4)
          .map((a) => presentEditionTeaser(a, site, urls)),
        filInfo: fil,
      });
      return page({
        title: edition.name,
        description: edition.name,
        canonical: urls.home,
        main,
        bodyClass: 'home',
        alternates: homeAlternates(site, editions),
        keys: [`edition:${edition.code}`, 'home'],
      });
    }),
  );

  app.get(
    route('/articles/:slug'),
    options,
    keptPageRoute(deps, async (request: FastifyRequest) => {
      const parsed = slugParams.safeParse(request.params);
      if (!parsed.success) throw new AppError('not_found');
      const now = deps.clock.now();
      const article = await findPublishedBySlug(
        deps.db,
        parsed.data.slug,
        now,
        edition.code,
      );
      if (!article) throw new AppError('not_found');
      const [translations, fil] = await Promise.all([
        listPublicTranslations(
          deps.db,
          article.id,
          now,
          editions.map((e) => e.code),
        ),
        filInfo(now),
      ]);
      const canonical = urls.article(article.slug);
      const links = translations.map((t) => {
        const e = editions.find((x) => x.code === t.edition)!;
        return {
          language: e.language,
          url: articleUrlIn(site, editions, t.edition, t.slug)!,
          title: t.title,
        };
      });
      const alternates: Alternate[] = [
        { hreflang: edition.language, href: canonical },
        ...links.map((l) => ({ hreflang: l.language, href: l.url })),
      ];
      const fr = links.find((l) => l.language === 'fr');
      alternates.push({ hreflang: 'x-default', href: fr ? fr.url : canonical });
      const brand = brandImages();
      const ld = newsArticleLd(article, site, {
        image: socialImage(
          site,
          article.cover,
          brand.shareImage,
          article.coverPicture,
        ),
        logo: brand.logo,
      });
      const main = editionArticleView({
        edition,
        homeUrl: urls.home,
        article: {
          ...presentEditionTeaser(article, site, urls),
          bodyHtml: article.bodyHtml,
        },
        translations: links,
        filInfo: fil,
      });
      return page({
        title: `${article.seoTitle ?? article.title} — ${edition.name}`,
        description: article.seoDescription ?? article.lead,
        canonical,
        main,
        bodyClass: 'article-page',
        alternates: links.length ? alternates : [],
        jsonLd: jsonLdScripts([
          {
            ...ld,
            url: canonical,
            mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
            inLanguage: article.language,
            publisher: {
              ...(ld['publisher'] as object),
              name: edition.newsPublicationName || edition.name,
            },
          },
        ]),
        currentSection: article.section?.slug,
        keys: [`article:${article.id}`, `edition:${edition.code}`],
      });
    }),
  );

  const searchQuery = z.object({ q: z.string().max(200).optional() });
  app.get(route('/recherche'), options, async (request, reply) => {
    const parsed = searchQuery.safeParse(request.query);
    const q = parsed.success ? (parsed.data.q ?? '') : '';
    const result = await searchForReaders(
      { ...deps, timeZone: site.timeZone },
      {
        q,
        sectionSlug: null,
        fromDay: null,
        toDay: null,
        sort: 'relevance',
        page: 1,
        edition: edition.code,
      },
    );
    const set = highlightSet(result.query);
    // A search is answered once, not kept (as the French one).
    return sendRendered(
      reply,
      await page({
        title: `${w.search} — ${edition.name}`,
        description: w.search,
        canonical: `${urls.base}/recherche`,
        main: editionSearchView({
          edition,
          q,
          action: `${urls.base}/recherche`,
          total: result.total,
          results: result.articles.map((a) => ({
            url: urls.article(a.slug),
            titleHtml: highlightText(a.title, set),
            extractHtml:
              snippet(htmlToText(a.bodyHtml), set) ??
              highlightText(a.lead, set),
          })),
        }),
        bodyClass: 'search-page',
        keys: ['search'],
      }),
    );
  });

  app.get(
    route('/mentions-legales'),
    options,
    keptPageRoute(deps, async () =>
      page({
        title: `${w.legal} — ${edition.name}`,
        description: w.legal,
        canonical: `${urls.base}/mentions-legales`,
        main: editionLegalView(edition),
        bodyClass: 'site-info-page',
        keys: [`edition:${edition.code}`],
      }),
    ),
  );
  editionListingRoutes(app, ctx);

  // The first addresses of the edition's feed and sitemaps (before feeds and sitemaps were the
  // site's own, http/site/distribution.ts): moved for good.
  for (const [old, moved] of [
    ['/rss.xml', '/feed.xml'],
    ['/sitemap-news.xml', '/sitemaps/news.xml'],
  ] as const)
    app.get(route(old), options, async (_request, reply) =>
      reply
        .header('Cache-Control', FRESH_CACHE)
        .redirect(`${urls.base}${moved}`, 301),
    );
}

/** The home pages of every edition, for each home's hreflang alternates (the default one is x-default). */
function homeAlternates(
  site: SiteDeps['site'],
  editions: Edition[],
): Alternate[] {
  const out: Alternate[] = editions.map((e) => ({
    hreflang: e.language,
    href:
      e.code === DEFAULT_EDITION ? `${site.url}/` : editionUrls(site, e).home,
  }));
  out.push({ hreflang: 'x-default', href: `${site.url}/` });
  return out;
}
