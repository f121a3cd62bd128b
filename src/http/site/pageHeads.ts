import type { ListingModel } from '../../views/site/listing.ts';
import type { SiteConfig } from '../../config.ts';
import {
  articleCard,
  coverRatios,
  pageCard,
  socialImage,
} from '../../presenters/socialCard.ts';
import {
  breadcrumbLd,
  newsArticleLd,
  organizationLd,
  websiteLd,
  type Crumb,
} from '../../presenters/structuredData.ts';
import { paths } from '../../presenters/urls.ts';
import {
  feedLinks,
  jsonLdScripts,
  socialMetaTags,
} from '../../views/site/head.ts';
import { brandImages } from './brandAssets.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

/*
 * What each kind of page adds to <head> beyond the layout's title, description, canonical link
 * and site feeds: social cards, structured data, its own feeds. Routes pass the result as
 * `head`, already rendered.
 */

/** Home: Organization and WebSite (with the search action), a website card. */
export function homeHead(site: SiteConfig): string {
  const brand = brandImages();
  return [
    socialMetaTags(
      pageCard(
        site,
        { title: site.name, description: site.tagline, path: paths.home() },
        socialImage(site, null, brand.shareImage),
      ),
    ),
    jsonLdScripts([organizationLd(site, brand.logo), websiteLd(site)]),
  ].join('\n');
}

/** Article: an article card and NewsArticle with BreadcrumbList. */
export function articleHead(
  a: ArticleWithRelations,
  site: SiteConfig,
  description: string,
): string {
  const brand = brandImages();
  const image = socialImage(site, a.cover, brand.shareImage, a.coverPicture);
  const ratios = a.coverPicture
    ? coverRatios(site, a.coverPicture, a.cover?.alt ?? '')
    : undefined;
  const crumbs: Crumb[] = [{ name: 'Accueil', path: paths.home() }];
  if (a.section)
    crumbs.push({ name: a.section.name, path: paths.section(a.section.slug) });
  crumbs.push({ name: a.title, path: paths.article(a.slug) });
  return [
    socialMetaTags(articleCard(a, site, image, description)),
    jsonLdScripts([
      newsArticleLd(a, site, {
        image,
        logo: brand.logo,
        ...(ratios ? { ratios } : {}),
      }),
      breadcrumbLd(site, crumbs),
    ]),
  ].join('\n');
}

/** Section, tag and author pages: their own feeds, a website card; sections get a BreadcrumbList. */
export function listingHead(
  site: SiteConfig,
  listing: {
    kind: ListingModel['kind'];
    title: string;
    description: string;
    basePath: string;
    canonicalPath: string;
  },
): string {
  const brand = brandImages();
  const parts = [
    feedLinks(site, listing.basePath, `${listing.title} — ${site.name}`),
    socialMetaTags(
      pageCard(
        site,
        {
          title: listing.title,
          description: listing.description,
          path: listing.canonicalPath,
        },
        socialImage(site, null, brand.shareImage),
      ),
    ),
  ];
  if (listing.kind === 'Rubrique') {
    parts.push(
      jsonLdScripts([
        breadcrumbLd(site, [
          { name: 'Accueil', path: paths.home() },
          { name: listing.title, path: listing.basePath },
        ]),
      ]),
    );
  }
  return parts.join('\n');
}
