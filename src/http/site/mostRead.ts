import type { SiteDeps } from './context.ts';
import { mostRead } from '../../db/repos/audience.ts';
import { presentMostRead } from '../../presenters/mostRead.ts';
import { mostReadView } from '../../views/site/mostRead.ts';

/** The last 24 hours. */
export const MOST_READ_WINDOW_MS = 24 * 3_600_000;
/** Recomputed this often at most (or when an event changes the public articles). */
export const MOST_READ_TTL_MS = 5 * 60_000;
const MOST_READ_SIZE = 5;

/** A page showing the block is kept no longer than the block (see PageSpec.validUntil). */
export function mostReadValidUntil(now: Date): Date {
  return new Date(now.getTime() + MOST_READ_TTL_MS);
}

/**
 * The « Les plus lus » block, site-wide or for one section, rendered from the hourly counters.
 * It is kept like the pages themselves (same cache, `articles` scope, so a withdrawn article
 * leaves it at once) for five minutes; the pages holding it are kept no longer (mostReadValidUntil).
 */
export async function mostReadBlock(
  deps: SiteDeps,
  options: { sectionId?: number; title?: string } = {},
): Promise<string> {
  const build = async () => {
    const now = deps.clock.now();
    const rows = await mostRead(deps.db, {
      since: new Date(now.getTime() - MOST_READ_WINDOW_MS),
      now,
      limit: MOST_READ_SIZE,
      ...(options.sectionId !== undefined
        ? { sectionId: options.sectionId }
        : {}),
    });
    const value = mostReadView(presentMostRead(rows), options.title);
    return {
      value,
      bytes: value.length * 2,
      validUntil: new Date(now.getTime() + MOST_READ_TTL_MS),
    };
  };
  if (!deps.pages) return (await build()).value;
  return deps.pages.get(
    `most-read:${options.sectionId ?? 'all'}`,
    ['articles'],
    build,
  );
}
