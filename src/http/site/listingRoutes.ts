import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import { listPublished } from '../../db/repos/articles.ts';
import {
  findAuthorBySlug,
  findPublicTagBySlug,
  findSectionBySlug,
} from '../../db/repos/taxonomy.ts';
import { presentTeaser, truncate } from '../../presenters/article.ts';
import { paths } from '../../presenters/urls.ts';
import { listingView, type ListingModel } from '../../views/site/listing.ts';
import { AppError } from '../../errors.ts';
import { PAGE_SIZE, pageCountOrThrow, parsePage } from './pageQuery.ts';
import { listingHead } from './pageHeads.ts';
import { mostReadBlock, mostReadValidUntil } from './mostRead.ts';

const params = z.object({ slug: z.string().min(1).max(300) });

/** Entity tags say what they name: a person, an organisation, a place. */
const TAG_KIND_LABELS: Record<string, ListingModel['kind']> = {
  person: 'Personnalité',
  organisation: 'Organisation',
  place: 'Lieu',
};

interface Listing {
  kind: ListingModel['kind'];
  title: string;
  description: string;
  filter: { sectionId?: number; tagId?: number; authorId?: number };
  basePath: string;
  surrogateKey: string;
  currentSection?: string;
}

type Resolver = (deps: SiteDeps, slug: string) => Promise<Listing | null>;

const resolvers: Record<string, Resolver> = {
  '/rubrique/:slug': async ({ db }, slug) => {
    const s = await findSectionBySlug(db, slug);
    return (
      s && {
        kind: 'Rubrique',
        title: s.name,
        description: s.description,
        filter: { sectionId: s.id },
        basePath: paths.section(s.slug),
        surrogateKey: `section:${s.slug}`,
        currentSection: s.slug,
      }
    );
  },
  '/sujet/:slug': async ({ db, clock }, slug) => {
    const t = await findPublicTagBySlug(db, slug, clock.now());
    return (
      t && {
        kind: TAG_KIND_LABELS[t.kind] ?? 'Sujet',
        title: t.name,
        description: '',
        filter: { tagId: t.id },
        basePath: paths.tag(t.slug),
        surrogateKey: `tag:${t.slug}`,
      }
    );
  },
  '/auteur/:slug': async ({ db }, slug) => {
    const a = await findAuthorBySlug(db, slug);
    return (
      a && {
        kind: 'Auteur',
        title: a.name,
        description: a.bio,
        filter: { authorId: a.id },
        basePath: paths.author(a.slug),
        surrogateKey: `author:${a.slug}`,
      }
    );
  },
};

/** Section, tag and author pages: one handler, three ways to find what to list. */
export function listingRoutes(app: FastifyInstance, deps: SiteDeps): void {
  for (const [route, resolve] of Object.entries(resolvers)) {
    app.get(
      route,
      pageRoute(deps, async (request) => {
        const parsed = params.safeParse(request.params);
        if (!parsed.success) throw new AppError('not_found');
        const page = parsePage(request.query);
        const listing = await resolve(deps, parsed.data.slug);
        if (!listing) throw new AppError('not_found');
        const now = deps.clock.now();
        const { items, total } = await listPublished(deps.db, {
          now,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
          ...listing.filter,
        });
        const pageCount =
          total === 0 && page === 1 ? 1 : pageCountOrThrow(total, page);
        const main = listingView({
          kind: listing.kind,
          title: listing.title,
          description: listing.description,
          items: items.map((a) => presentTeaser(a, deps.site)),
          basePath: listing.basePath,
          page,
          pageCount,
          total,
        });
        const heading =
          listing.kind === 'Auteur'
            ? `Articles de ${listing.title}`
            : listing.title;
        const description = truncate(
          listing.description || `Tous les articles : ${listing.title}.`,
          200,
        );
        const canonicalPath =
          page > 1 ? `${listing.basePath}?page=${page}` : listing.basePath;
        return {
          title: page > 1 ? `${heading} (page ${page})` : heading,
          description,
          canonicalPath,
          head: listingHead(deps.site, {
            kind: listing.kind,
            title: listing.title,
            description,
            basePath: listing.basePath,
            canonicalPath,
          }),
          main:
            listing.filter.sectionId !== undefined
              ? main +
                (await mostReadBlock(deps, {
                  sectionId: listing.filter.sectionId,
                  title: `Les plus lus en ${listing.title}`,
                }))
              : main,
          currentSection: listing.currentSection,
          surrogateKeys: [listing.surrogateKey],
          ...(listing.filter.sectionId !== undefined
            ? { validUntil: mostReadValidUntil(deps.clock.now()) }
            : {}),
          // Section pages offer « N nouveaux articles » rather than moving the list.
          ...(listing.currentSection
            ? { live: { section: listing.currentSection } }
            : {}),
        };
      }),
    );
  }
}
