import type { SiteConfig } from '../config.ts';
import type { SectionRef } from '../db/repos/articles.ts';
import { dayKey, formatTime, isoWithOffset } from '../domain/frenchDates.ts';
import { paths } from './urls.ts';

/**
 * A fil info line as the live stream and its JSON snapshot send it: what the client needs to
 * render the same markup as the server (`views/site/partials.ts` filInfo), nothing more.
 */
export interface LiveItem {
  id: number;
  url: string;
  title: string;
  /** « 12:03 », in the site's time zone. */
  time: string;
  /** ISO 8601 with the site's offset, for <time datetime>. */
  iso: string;
  /** The calendar day in the site's time zone (`2026-11-28`): which day list it goes in. */
  day: string;
  section: { slug: string; name: string; url: string } | null;
  breaking: boolean;
}

export interface LiveItemSource {
  id: number;
  slug: string;
  title: string;
  breaking: boolean;
  publishedAt: Date | null;
  createdAt?: Date;
  section: SectionRef | null;
}

export function presentLiveItem(a: LiveItemSource, site: SiteConfig): LiveItem {
  const at = a.publishedAt ?? a.createdAt ?? new Date(0);
  return {
    id: a.id,
    url: paths.article(a.slug),
    title: a.title,
    time: formatTime(at, site.timeZone),
    iso: isoWithOffset(at, site.timeZone),
    day: dayKey(at, site.timeZone),
    section: a.section ? { slug: a.section.slug, name: a.section.name, url: paths.section(a.section.slug) } : null,
    breaking: a.breaking,
  };
}
