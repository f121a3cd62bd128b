import { html } from '../html.ts';
import type { SiteConfig } from '../../config.ts';
import type { JsonLd } from '../../presenters/structuredData.ts';
import type { SocialCard } from '../../presenters/socialCard.ts';
import {
  absoluteUrl,
  FEED_FORMATS,
  feedPath,
  type FeedFormat,
} from '../../presenters/distributionUrls.ts';

/**
 * JSON for a <script> element. JSON.stringify alone is not enough: a headline containing
 * `</script>` or `<!--` would end the element early and let the rest run as markup. Escaping
 * `<`, `>` and `&` as \u003c… keeps the JSON identical for a parser and inert for the browser;
 * U+2028/2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function jsonLdScripts(items: JsonLd[]): string {
  // The serialised JSON is inert inside <script> (see serializeJsonLd), hence the raw insertion.
  return items
    .map(
      (d) =>
        `<script type="application/ld+json">${serializeJsonLd(d)}</script>`,
    )
    .join('\n');
}

/** Open Graph (property=…) and Twitter (name=…) meta tags. */
export function socialMetaTags(card: SocialCard): string {
  return [
    ...card.og.map(
      ([property, content]) =>
        html`<meta property="${property}" content="${content}">`,
    ),
    ...card.twitter.map(
      ([name, content]) => html`<meta name="${name}" content="${content}">`,
    ),
  ].join('\n');
}

/** <link rel="alternate"> to a listing's feeds in the three formats, for feed readers' autodiscovery. */
export function feedLinks(
  site: SiteConfig,
  basePath: string,
  title: string,
): string {
  return (Object.keys(FEED_FORMATS) as FeedFormat[])
    .map(
      (f) =>
        html`<link rel="alternate" type="${FEED_FORMATS[f].type}" title="${title} (${FEED_FORMATS[f].label})" href="${absoluteUrl(site, feedPath(basePath, f))}">`,
    )
    .join('\n');
}

/** The site-wide feeds, announced on every page. */
export function siteFeedLinks(site: SiteConfig): string {
  return feedLinks(site, '/', site.name);
}
