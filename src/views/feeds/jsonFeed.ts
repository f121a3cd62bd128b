import type { FeedModel } from '../../presenters/feed.ts';
import { xmlSafeText } from '../xml.ts';

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): `content_html` for full text, else `content_text`. */
export function renderJsonFeed(
  feed: FeedModel,
  formatDate: (d: Date) => string,
): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.urls.json,
    description: feed.description,
    icon: feed.logoUrl,
    language: feed.language,
    authors: [{ name: feed.siteName, url: feed.siteUrl }],
    ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
    items: feed.items.map((i) => ({
      id: i.guid,
      url: i.url,
      title: i.title,
      summary: i.summary,
      ...(i.contentHtml !== null
        ? { content_html: i.contentHtml }
        : { content_text: i.summary }),
      ...(i.image ? { image: i.image.url } : {}),
      date_published: formatDate(i.published),
      date_modified: formatDate(i.updated),
      authors: i.authors,
      tags: i.categories.map((c) => c.label),
    })),
  };
  // The same characters XML refuses have no place in a feed reader's text either.
  return JSON.stringify(doc, (_key, value: unknown) =>
    typeof value === 'string' ? xmlSafeText(value) : value,
  );
}
