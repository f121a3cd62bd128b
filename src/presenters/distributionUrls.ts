import type { SiteConfig } from '../config.ts';

/** The three feed formats, each at `<scope>/feed.<ext>`: `/feed.xml`, `/rubrique/sport/feed.atom`… */
export const FEED_FORMATS = {
  rss: { extension: 'xml', type: 'application/rss+xml', label: 'RSS' },
  atom: { extension: 'atom', type: 'application/atom+xml', label: 'Atom' },
  json: {
    extension: 'json',
    type: 'application/feed+json',
    label: 'JSON Feed',
  },
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

/** Feed path for a listing's base path ('' or '/' for the whole site). */
export function feedPath(basePath: string, format: FeedFormat): string {
  const base = basePath === '/' ? '' : basePath;
  return `${base}/feed.${FEED_FORMATS[format].extension}`;
}

export const sitemapPaths = {
  index: () => '/sitemap.xml',
  month: (key: string, page = 1) =>
    `/sitemaps/articles-${key}${page > 1 ? `-${page}` : ''}.xml`,
  sections: () => '/sitemaps/sections.xml',
  tags: () => '/sitemaps/tags.xml',
  authors: () => '/sitemaps/authors.xml',
  news: () => '/sitemaps/news.xml',
};

/** An absolute URL on this site for a path, or the URL itself when it already is absolute (http/https). */
export function absoluteUrl(site: SiteConfig, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return site.url + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl;
}

/** A stored picture URL fit for feeds and metadata: http(s) or a site path; anything else is dropped. */
export function publicImageUrl(
  site: SiteConfig,
  url: string | null | undefined,
): string | null {
  if (!url) return null;
  if (
    /^https?:\/\//i.test(url) ||
    (url.startsWith('/') && !url.startsWith('//'))
  )
    return absoluteUrl(site, url);
  return null;
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The picture's media type from its extension; JPEG when it cannot be told (the usual case for photos). */
export function imageType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return (ext && IMAGE_TYPES[ext]) || 'image/jpeg';
}
