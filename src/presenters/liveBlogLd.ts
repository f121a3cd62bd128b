import type { SiteConfig } from '../config.ts';
import { typesetText } from '../domain/frenchTypography.ts';
import type { LiveBlog, LiveEntry } from '../db/repos/liveBlogs.ts';
import { isoWithOffset } from '../domain/frenchDates.ts';
import { markdownToText } from '../domain/markdown.ts';
import { absoluteUrl } from './distributionUrls.ts';
import { paths } from './urls.ts';
import type { JsonLd } from './structuredData.ts';

/**
 * LiveBlogPosting, as Google reads it for the « EN DIRECT » badge: coverage start and end
 * (absent while live), and each entry shown on the page as a BlogPosting with its time, text
 * and author.
 */
export function liveBlogPostingLd(
  article: { title: string; slug: string },
  blog: LiveBlog,
  entries: LiveEntry[],
  site: SiteConfig,
): JsonLd {
  const url = absoluteUrl(site, paths.article(article.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    '@id': `${url}#direct`,
    headline: typesetText(article.title),
    url,
    coverageStartTime: isoWithOffset(blog.startedAt, site.timeZone),
    ...(blog.endedAt
      ? { coverageEndTime: isoWithOffset(blog.endedAt, site.timeZone) }
      : {}),
    liveBlogUpdate: entries.map((e) => {
      const text = markdownToText(e.bodySource);
      return {
        '@type': 'BlogPosting',
        '@id': `${url}#entree-${e.id}`,
        headline: text.length > 110 ? `${text.slice(0, 109).trimEnd()}…` : text,
        articleBody: text,
        datePublished: isoWithOffset(e.createdAt, site.timeZone),
        ...(e.updatedAt.getTime() - e.createdAt.getTime() > 1000
          ? { dateModified: isoWithOffset(e.updatedAt, site.timeZone) }
          : {}),
        url: `${url}#entree-${e.id}`,
        author: e.authorName
          ? { '@type': 'Person', name: e.authorName }
          : { '@type': 'Organization', name: site.name },
      };
    }),
  };
}
