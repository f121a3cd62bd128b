import type { SiteDeps } from './context.ts';
import type { ChangeScope } from '../../events/changeTracker.ts';
import type { Edition } from '../../domain/editions.ts';
import type { SectionRef } from '../../domain/articleRecord.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';
import { dayKey, dayRange, previousDay } from '../../domain/frenchDates.ts';
import {
  listSectionsWithEdition,
  type Section,
} from '../../db/repos/taxonomy.ts';
import { listEditions } from '../../db/repos/editions.ts';
import { nextEmbargoEnd } from '../../db/repos/sitemaps.ts';
import { dailyFigure } from '../../db/repos/audience.ts';
import { listPublished, type KnownRelations } from '../../db/repos/articles.ts';
import { liveStatesOf, type LiveState } from '../../db/repos/liveBlogs.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

/*
 * What many public pages show and few events change (the sections, the fil info, the next
 * embargo's end, yesterday's audience figure), read once and kept in the page cache
 * (deps.pages: the same memory budget, the same invalidation by the event bus's scopes, the
 * same stale-if-error) rather than read again by every page rendered. Without a page cache
 * (deps.pages absent) each is read when asked. A page not yet kept then costs only the
 * queries of what is its own (the article, its relations, « À lire aussi »).
 */

async function kept<T>(
  deps: SiteDeps,
  key: string,
  scopes: readonly ChangeScope[],
  build: () => Promise<{ value: T; validUntil: Date | null }>,
): Promise<T> {
  if (!deps.pages) return (await build()).value;
  return deps.pages.get(`data:${key}`, scopes, async () => {
    const built = await build();
    return {
      ...built,
      // Rough (UTF-16 of its JSON), and paid once per build: these are a few kilobytes.
      bytes: 2 * (JSON.stringify(built.value)?.length ?? 0) + 64,
    };
  });
}

/** Every section with its edition, in menu order: a site has a few dozen. */
function allSections(
  deps: SiteDeps,
): Promise<(Section & { edition: string })[]> {
  return kept(deps, 'sections', ['taxonomy'], async () => ({
    value: await listSectionsWithEdition(deps.db),
    validUntil: null,
  }));
}

/** The default edition's sections, in menu order (the navigation of every page). */
export async function menuSections(deps: SiteDeps): Promise<Section[]> {
  return (await allSections(deps)).filter((s) => s.edition === DEFAULT_EDITION);
}

/** A section by slug, whatever its edition (a section page), or null. */
export async function sectionBySlug(
  deps: SiteDeps,
  slug: string,
): Promise<Section | null> {
  return (await allSections(deps)).find((s) => s.slug === slug) ?? null;
}

/** Every section by id, for the relations of the articles a page lists (no query per list). */
export async function knownRelations(deps: SiteDeps): Promise<KnownRelations> {
  const sections = await allSections(deps);
  return {
    sections: new Map(
      sections.map((s): [number, SectionRef] => [
        s.id,
        { id: s.id, slug: s.slug, name: s.name },
      ]),
    ),
  };
}

/** The editions (routes are registered for them at start; hreflang links read them). */
export function keptEditions(deps: SiteDeps): Promise<Edition[]> {
  return kept(deps, 'editions', ['taxonomy'], async () => ({
    value: await listEditions(deps.db),
    validUntil: null,
  }));
}

/**
 * When the next embargo ends (a published article dated in the future becomes public then,
 * with no event): what the kept pages and data showing public articles last until.
 */
export function embargoEnd(deps: SiteDeps): Promise<Date | null> {
  return kept(deps, 'embargo-end', ['articles'], async () => {
    const end = await nextEmbargoEnd(deps.db, deps.clock.now());
    return { value: end, validUntil: end };
  });
}

/**
 * Yesterday's legal audience figure (every page's footer). The daily job writes it a few minutes
 * after midnight with no event: while it may still come it is asked again every minute (as
 * pageLifetime keeps the pages), and once known it holds until the day ends.
 */
export const AUDIENCE_PENDING_MS = 60_000;
export const AUDIENCE_EXPECTED_WITHIN_MS = 30 * 60_000;

export function yesterdayAudience(
  deps: SiteDeps,
  now: Date,
): ReturnType<typeof dailyFigure> {
  const today = dayKey(now, deps.site.timeZone);
  const day = previousDay(today);
  return kept(deps, `audience:${day}`, [], async () => {
    const figure = await dailyFigure(deps.db, day);
    const { start, end } = dayRange(today, deps.site.timeZone);
    const pending =
      !figure && now.getTime() - start.getTime() < AUDIENCE_EXPECTED_WITHIN_MS;
    return {
      value: figure,
      validUntil: pending ? new Date(now.getTime() + AUDIENCE_PENDING_MS) : end,
    };
  });
}

/** The newest public articles with their live blog states: the fil info of the home and article pages. */
export interface LatestArticles {
  items: ArticleWithRelations[];
  liveStates: Map<number, LiveState>;
}

/** The longest fil info a page shows (the home's); shorter ones take its first lines. */
export const LATEST_SIZE = 15;

export async function latestArticles(
  deps: SiteDeps,
  limit: number,
): Promise<LatestArticles> {
  if (limit > LATEST_SIZE) throw new RangeError(`at most ${LATEST_SIZE}`);
  const latest = await kept(deps, 'latest', ['articles'], async () => {
    const now = deps.clock.now();
    const [{ items }, end] = await Promise.all([
      listPublished(
        deps.db,
        { now, limit: LATEST_SIZE },
        await knownRelations(deps),
      ),
      embargoEnd(deps),
    ]);
    const liveStates = await liveStatesOf(
      deps.db,
      items.map((a) => a.id),
    );
    return { value: { items, liveStates: [...liveStates] }, validUntil: end };
  });
  return {
    items: latest.items.slice(0, limit),
    liveStates: new Map(latest.liveStates),
  };
}

/**
 * Where a page rendered now has its live script resume from. Kept like the articles it follows:
 * a page rendered after an event no article event announced resumes a few ids early, which
 * only sends again a line the page shows (see LiveFilInfo.resumeId).
 */
export function keptResumeId(
  deps: SiteDeps,
  live: NonNullable<SiteDeps['live']>,
): Promise<number> {
  return kept(deps, 'live-resume', ['articles'], async () => ({
    value: await live.resumeId(),
    validUntil: null,
  }));
}
