import type { SiteConfig } from '../config.ts';
import { typesetHtml, typesetText } from '../domain/frenchTypography.ts';
import { paths } from './urls.ts';
import {
  absoluteUrl,
  feedPath,
  imageType,
  publicImageUrl,
  type FeedFormat,
} from './distributionUrls.ts';
import { sizedRendition } from './picture.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

export interface FeedPerson {
  name: string;
  url: string;
}

/** One article as every feed format shows it; only these fields leave the building. */
export interface FeedItem {
  /** Never changes, whatever happens to the title or the slug (see `articleGuid`). */
  guid: string;
  url: string;
  title: string;
  summary: string;
  /** The sanitised body, or null for summary-only feeds. */
  contentHtml: string | null;
  authors: FeedPerson[];
  categories: { term: string; label: string; scheme: string }[];
  published: Date;
  updated: Date;
  /** The cover; a library picture's 16:9 crop at 1200 px has its real size (bytes filled in by the feed route). */
  image: {
    url: string;
    type: string;
    alt: string;
    width?: number;
    height?: number;
    length?: number;
  } | null;
}

/** A feed: the site's, or one section's, tag's or author's. */
export interface FeedModel {
  /** A permanent id for Atom, from the scope's path. */
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  pageUrl: string;
  /** The feed's own URL in each format (rel=self, autodiscovery). */
  urls: Record<FeedFormat, string>;
  language: string;
  /** Newest change among the items; null for an empty feed. */
  updated: Date | null;
  hub: string | null;
  logoUrl: string;
  siteName: string;
  siteUrl: string;
  items: FeedItem[];
}

/**
 * `tag:journal.example,2026-11-28:article:123`: a tag URI (RFC 4151) from the site's host, the
 * day of first publication and the article id, none of which an edit can change. Feed readers
 * use it to recognise an article they already have, so an update is not shown as a new story.
 */
export function articleGuid(
  site: SiteConfig,
  article: { id: number; firstPublishedAt: Date | null; createdAt: Date },
): string {
  const host = new URL(site.url).hostname;
  const day = (article.firstPublishedAt ?? article.createdAt)
    .toISOString()
    .slice(0, 10);
  return `tag:${host},${day}:article:${article.id}`;
}

/** Feeds carry the 16:9 cover at the width social networks and aggregators want. */
export const FEED_IMAGE_WIDTH = 1200;

/**
 * `edition`: an edition other than the default one (issue #20): its pages live under `base`
 * (pictures stay at the site's root), and French typography is the French edition's only.
 */
export interface FeedEdition {
  base: string;
  language: string;
  name: string;
}

export function presentFeedItem(
  a: ArticleWithRelations,
  site: SiteConfig,
  fullText: boolean,
  edition?: FeedEdition,
): FeedItem {
  const published = a.firstPublishedAt ?? a.publishedAt ?? a.createdAt;
  const lastChange = a.modifiedAt ?? a.publishedAt ?? published;
  const image = publicImageUrl(site, a.cover?.url);
  const page = (path: string) =>
    edition ? edition.base + path : absoluteUrl(site, path);
  const text = edition ? (s: string) => s : typesetText;
  const body = edition ? (s: string) => s : typesetHtml;
  return {
    guid: articleGuid(site, a),
    url: page(paths.article(a.slug)),
    title: text(a.title),
    summary: text(a.lead),
    contentHtml: fullText ? body(a.bodyHtml) : null,
    authors: a.authors.map((p) => ({
      name: p.name,
      url: page(paths.author(p.slug)),
    })),
    categories: [
      ...(a.section
        ? [
            {
              term: a.section.slug,
              label: a.section.name,
              scheme: page('/rubrique/'),
            },
          ]
        : []),
      ...a.tags.map((t) => ({
        term: t.slug,
        label: t.name,
        scheme: page('/sujet/'),
      })),
    ],
    published,
    updated:
      lastChange.getTime() > published.getTime() ? lastChange : published,
    image:
      a.coverPicture && a.cover
        ? {
            ...sizedRendition(
              site.url,
              a.coverPicture,
              '16:9',
              FEED_IMAGE_WIDTH,
            ),
            alt: a.cover.alt,
          }
        : image
          ? { url: image, type: imageType(image), alt: a.cover?.alt ?? '' }
          : null,
  };
}

/** Any date the site's owner held its domain will do in a tag URI; this one is newsdesk's first. */
const FEED_ID_DATE = '2026';

export interface FeedScopeView {
  basePath: string;
  title: string;
  description: string;
}

/** The feed around its items: titles, links in every format, the hub, the newest change. */
export function presentFeed(
  scope: FeedScopeView,
  items: FeedItem[],
  site: SiteConfig,
  extras: { hub: string | null; logoPath: string; edition?: FeedEdition },
): FeedModel {
  const isSite = scope.basePath === '/' || scope.basePath === '';
  const newest = items.reduce<Date | null>(
    (max, i) => (max === null || i.updated > max ? i.updated : max),
    null,
  );
  const { edition } = extras;
  const page = (path: string) =>
    edition ? edition.base + path : absoluteUrl(site, path);
  const name = edition ? edition.name : site.name;
  // An edition's feeds have their own ids: the prefix (or host) is part of the scope.
  const idScope = `${edition ? new URL(edition.base).pathname.replace(/\/$/, '') : ''}${isSite ? '/' : scope.basePath}`;
  return {
    id: `tag:${new URL(edition?.base ?? site.url).hostname},${FEED_ID_DATE}:feed:${idScope}`,
    title: isSite ? name : `${scope.title} — ${name}`,
    description: scope.description || (edition ? edition.name : site.tagline),
    pageUrl: page(isSite ? '/' : scope.basePath),
    urls: {
      rss: page(feedPath(scope.basePath, 'rss')),
      atom: page(feedPath(scope.basePath, 'atom')),
      json: page(feedPath(scope.basePath, 'json')),
    },
    language: edition ? edition.language : site.lang,
    updated: newest,
    hub: extras.hub,
    logoUrl: absoluteUrl(site, extras.logoPath),
    siteName: name,
    siteUrl: edition ? `${edition.base}/` : `${site.url}/`,
    items,
  };
}
