import type { SiteConfig } from '../config.ts';
import { typesetText } from '../domain/frenchTypography.ts';
import { highlightText, snippet, escapeHtml } from '../search/highlight.ts';
import type { HighlightSet } from '../search/query.ts';
import { htmlToText } from '../search/text.ts';
import { presentTeaser, truncate, type ArticleTeaser } from './article.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

/** A search result: a teaser plus its title and an extract with the matched words marked. */
export interface SearchResultView extends ArticleTeaser {
  /** Escaped HTML with <mark> around matches: safe to insert as is. */
  titleHtml: string;
  /** Escaped HTML: the body's passage with the most matches, else the lead. */
  snippetHtml: string;
}

export function presentSearchResult(
  a: ArticleWithRelations,
  set: HighlightSet,
  site: SiteConfig,
): SearchResultView {
  const extract =
    snippet(htmlToText(a.bodyHtml), set) ??
    snippet(a.lead, set, 48) ??
    escapeHtml(truncate(a.lead, 240));
  return {
    ...presentTeaser(a, site),
    titleHtml: highlightText(typesetText(a.title), set),
    snippetHtml: extract,
  };
}

/** The API's view of a result: allowlisted fields, dates in ISO 8601 with the site's offset. */
export interface SearchResultJson {
  id: number;
  url: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  section: { name: string; url: string } | null;
  authors: { name: string; url: string }[];
  publishedAt: string;
  publishedLabel: string;
}

export function searchResultJson(
  r: SearchResultView,
  site: SiteConfig,
): SearchResultJson {
  return {
    id: r.id,
    url: site.url + r.url,
    title: r.title,
    titleHtml: r.titleHtml,
    snippetHtml: r.snippetHtml,
    section: r.section
      ? { name: r.section.name, url: site.url + r.section.url }
      : null,
    authors: r.authors.map((a) => ({ name: a.name, url: site.url + a.url })),
    publishedAt: r.published.iso,
    publishedLabel: r.published.label,
  };
}
