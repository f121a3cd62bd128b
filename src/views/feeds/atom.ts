import type { FeedModel } from '../../presenters/feed.ts';
import { XML_DECLARATION, xml } from '../xml.ts';

/** Atom 1.0 (RFC 4287): dates in RFC 3339 with the site's offset, one <author> per byline. */
export function renderAtom(
  feed: FeedModel,
  formatDate: (d: Date) => string,
): string {
  const entries = feed.items.map(
    (i) => xml`
<entry>
<id>${i.guid}</id>
<title>${i.title}</title>
<link rel="alternate" type="text/html" href="${i.url}"/>
<published>${formatDate(i.published)}</published>
<updated>${formatDate(i.updated)}</updated>
${i.authors.map((a) => xml`<author><name>${a.name}</name><uri>${a.url}</uri></author>\n`)}${i.categories.map((c) => xml`<category term="${c.term}" label="${c.label}" scheme="${c.scheme}"/>\n`)}<summary>${i.summary}</summary>
${i.contentHtml !== null ? xml`<content type="html">${i.contentHtml}</content>\n` : null}${i.image ? xml`<link rel="enclosure" type="${i.image.type}" href="${i.image.url}"${i.image.length ? xml` length="${String(i.image.length)}"` : null}/>\n` : null}</entry>`,
  );
  return (
    XML_DECLARATION +
    xml`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">
<id>${feed.id}</id>
<title>${feed.title}</title>
<subtitle>${feed.description}</subtitle>
<link rel="alternate" type="text/html" href="${feed.pageUrl}"/>
<link rel="self" type="application/atom+xml" href="${feed.urls.atom}"/>
${feed.hub ? xml`<link rel="hub" href="${feed.hub}"/>\n` : null}<updated>${formatDate(feed.updated ?? new Date(0))}</updated>
<author><name>${feed.siteName}</name><uri>${feed.siteUrl}</uri></author>
<generator>newsdesk</generator>
<logo>${feed.logoUrl}</logo>${entries}
</feed>
`.value
  );
}
