import type { SiteConfig } from '../config.ts';
import { typesetHtml, typesetText } from '../domain/frenchTypography.ts';
import {
  formatFullDate,
  formatTime,
  isoWithOffset,
} from '../domain/frenchDates.ts';
import { paths } from './urls.ts';
import { presentPicture, type PictureView } from './picture.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

export interface LinkView {
  name: string;
  url: string;
}
export interface TimeView {
  iso: string;
  label: string;
  time: string;
}

/** What a teaser (home blocks, listings, related) shows: no body. Open to more fields (a picture). */
export interface ArticleTeaser {
  id: number;
  url: string;
  title: string;
  lead: string;
  section: LinkView | null;
  authors: LinkView[];
  published: TimeView;
  breaking: boolean;
  cover: { url: string; alt: string } | null;
  /** The cover from the library, cropped 16:9 (leads, the article) and 4:3 (thumbnails). */
  pictures: { wide: PictureView; card: PictureView } | null;
}

export interface ArticlePage extends ArticleTeaser {
  absoluteUrl: string;
  bodyHtml: string;
  tags: LinkView[];
  updated: TimeView | null;
  correctionNote: string | null;
  cover: {
    url: string;
    alt: string;
    caption: string | null;
    credit: string | null;
  } | null;
  description: string;
  seoTitle: string;
}

function timeView(date: Date, site: SiteConfig): TimeView {
  return {
    iso: isoWithOffset(date, site.timeZone),
    label: formatFullDate(date, site.timeZone),
    time: formatTime(date, site.timeZone),
  };
}

export function presentTeaser(
  a: ArticleWithRelations,
  site: SiteConfig,
): ArticleTeaser {
  return {
    id: a.id,
    url: paths.article(a.slug),
    title: typesetText(a.title),
    lead: typesetText(a.lead),
    section: a.section
      ? { name: a.section.name, url: paths.section(a.section.slug) }
      : null,
    authors: a.authors.map((p) => ({
      name: p.name,
      url: paths.author(p.slug),
    })),
    published: timeView(a.publishedAt ?? a.createdAt, site),
    breaking: a.breaking,
    cover: a.cover ? { url: a.cover.url, alt: a.cover.alt } : null,
    pictures: a.coverPicture
      ? {
          wide: presentPicture(a.coverPicture, '16:9', {
            alt: a.cover?.alt ?? '',
            fallbackWidth: 960,
          }),
          card: presentPicture(a.coverPicture, '4:3', {
            alt: a.cover?.alt ?? '',
            fallbackWidth: 640,
          }),
        }
      : null,
  };
}

/** An edit counts as an update for readers only when it came a while after publication. */
const UPDATE_THRESHOLD_MS = 5 * 60_000;

export function presentArticle(
  a: ArticleWithRelations,
  site: SiteConfig,
): ArticlePage {
  const teaser = presentTeaser(a, site);
  const published = a.publishedAt ?? a.createdAt;
  const updated =
    a.modifiedAt &&
    a.modifiedAt.getTime() - published.getTime() > UPDATE_THRESHOLD_MS
      ? timeView(a.modifiedAt, site)
      : null;
  return {
    ...teaser,
    absoluteUrl: site.url + teaser.url,
    bodyHtml: typesetHtml(a.bodyHtml),
    tags: a.tags.map((t) => ({ name: t.name, url: paths.tag(t.slug) })),
    updated,
    correctionNote: a.correctionNote && typesetText(a.correctionNote),
    cover: a.cover && {
      ...a.cover,
      caption: a.cover.caption && typesetText(a.cover.caption),
    },
    description: typesetText(a.seoDescription ?? truncate(a.lead, 200)),
    seoTitle: typesetText(a.seoTitle ?? a.title),
  };
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
