import type { SiteConfig } from '../config.ts';
import { typesetText } from '../domain/frenchTypography.ts';
import {
  dayKey,
  formatTime,
  isoWithOffset,
  relativeDayLabel,
} from '../domain/frenchDates.ts';
import { paths } from './urls.ts';
import type { SectionRef } from '../domain/articleRecord.ts';
import type { LiveState } from '../db/repos/liveBlogs.ts';

/**
 * A fil info line: what the page's fil info shows (`views/site/partials.ts` filInfo) and what
 * the live stream and its JSON snapshot send, so the client renders the same markup as the
 * server from the same fields, nothing more.
 */
export interface FilInfoLine {
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
  /** A live blog's state (« En direct », « Terminé »), null for any other article. */
  live: LiveState | null;
}

export interface FilInfoLineSource {
  id: number;
  slug: string;
  title: string;
  breaking: boolean;
  publishedAt: Date | null;
  createdAt?: Date;
  section: SectionRef | null;
}

export function presentFilInfoLine(
  a: FilInfoLineSource,
  site: SiteConfig,
  live: LiveState | null = null,
): FilInfoLine {
  const at = a.publishedAt ?? a.createdAt ?? new Date(0);
  return {
    id: a.id,
    url: paths.article(a.slug),
    title: typesetText(a.title),
    time: formatTime(at, site.timeZone),
    iso: isoWithOffset(at, site.timeZone),
    day: dayKey(at, site.timeZone),
    section: a.section
      ? {
          slug: a.section.slug,
          name: a.section.name,
          url: paths.section(a.section.slug),
        }
      : null,
    breaking: a.breaking,
    live,
  };
}

/** The label a live blog's state has everywhere on the site. */
export const LIVE_STATE_LABELS: Record<LiveState, string> = {
  live: 'En direct',
  ended: 'Terminé',
};

/** One day of the fil info: « Aujourd’hui », « Hier », or a date. */
export interface FilInfoDay {
  label: string;
  key: string;
  items: FilInfoLine[];
}

/** The fil info grouped by calendar day in the site's time zone, labelled for readers. */
export function groupFilInfo(
  items: readonly FilInfoLineSource[],
  now: Date,
  site: SiteConfig,
  liveStates: ReadonlyMap<number, LiveState> = new Map(),
): FilInfoDay[] {
  const days: FilInfoDay[] = [];
  for (const a of items) {
    const line = presentFilInfoLine(a, site, liveStates.get(a.id) ?? null);
    let day = days.at(-1);
    if (!day || day.key !== line.day) {
      day = {
        key: line.day,
        label: relativeDayLabel(
          a.publishedAt ?? a.createdAt ?? new Date(0),
          now,
          site.timeZone,
        ),
        items: [],
      };
      days.push(day);
    }
    day.items.push(line);
  }
  return days;
}
