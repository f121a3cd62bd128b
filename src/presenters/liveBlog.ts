import type { SiteConfig } from '../config.ts';
import { typesetHtml } from '../domain/frenchTypography.ts';
import type { LiveBlog, LiveEntry, Scoreboard } from '../db/repos/liveBlogs.ts';
import {
  formatFullDate,
  formatTime,
  isoWithOffset,
} from '../domain/frenchDates.ts';
import { markdownToText } from '../domain/markdown.ts';

export interface LiveEntryModel {
  id: number;
  time: string;
  fullTime: string;
  iso: string;
  author: string | null;
  keyMoment: boolean;
  bodyHtml: string;
  edited: boolean;
}
export interface LiveBlogModel {
  articleId: number;
  state: 'live' | 'ended';
  stateLabel: string;
  scoreboard: Scoreboard | null;
  keyMoments: { id: number; time: string; summary: string }[];
  entries: LiveEntryModel[];
  /** The page of older entries, when there are more than the page shows. */
  olderUrl: string | null;
}

export function presentLiveEntry(
  e: LiveEntry,
  site: SiteConfig,
): LiveEntryModel {
  return {
    id: e.id,
    time: formatTime(e.createdAt, site.timeZone),
    fullTime: formatFullDate(e.createdAt, site.timeZone),
    iso: isoWithOffset(e.createdAt, site.timeZone),
    author: e.authorName,
    keyMoment: e.keyMoment,
    bodyHtml: typesetHtml(e.bodyHtml),
    edited: e.updatedAt.getTime() - e.createdAt.getTime() > 1000,
  };
}

/** A key moment's line in the summary: its first sentence, at most 140 characters, as text. */
export function keyMomentSummary(e: LiveEntry): string {
  const text = markdownToText(e.bodySource).replace(/\s+/g, ' ').trim();
  const sentence = /^(.{20,}?[.!?…])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 140
    ? `${sentence.slice(0, 139).trimEnd()}…`
    : sentence;
}

export function presentLiveBlog(
  blog: LiveBlog,
  entries: LiveEntry[],
  keyMoments: LiveEntry[],
  site: SiteConfig,
  olderUrl: string | null,
): LiveBlogModel {
  return {
    articleId: blog.articleId,
    state: blog.state,
    stateLabel: blog.state === 'live' ? 'En direct' : 'Terminé',
    scoreboard: blog.scoreboard,
    keyMoments: keyMoments.map((k) => ({
      id: k.id,
      time: formatTime(k.createdAt, site.timeZone),
      summary: keyMomentSummary(k),
    })),
    entries: entries.map((e) => presentLiveEntry(e, site)),
    olderUrl,
  };
}
