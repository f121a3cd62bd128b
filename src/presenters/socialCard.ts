import type { SiteConfig } from '../config.ts';
import { typesetText } from '../domain/frenchTypography.ts';
import { isoWithOffset } from '../domain/frenchDates.ts';
import { paths } from './urls.ts';
import { absoluteUrl, imageType, publicImageUrl } from './distributionUrls.ts';
import type { MediaRecord } from '../domain/pictures.ts';
import { RATIOS } from '../domain/pictures.ts';
import { sizedRendition } from './picture.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

/** A picture with the size crawlers and social networks want to be told. */
export interface SizedImage {
  path: string;
  width: number;
  height: number;
}

export interface SocialImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  type: string;
}

/**
 * Covers are cropped to 1200×675 (16:9) by the newsroom, as the article page's <img> already
 * assumes; articles do not store a size. Networks use these numbers only to lay out the card
 * before the picture loads.
 */
export const COVER_SIZE = { width: 1200, height: 675 };

/** Open Graph and Twitter card for a page (property → content pairs, in order). */
export interface SocialCard {
  og: [string, string][];
  twitter: [string, string][];
}

/**
 * The article's cover, else the site's default card picture. A library cover gives its 16:9
 * crop at 1200 px with its real dimensions; an external URL is assumed to be 1200×675.
 */
export function socialImage(
  site: SiteConfig,
  cover: ArticleWithRelations['cover'] | null,
  fallback: SizedImage,
  picture?: MediaRecord | null,
): SocialImage {
  if (picture && cover) {
    const r = sizedRendition(site.url, picture, '16:9', 1200);
    return {
      url: r.url,
      width: r.width,
      height: r.height,
      alt: cover.alt,
      type: r.type,
    };
  }
  const coverUrl = publicImageUrl(site, cover?.url);
  if (coverUrl && cover)
    return {
      url: coverUrl,
      ...COVER_SIZE,
      alt: cover.alt,
      type: imageType(coverUrl),
    };
  return {
    url: absoluteUrl(site, fallback.path),
    width: fallback.width,
    height: fallback.height,
    alt: site.name,
    type: 'image/png',
  };
}

/** `@journal` from a follow link such as https://x.com/journal; null for the network's bare home page. */
export function xHandle(site: SiteConfig): string | null {
  const x = site.follow.find((f) => f.network === 'x');
  const handle = x
    ? new URL(x.url).pathname.split('/').filter(Boolean)[0]
    : undefined;
  return handle && /^\w{1,30}$/.test(handle) ? `@${handle}` : null;
}

function card(
  site: SiteConfig,
  base: {
    type: string;
    title: string;
    description: string;
    url: string;
    image: SocialImage;
  },
  extra: [string, string][],
): SocialCard {
  const handle = xHandle(site);
  return {
    og: [
      ['og:type', base.type],
      ['og:site_name', site.name],
      ['og:locale', site.locale.replace('-', '_')],
      ['og:title', base.title],
      ['og:description', base.description],
      ['og:url', base.url],
      ['og:image', base.image.url],
      ['og:image:type', base.image.type],
      ['og:image:width', String(base.image.width)],
      ['og:image:height', String(base.image.height)],
      ['og:image:alt', base.image.alt],
      ...extra,
    ],
    twitter: [
      ['twitter:card', 'summary_large_image'],
      ...(handle ? [['twitter:site', handle] as [string, string]] : []),
      ['twitter:title', base.title],
      ['twitter:description', base.description],
      ['twitter:image', base.image.url],
      ['twitter:image:alt', base.image.alt],
    ],
  };
}

/** og:type article, with its times, section, tags and authors' pages. */
export function articleCard(
  a: ArticleWithRelations,
  site: SiteConfig,
  image: SocialImage,
  description: string,
): SocialCard {
  const published = a.firstPublishedAt ?? a.publishedAt ?? a.createdAt;
  const modified =
    a.modifiedAt && a.modifiedAt > published
      ? a.modifiedAt
      : (a.publishedAt ?? published);
  return card(
    site,
    {
      type: 'article',
      title: typesetText(a.seoTitle ?? a.title),
      description: typesetText(description),
      url: absoluteUrl(site, paths.article(a.slug)),
      image,
    },
    [
      ['article:published_time', isoWithOffset(published, site.timeZone)],
      ['article:modified_time', isoWithOffset(modified, site.timeZone)],
      ...(a.section
        ? [['article:section', a.section.name] as [string, string]]
        : []),
      ...a.tags.map((t): [string, string] => ['article:tag', t.name]),
      ...a.authors.map((p): [string, string] => [
        'article:author',
        absoluteUrl(site, paths.author(p.slug)),
      ]),
    ],
  );
}

/** og:type website, for the home page and listings. */
export function pageCard(
  site: SiteConfig,
  page: { title: string; description: string; path: string },
  image: SocialImage,
): SocialCard {
  return card(
    site,
    {
      type: 'website',
      title: page.title,
      description: page.description,
      url: absoluteUrl(site, page.path),
      image,
    },
    [],
  );
}

/** The three crops (16:9, 4:3, 1:1), each 1200 px wide, for JSON-LD: Google picks the one its layout needs. */
export function coverRatios(
  site: SiteConfig,
  picture: MediaRecord,
  alt: string,
): SocialImage[] {
  return RATIOS.map((ratio) => ({
    ...sizedRendition(site.url, picture, ratio, 1200),
    alt,
  }));
}
