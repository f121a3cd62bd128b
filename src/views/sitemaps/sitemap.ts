import type {
  NewsPublication,
  NewsUrl,
  SitemapRef,
  SitemapUrl,
} from '../../presenters/sitemap.ts';
import { XML_DECLARATION, escapeXml, xml } from '../xml.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

/**
 * A <urlset> with the image extension. Built by plain concatenation: a monthly sitemap holds
 * thousands of entries, and this is the loop the benchmark measures.
 */
export function renderUrlset(urls: SitemapUrl[]): string {
  // The xhtml namespace only where a translation is listed: other sitemaps stay as they were.
  const xhtml = urls.some((u) => u.alternates?.length)
    ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    : '';
  let out = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}"${xhtml}>\n`;
  for (const u of urls) {
    out += `<url><loc>${escapeXml(u.loc)}</loc>`;
    if (u.lastmod) out += `<lastmod>${u.lastmod}</lastmod>`;
    for (const image of u.images)
      out += `<image:image><image:loc>${escapeXml(image)}</image:loc></image:image>`;
    if (u.alternates)
      for (const a of u.alternates)
        out += `<xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${escapeXml(a.href)}"/>`;
    out += '</url>\n';
  }
  return `${out}</urlset>\n`;
}

export function renderSitemapIndex(refs: SitemapRef[]): string {
  return (
    XML_DECLARATION +
    xml`<sitemapindex xmlns="${SITEMAP_NS}">
${refs.map((r) => xml`<sitemap><loc>${r.loc}</loc>${r.lastmod ? xml`<lastmod>${r.lastmod}</lastmod>` : null}</sitemap>\n`)}</sitemapindex>
`.value
  );
}

/**
 * The Google News sitemap. A <urlset> must hold at least one <url>, so when nothing was
 * published in the last 48 hours it lists the home page alone, without news tags: valid, and
 * ignored by Google News.
 */
export function renderNewsSitemap(
  urls: NewsUrl[],
  publication: NewsPublication,
  homeUrl: string,
): string {
  const body = urls.length
    ? urls.map(
        (u) =>
          xml`<url><loc>${u.loc}</loc><news:news><news:publication><news:name>${publication.name}</news:name><news:language>${publication.language}</news:language></news:publication><news:publication_date>${u.publicationDate}</news:publication_date><news:title>${u.title}</news:title></news:news></url>\n`,
      )
    : [xml`<url><loc>${homeUrl}</loc></url>\n`];
  return (
    XML_DECLARATION +
    xml`<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">
${body}</urlset>
`.value
  );
}

/** robots.txt: everything may be crawled; the sitemaps are listed for every crawler. */
export function renderRobots(sitemapUrls: string[]): string {
  return [
    'User-agent: *',
    'Allow: /',
    '',
    ...sitemapUrls.map((u) => `Sitemap: ${u}`),
    '',
  ].join('\n');
}
