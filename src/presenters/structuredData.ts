import type { SiteConfig } from '../config.ts';
import { typesetText } from '../domain/frenchTypography.ts';
import { isoWithOffset } from '../domain/frenchDates.ts';
import { paths } from './urls.ts';
import { absoluteUrl } from './distributionUrls.ts';
import type { SizedImage, SocialImage } from './socialCard.ts';
import type { ArticleWithRelations } from '../domain/articleRecord.ts';

/** schema.org JSON-LD, as plain objects; the view serialises them safely. */
export type JsonLd = Record<string, unknown>;

export interface Crumb {
  name: string;
  path: string;
}

const organizationId = (site: SiteConfig) => `${site.url}/#organization`;
const websiteId = (site: SiteConfig) => `${site.url}/#website`;

function logoObject(site: SiteConfig, logo: SizedImage): JsonLd {
  return {
    '@type': 'ImageObject',
    url: absoluteUrl(site, logo.path),
    width: logo.width,
    height: logo.height,
  };
}

/** The newspaper as a NewsMediaOrganization (a kind of Organization), with its logo and social profiles. */
export function organizationLd(site: SiteConfig, logo: SizedImage): JsonLd {
  const sameAs = site.follow.map((f) => f.url).filter(isProfileUrl);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsMediaOrganization',
    '@id': organizationId(site),
    name: site.name,
    url: `${site.url}/`,
    logo: logoObject(site, logo),
    ...(sameAs.length ? { sameAs } : {}),
  };
}

/**
 * A network's bare home page (the default follow links) is nobody's profile: only a link with a
 * path names the newspaper's own account.
 */
function isProfileUrl(url: string): boolean {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    return (
      segments.length > 0 &&
      !(segments.length === 1 && segments[0] === 'channel')
    );
  } catch {
    return false;
  }
}

/** The site, with the search box Google may show under its result (/recherche?q=…). */
export function websiteLd(site: SiteConfig): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': websiteId(site),
    url: `${site.url}/`,
    name: site.name,
    description: site.tagline,
    inLanguage: site.locale,
    publisher: { '@id': organizationId(site) },
    potentialAction: {
      '@type': 'SearchAction',
      target: {
        '@type': 'EntryPoint',
        urlTemplate: `${site.url}${paths.search()}?q={search_term_string}`,
      },
      'query-input': 'required name=search_term_string',
    },
  };
}

export function breadcrumbLd(site: SiteConfig, crumbs: Crumb[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: absoluteUrl(site, c.path),
    })),
  };
}

/**
 * A NewsArticle as Google reads it: every byline its own Person with the URL of their page (not
 * the first author plus "contributors"), dates with the site's offset, the first publication as
 * datePublished, the publisher with its logo.
 */
export function newsArticleLd(
  a: ArticleWithRelations,
  site: SiteConfig,
  images: { image: SocialImage; logo: SizedImage; ratios?: SocialImage[] },
): JsonLd {
  const url = absoluteUrl(site, paths.article(a.slug));
  const published = a.firstPublishedAt ?? a.publishedAt ?? a.createdAt;
  const modified = [a.modifiedAt, a.publishedAt]
    .filter((d): d is Date => d !== null)
    // biome-ignore lint/complexity/useMathMinMax: these are Dates, and Math.max would turn them into numbers
    .reduce((m, d) => (d > m ? d : m), published);
  const authors = a.authors.length
    ? a.authors.map((p) => ({
        '@type': 'Person',
        name: p.name,
        url: absoluteUrl(site, paths.author(p.slug)),
      }))
    : [
        {
          '@type': 'Organization',
          '@id': organizationId(site),
          name: site.name,
          url: `${site.url}/`,
        },
      ];
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: typesetText(a.title),
    description: typesetText(a.seoDescription ?? a.lead),
    datePublished: isoWithOffset(published, site.timeZone),
    dateModified: isoWithOffset(modified, site.timeZone),
    author: authors,
    publisher: {
      '@type': 'NewsMediaOrganization',
      '@id': organizationId(site),
      name: site.name,
      logo: logoObject(site, images.logo),
    },
    image: (images.ratios?.length ? images.ratios : [images.image]).map(
      (i) => ({
        '@type': 'ImageObject',
        url: i.url,
        width: i.width,
        height: i.height,
      }),
    ),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    ...(a.section ? { articleSection: a.section.name } : {}),
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name) } : {}),
    inLanguage: a.language === site.lang ? site.locale : a.language,
    isAccessibleForFree: true,
  };
}
