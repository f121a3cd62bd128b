import type { SiteConfig } from '../config.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';
import { type Edition, DEFAULT_EDITION } from '../domain/editions.ts';
import {
  arabicRelativeDayLabel,
  formatArabicFullDate,
  formatArabicTime,
} from '../domain/arabicDates.ts';
import { dayKey, isoWithOffset } from '../domain/frenchDates.ts';
import { paths } from './urls.ts';

/**
 * URLs and view models of an edition other than the default one (issue #20). An edition lives
 * under its path prefix on the site's host (`https://journal.example/ar/…`), or at the root of
 * its own host (`https://ar.journal.example/…`) when it has one.
 */
export interface EditionUrls {
  /** Absolute base, without a trailing slash. */
  base: string;
  /** The path prefix routes are registered under ('' on its own host). */
  prefix: string;
  home: string;
  article(slug: string): string;
  section(slug: string): string;
  tag(slug: string): string;
  author(slug: string): string;
}

/** Read at each use: the site's URL may follow the address the server listens on (config.ts). */
export function editionUrls(site: SiteConfig, e: Edition): EditionUrls {
  const origin = () =>
    e.host ? `${new URL(site.url).protocol}//${e.host}` : site.url;
  const prefix = e.host ? '' : e.pathPrefix;
  return {
    get base() {
      return origin() + prefix;
    },
    prefix,
    get home() {
      return `${origin()}${prefix}/`;
    },
    article: (slug) => `${origin()}${prefix}${paths.article(slug)}`,
    section: (slug) => `${origin()}${prefix}${paths.section(slug)}`,
    tag: (slug) => `${origin()}${prefix}${paths.tag(slug)}`,
    author: (slug) => `${origin()}${prefix}${paths.author(slug)}`,
  };
}

/** The absolute URL of an article of any edition (the default one's under the site's root). */
export function articleUrlIn(
  site: SiteConfig,
  editions: readonly Edition[],
  code: string,
  slug: string,
): string | null {
  if (code === DEFAULT_EDITION) return site.url + paths.article(slug);
  const e = editions.find((x) => x.code === code);
  return e ? editionUrls(site, e).article(slug) : null;
}

export interface EditionTeaser {
  id: number;
  url: string;
  title: string;
  lead: string;
  section: string | null;
  /** The section's page in the edition. */
  sectionUrl: string | null;
  /** Bylines as written; a name in Latin script is isolated by the view (<bdi>). */
  authors: string[];
  iso: string;
  label: string;
  time: string;
  day: string;
  breaking: boolean;
}

export function presentEditionTeaser(
  a: ArticleWithRelations,
  site: SiteConfig,
  urls: EditionUrls,
): EditionTeaser {
  const date = a.publishedAt ?? a.createdAt;
  return {
    id: a.id,
    url: urls.article(a.slug),
    title: a.title,
    lead: a.lead,
    section: a.section?.name ?? null,
    sectionUrl: a.section ? urls.section(a.section.slug) : null,
    authors: a.authors.map((x) => x.name),
    iso: isoWithOffset(date, site.timeZone),
    label: formatArabicFullDate(date, site.timeZone),
    time: formatArabicTime(date, site.timeZone),
    day: dayKey(date, site.timeZone),
    breaking: a.breaking,
  };
}

export interface EditionFilDay {
  key: string;
  label: string;
  items: EditionTeaser[];
}

/** The fil info by day, « اليوم » first, as groupFilInfo does for the French edition. */
export function groupEditionFilInfo(
  items: EditionTeaser[],
  now: Date,
  site: SiteConfig,
): EditionFilDay[] {
  const days: EditionFilDay[] = [];
  for (const item of items) {
    let day = days.at(-1);
    if (!day || day.key !== item.day) {
      day = {
        key: item.day,
        label: arabicRelativeDayLabel(new Date(item.iso), now, site.timeZone),
        items: [],
      };
      days.push(day);
    }
    day.items.push(item);
  }
  return days;
}
