/**
 * Every `Cache-Control` value the app sends, named by what it is for. One vocabulary, so two
 * kinds of response never drift apart by a typo, and a change of policy is one line.
 */

/** Pages, feeds, the news sitemap, search: as fresh as the news, served stale while refetching or if we are down. */
export const FRESH_CACHE =
  'public, max-age=60, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';
/** Sitemap index and listing sitemaps: crawlers read them every few hours at most. */
export const SLOW_CACHE =
  'public, max-age=600, s-maxage=600, stale-while-revalidate=3600, stale-if-error=86400';
/** A past month's sitemap changes only when one of its articles is corrected or withdrawn. */
export const SETTLED_CACHE =
  'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400, stale-if-error=604800';
/** robots.txt: read by crawlers now and then, changed by a deploy. */
export const HOURLY_CACHE = 'public, max-age=3600, s-maxage=3600';
/** The fil info's JSON snapshot: a few seconds behind the stream at most. */
export const SNAPSHOT_CACHE = 'public, max-age=10, s-maxage=10';
/** Content-hashed assets: a new version has a new URL. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** An event stream: never stored, never transformed (proxies must not buffer or compress it). */
export const STREAM_CACHE = 'no-cache, no-transform';
/** The favicon: its URL is fixed (browsers ask for /favicon.ico), so a week, not a year. */
export const WEEKLY_CACHE = 'public, max-age=604800';
/** Errors, health checks, anything that must not be kept. */
export const NO_STORE = 'no-store';
/** The back office and anything sent to a signed-in member (`middleware/privateResponses.ts`). */
export const PRIVATE_NO_STORE = 'private, no-store';
