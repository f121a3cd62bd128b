import { XML_DECLARATION, escapeXml } from '../xml.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface AlternateUrl {
  loc: string;
  lastmod: string | null;
  /** Every language version, this one included (Google asks for the full set on each URL). */
  alternates: { hreflang: string; href: string }[];
}

/**
 * An edition's <urlset>, with `xhtml:link rel="alternate"` for the translations of each
 * article (Google's documented form for hreflang in sitemaps).
 */
export function renderEditionUrlset(urls: AlternateUrl[]): string {
  let out = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}">\n`;
  for (const u of urls) {
    out += `<url><loc>${escapeXml(u.loc)}</loc>`;
    if (u.lastmod) out += `<lastmod>${u.lastmod}</lastmod>`;
    for (const a of u.alternates)
      out += `<xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${escapeXml(a.href)}"/>`;
    out += '</url>\n';
  }
  return `${out}</urlset>\n`;
}
