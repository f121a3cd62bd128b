import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { dayKey, dayRange, previousDay } from '../domain/frenchDates.ts';
import {
  finishDay,
  purgeHourlyBefore,
  unfinishedDaysBefore,
} from '../db/repos/audience.ts';
import { repeatEvery } from './repeat.ts';

export interface AudienceJobContext {
  db: Db;
  clock: Clock;
  site: { timeZone: string };
}

/** A day is counted this long after it ends, so the last beacons counted in memory are written first. */
export const FINISH_DELAY_MS = 2 * 60_000;
/** Hourly counters are kept for the audience page's comparisons over a year, then deleted. */
export const HOURLY_RETENTION_DAYS = 400;

/**
 * The daily audience job: for every past day (yesterday always, so the legal figure exists even
 * for a day without a view), writes distinct visitors and views, then deletes that day's visitor
 * hashes and salt. Every process may run it at the same time: `finishDay` writes the figure once
 * and repeats its deletions harmlessly. Returns the days finished.
 */
export async function finishPastDays(
  ctx: AudienceJobContext,
): Promise<string[]> {
  const now = ctx.clock.now();
  const tz = ctx.site.timeZone;
  const today = dayKey(now, tz);
  const days = new Set(await unfinishedDaysBefore(ctx.db, today));
  days.add(previousDay(today));
  const finished: string[] = [];
  for (const day of [...days].sort()) {
    const range = dayRange(day, tz);
    if (now.getTime() < range.end.getTime() + FINISH_DELAY_MS) continue;
    await finishDay(ctx.db, day, range, now);
    finished.push(day);
  }
  await purgeHourlyBefore(
    ctx.db,
    new Date(now.getTime() - HOURLY_RETENTION_DAYS * 86_400_000),
  );
  return finished;
}

/** Runs `finishPastDays` every `intervalMs` (at start too, so a restart catches up). */
export function startAudienceJob(
  ctx: AudienceJobContext,
  options: { intervalMs: number; onError: (error: unknown) => void },
): () => void {
  return repeatEvery(
    options.intervalMs,
    async () => {
      await finishPastDays(ctx);
    },
    options.onError,
  );
}
