import type { SiteConfig } from '../config.ts';
import type { SitemapArticleRow } from '../db/repos/sitemaps.ts';
import { isoWithOffset } from '../domain/frenchDates.ts';
import { paths } from './urls.ts';
import { publicImageUrl } from './distributionUrls.ts';

/** One <url> of a sitemap: where, when it last changed (W3C datetime with the site's offset), its pictures. */
export interface SitemapUrl {
  loc: string;
  lastmod: string | null;
  images: string[];
  /** Every language version of the page, itself included, when it has translations (issue #20). */
  alternates?: { hreflang: string; href: string }[];
}

/** One <sitemap> of the index. */
export interface SitemapRef {
  loc: string;
  lastmod: string | null;
}

/** One <url> of the Google News sitemap. */
export interface NewsUrl {
  loc: string;
  publicationDate: string;
  title: string;
}

export interface NewsPublication {
  name: string;
  language: string;
}

/** The last change readers can see: the last update, else the (latest) publication. */
export function lastChange(
  row: Pick<SitemapArticleRow, 'publishedAt' | 'modifiedAt'>,
): Date {
  return row.modifiedAt && row.modifiedAt > row.publishedAt
    ? row.modifiedAt
    : row.publishedAt;
}

/** `base`: where the pages live, the site's root or an edition's base (issue #20); pictures stay at the root. */
export function presentArticleUrl(
  row: SitemapArticleRow,
  site: SiteConfig,
  base: string = site.url,
): SitemapUrl {
  const image = publicImageUrl(site, row.coverUrl);
  return {
    loc: base + paths.article(row.slug),
    lastmod: isoWithOffset(lastChange(row), site.timeZone),
    images: image ? [image] : [],
  };
}

/** Google News wants the first publication, never the last update: a correction is not news. */
export function presentNewsUrl(
  row: SitemapArticleRow,
  site: SiteConfig,
  base: string = site.url,
): NewsUrl {
  return {
    loc: base + paths.article(row.slug),
    publicationDate: isoWithOffset(row.firstPublishedAt, site.timeZone),
    title: row.title,
  };
}

/** Publication name and language as Google News reads them: `fr`, not `fr-MA` (zh-cn and zh-tw excepted). */
export function newsPublication(site: SiteConfig): NewsPublication {
  const lang = site.lang.toLowerCase();
  return {
    name: site.name,
    language: lang === 'zh-cn' || lang === 'zh-tw' ? lang : lang.split('-')[0]!,
  };
}

export function presentPageUrl(
  site: SiteConfig,
  path: string,
  latest: Date | null,
  base: string = site.url,
): SitemapUrl {
  return {
    loc: base + path,
    lastmod: latest ? isoWithOffset(latest, site.timeZone) : null,
    images: [],
  };
}

export function presentSitemapRef(
  site: SiteConfig,
  path: string,
  lastModified: Date | null,
  base: string = site.url,
): SitemapRef {
  return {
    loc: base + path,
    lastmod: lastModified ? isoWithOffset(lastModified, site.timeZone) : null,
  };
}
