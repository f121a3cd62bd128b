import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  findAuthorBySlug,
  findPublicTagBySlug,
  findSectionBySlug,
} from '../../db/repos/taxonomy.ts';
import { truncate } from '../../presenters/article.ts';
import { presentEditionTeaser } from '../../presenters/edition.ts';
import { editionListingView } from '../../views/site/edition.ts';
import { AppError } from '../../errors.ts';
import { keptPageRoute } from './context.ts';
import type { EditionSite } from './editionRoutes.ts';
import { type Listing, listingOf, listingWindow } from './listingRoutes.ts';
import { parseListingPosition } from './pageQuery.ts';

const params = z.object({ slug: z.string().min(1).max(300) });

type Resolver = (
  site: EditionSite,
  slug: string,
) => Promise<(Listing & { mustList: boolean }) | null>;

/**
 * What each listing of an edition lists: its own sections only; tags and authors are shared by
 * the newsroom, so their page exists in an edition only while it lists one of its articles
 * (`mustList`), as a French tag page exists only while a public article carries the tag.
 */
const resolvers: Record<string, Resolver> = {
  '/rubrique/:slug': async ({ deps, edition, urls }, slug) => {
    const s = await findSectionBySlug(deps.db, slug, edition.code);
    return (
      s && { ...listingOf.section(s, urls, edition.code), mustList: false }
    );
  },
  '/sujet/:slug': async ({ deps, edition, urls }, slug) => {
    const t = await findPublicTagBySlug(deps.db, slug, deps.clock.now());
    return t && { ...listingOf.tag(t, urls, edition.code), mustList: true };
  },
  '/auteur/:slug': async ({ deps, edition, urls }, slug) => {
    const a = await findAuthorBySlug(deps.db, slug);
    return a && { ...listingOf.author(a, urls, edition.code), mustList: true };
  },
};

/**
 * An edition's section, tag and author pages (issue #20), under its prefix or on its host:
 * the French listings' window (numbered pages, then keyset pages past them: listingRoutes.ts),
 * the edition's frame, words and direction, kept in the page cache like every public page.
 */
export function editionListingRoutes(
  app: FastifyInstance,
  site: EditionSite,
): void {
  const { deps, edition, urls, words: w } = site;
  for (const [path, resolve] of Object.entries(resolvers)) {
    app.get(
      site.route(path),
      site.options,
      keptPageRoute(deps, async (request) => {
        const parsed = params.safeParse(request.params);
        if (!parsed.success) throw new AppError('not_found');
        const position = parseListingPosition(request.query);
        const listing = await resolve(site, parsed.data.slug);
        if (!listing) throw new AppError('not_found');
        const window = await listingWindow(
          deps,
          listing,
          position,
          deps.clock.now(),
        );
        if (listing.mustList && window.items.length === 0)
          throw new AppError('not_found');
        const heading =
          listing.kind === 'Auteur'
            ? w.articlesBy(listing.title)
            : listing.title;
        return site.page({
          title: `${
            window.page === null
              ? `${heading} (${w.continued})`
              : window.page > 1
                ? `${heading} (${w.page(window.page)})`
                : heading
          } — ${edition.name}`,
          description: truncate(
            listing.description || w.allArticles(listing.title),
            200,
          ),
          canonical: window.path,
          main: editionListingView({
            edition,
            kind: listing.kind,
            title: listing.title,
            description: listing.description,
            items: window.items.map((a) =>
              presentEditionTeaser(a, deps.site, urls),
            ),
            basePath: listing.basePath,
            page: window.page,
            pageCount: window.pageCount,
            total: window.total,
            ...(window.next ? { next: window.next } : {}),
          }),
          bodyClass: 'listing-page',
          keys: [listing.surrogateKey, `edition:${edition.code}`],
          ...(listing.currentSection
            ? { currentSection: listing.currentSection }
            : {}),
        });
      }),
    );
  }
}
