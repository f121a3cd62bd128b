import type { SiteConfig } from '../config.ts';
import type { Queryable } from '../db/database.ts';
import {
  findLiveBlog,
  findLiveEntry,
  listLiveEntries,
  type LiveBlog,
  type LiveEntry,
} from '../db/repos/liveBlogs.ts';
import {
  presentLiveBlog,
  presentLiveEntry,
  type LiveBlogModel,
} from '../presenters/liveBlog.ts';
import { paths } from '../presenters/urls.ts';
import { liveEntryView, liveHeaderView } from '../views/site/liveBlog.ts';
import type { SseMessage } from './sse.ts';

/** Entries in the page's HTML; the stream adds new ones, older ones load on demand. */
export const LIVE_PAGE_SIZE = 20;
const KEY_MOMENTS_SHOWN = 30;

/** A live blog as its page shows it: the newest entries (or those before `beforeId`) and the key moments. */
export async function loadLiveBlog(
  db: Queryable,
  site: SiteConfig,
  article: { id: number; slug: string },
  blog: LiveBlog,
  beforeId?: number,
): Promise<{ model: LiveBlogModel; entries: LiveEntry[] }> {
  const [entries, keyMoments] = await Promise.all([
    listLiveEntries(db, article.id, {
      limit: LIVE_PAGE_SIZE + 1,
      ...(beforeId !== undefined ? { beforeId } : {}),
    }),
    listLiveEntries(db, article.id, {
      limit: KEY_MOMENTS_SHOWN,
      keyMomentsOnly: true,
    }),
  ]);
  const shown = entries.slice(0, LIVE_PAGE_SIZE);
  const olderUrl =
    entries.length > LIVE_PAGE_SIZE
      ? `${paths.article(article.slug)}/direct?avant=${shown.at(-1)!.id}`
      : null;
  return {
    model: presentLiveBlog(blog, shown, keyMoments, site, olderUrl),
    entries: shown,
  };
}

/**
 * The stream's message for a live blog event of a public article: the entry's markup (or its
 * removal) and the header (state, score, key moments), both rendered by the page's own views,
 * so what arrives is what a reload would show.
 */
export async function liveBlogMessage(
  db: Queryable,
  site: SiteConfig,
  event: {
    id: number;
    name: string;
    articleId: number;
    payload: Record<string, unknown>;
  },
  slug: string,
): Promise<SseMessage | null> {
  const blog = await findLiveBlog(db, event.articleId);
  if (!blog) return null;
  const { model } = await loadLiveBlog(
    db,
    site,
    { id: event.articleId, slug },
    blog,
  );
  const header = liveHeaderView(model);
  if (event.name !== 'articles.live_entry')
    return {
      id: event.id,
      event: 'live-state',
      data: { articleId: event.articleId, state: blog.state, header },
    };
  const entry = await findLiveEntry(db, Number(event.payload['entryId']));
  if (!entry) return null;
  return {
    id: event.id,
    event: 'live-entry',
    data: entry.deletedAt
      ? { articleId: event.articleId, entryId: entry.id, deleted: true, header }
      : {
          articleId: event.articleId,
          entryId: entry.id,
          html: liveEntryView(presentLiveEntry(entry, site)),
          header,
        },
  };
}
