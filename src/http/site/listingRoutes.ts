import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import {
  countPublishedUpTo,
  findPublicCursor,
  listPublished,
} from '../../db/repos/articles.ts';
import {
  type Author,
  findAuthorBySlug,
  findPublicTagBySlug,
  type Section,
  type Tag,
} from '../../db/repos/taxonomy.ts';
import { presentTeaser, truncate } from '../../presenters/article.ts';
import { paths } from '../../presenters/urls.ts';
import { listingView, type ListingModel } from '../../views/site/listing.ts';
import { AppError } from '../../errors.ts';
import {
  NUMBERED_PAGES,
  PAGE_SIZE,
  pageCountOrThrow,
  parseListingPosition,
} from './pageQuery.ts';
import { listingHead } from './pageHeads.ts';
import { mostReadBlock, mostReadValidUntil } from './mostRead.ts';
import { knownRelations, sectionBySlug } from './keptData.ts';

const params = z.object({ slug: z.string().min(1).max(300) });

/** Entity tags say what they name: a person, an organisation, a place. */
const TAG_KIND_LABELS: Record<string, ListingModel['kind']> = {
  person: 'Personnalité',
  organisation: 'Organisation',
  place: 'Lieu',
};

/** What a listing page lists; the edition pages (editionListingRoutes.ts) list theirs the same way. */
export interface Listing {
  kind: ListingModel['kind'];
  title: string;
  description: string;
  /** `edition`: another edition's articles (the default one when absent). */
  filter: {
    sectionId?: number;
    tagId?: number;
    authorId?: number;
    edition?: string;
  };
  basePath: string;
  surrogateKey: string;
  currentSection?: string;
}

type Resolver = (deps: SiteDeps, slug: string) => Promise<Listing | null>;

/** Where a listing's pages are: the French paths, or an edition's addresses (editionUrls). */
type ListingPaths = Pick<typeof paths, 'section' | 'tag' | 'author'>;

/**
 * The listing of a section, a tag or an author, at `at`'s addresses; with `edition`, of that
 * edition's articles only. The French pages and the edition pages (editionListingRoutes.ts)
 * both build theirs here.
 */
export const listingOf = {
  section: (s: Section, at: ListingPaths, edition?: string): Listing => ({
    kind: 'Rubrique',
    title: s.name,
    description: s.description,
    filter: { sectionId: s.id, ...(edition ? { edition } : {}) },
    basePath: at.section(s.slug),
    surrogateKey: `section:${s.slug}`,
    currentSection: s.slug,
  }),
  tag: (t: Tag, at: ListingPaths, edition?: string): Listing => ({
    kind: TAG_KIND_LABELS[t.kind] ?? 'Sujet',
    title: t.name,
    description: '',
    filter: { tagId: t.id, ...(edition ? { edition } : {}) },
    basePath: at.tag(t.slug),
    surrogateKey: `tag:${t.slug}`,
  }),
  author: (a: Author, at: ListingPaths, edition?: string): Listing => ({
    kind: 'Auteur',
    title: a.name,
    description: a.bio,
    filter: { authorId: a.id, ...(edition ? { edition } : {}) },
    basePath: at.author(a.slug),
    surrogateKey: `author:${a.slug}`,
  }),
};

const resolvers: Record<string, Resolver> = {
  '/rubrique/:slug': async (deps, slug) => {
    const s = await sectionBySlug(deps, slug);
    return s && listingOf.section(s, paths);
  },
  '/sujet/:slug': async ({ db, clock }, slug) => {
    const t = await findPublicTagBySlug(db, slug, clock.now());
    return t && listingOf.tag(t, paths);
  },
  '/auteur/:slug': async ({ db }, slug) => {
    const a = await findAuthorBySlug(db, slug);
    return a && listingOf.author(a, paths);
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
        const position = parseListingPosition(request.query);
        const listing = await resolve(deps, parsed.data.slug);
        if (!listing) throw new AppError('not_found');
        const now = deps.clock.now();
        const window = await listingWindow(deps, listing, position, now);
        const main = listingView({
          kind: listing.kind,
          title: listing.title,
          description: listing.description,
          items: window.items.map((a) => presentTeaser(a, deps.site)),
          basePath: listing.basePath,
          page: window.page,
          pageCount: window.pageCount,
          total: window.total,
          ...(window.next ? { next: window.next } : {}),
        });
        const heading =
          listing.kind === 'Auteur'
            ? `Articles de ${listing.title}`
            : listing.title;
        const description = truncate(
          listing.description || `Tous les articles : ${listing.title}.`,
          200,
        );
        const canonicalPath = window.path;
        return {
          title:
            window.page === null
              ? `${heading} (suite)`
              : window.page > 1
                ? `${heading} (page ${window.page})`
                : heading,
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

export interface ListingWindow {
  items: Awaited<ReturnType<typeof listPublished>>['items'];
  /** The page number, null on a keyset page. */
  page: number | null;
  /** Known only while the listing has no more than the numbered pages hold. */
  pageCount: number | null;
  /** The articles counted, up to the numbered pages' worth (more: « plus de »); null on a keyset page. */
  total: number | null;
  /** The next page, when the listing's end is not counted. */
  next?: { page: number } | { before: number };
  path: string;
}

/**
 * The articles one listing page shows, read in a bounded number of queries, each over a bounded
 * number of index entries, at any archive size: numbered pages count up to their own end,
 * keyset pages read one page past their cursor.
 */
export async function listingWindow(
  deps: SiteDeps,
  listing: Pick<Listing, 'filter' | 'basePath'>,
  position: { page: number } | { before: number },
  now: Date,
): Promise<ListingWindow> {
  const cap = NUMBERED_PAGES * PAGE_SIZE;
  if ('before' in position) {
    const cursor = await findPublicCursor(
      deps.db,
      position.before,
      now,
      listing.filter.edition,
    );
    if (!cursor) throw new AppError('not_found');
    const { items } = await listPublished(
      deps.db,
      { now, limit: PAGE_SIZE + 1, before: cursor, ...listing.filter },
      await knownRelations(deps),
    );
    if (items.length === 0) throw new AppError('not_found');
    const shown = items.slice(0, PAGE_SIZE);
    return {
      items: shown,
      page: null,
      pageCount: null,
      total: null,
      ...(items.length > PAGE_SIZE && shown.length
        ? { next: { before: shown[shown.length - 1]!.id } }
        : {}),
      path: `${listing.basePath}?avant=${position.before}`,
    };
  }
  const { page } = position;
  const known = await knownRelations(deps);
  const [{ items }, counted] = await Promise.all([
    listPublished(
      deps.db,
      {
        now,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        ...listing.filter,
      },
      known,
    ),
    countPublishedUpTo(deps.db, { now, ...listing.filter }, cap),
  ]);
  const path = page > 1 ? `${listing.basePath}?page=${page}` : listing.basePath;
  if (counted <= cap) {
    const pageCount =
      counted === 0 && page === 1 ? 1 : pageCountOrThrow(counted, page);
    return { items, page, pageCount, total: counted, path };
  }
  // More articles than the numbered pages hold: from the last of them on, pages follow by keyset.
  if (items.length === 0) throw new AppError('not_found');
  const last = items[items.length - 1];
  const next =
    page < NUMBERED_PAGES
      ? { page: page + 1 }
      : items.length === PAGE_SIZE && last
        ? { before: last.id }
        : null;
  return {
    items,
    page,
    pageCount: null,
    total: counted,
    ...(next ? { next } : {}),
    path,
  };
}
