import type { FeedModel } from '../../presenters/feed.ts';
import { XML_DECLARATION, xml } from '../xml.ts';

/**
 * RSS 2.0 with the usual extensions: content:encoded for the body, dc:creator for each author
 * (RSS's own <author> wants an e-mail address), media:content and an enclosure for the cover,
 * atom:link for self and the WebSub hub. Dates in RFC 822, as RSS requires.
 */
export function renderRss(feed: FeedModel): string {
  const items = feed.items.map(
    (i) => xml`
<item>
<title>${i.title}</title>
<link>${i.url}</link>
<guid isPermaLink="false">${i.guid}</guid>
<pubDate>${i.published.toUTCString()}</pubDate>
<description>${i.summary}</description>
${i.contentHtml !== null ? xml`<content:encoded>${i.contentHtml}</content:encoded>\n` : null}${i.authors.map((a) => xml`<dc:creator>${a.name}</dc:creator>\n`)}${i.categories.map((c) => xml`<category domain="${c.scheme}">${c.label}</category>\n`)}${
  i.image
    ? xml`<enclosure url="${i.image.url}" type="${i.image.type}" length="${String(i.image.length ?? 0)}"/>
<media:content url="${i.image.url}" type="${i.image.type}" medium="image"${i.image.width ? xml` width="${String(i.image.width)}" height="${String(i.image.height)}"` : null}${i.image.length ? xml` fileSize="${String(i.image.length)}"` : null}>${i.image.alt ? xml`<media:description type="plain">${i.image.alt}</media:description>` : null}</media:content>\n`
    : null
}</item>`,
  );
  return (
    XML_DECLARATION +
    xml`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>${feed.title}</title>
<link>${feed.pageUrl}</link>
<description>${feed.description}</description>
<language>${feed.language}</language>
${feed.updated ? xml`<lastBuildDate>${feed.updated.toUTCString()}</lastBuildDate>\n` : null}<generator>newsdesk</generator>
<atom:link href="${feed.urls.rss}" rel="self" type="application/rss+xml"/>
${feed.hub ? xml`<atom:link href="${feed.hub}" rel="hub"/>\n` : null}<image>
<url>${feed.logoUrl}</url>
<title>${feed.title}</title>
<link>${feed.pageUrl}</link>
</image>${items}
</channel>
</rss>
`.value
  );
}
