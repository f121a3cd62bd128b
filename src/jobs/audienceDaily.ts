import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { dayKey, zonedLocalToDate } from '../domain/frenchDates.ts';
import { finishDay, purgeHourlyBefore, unfinishedDaysBefore } from '../db/repos/audience.ts';
import { repeatEvery } from './repeat.ts';

export interface AudienceJobContext { db: Db; clock: Clock; site: { timeZone: string } }

/** A day is counted this long after it ends, so the last beacons counted in memory are written first. */
export const FINISH_DELAY_MS = 2 * 60_000;
/** Hourly counters are kept for the audience page's comparisons over a year, then deleted. */
export const HOURLY_RETENTION_DAYS = 400;

/** `2026-11-28` → its first instant and the next day's, in the site's time zone. */
export function dayRange(day: string, timeZone: string): { start: Date; end: Date } {
  const start = zonedLocalToDate(`${day}T00:00`, timeZone)!;
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start, end: zonedLocalToDate(`${next}T00:00`, timeZone)! };
}

/** The day before `day` (noon-to-noon steps are safe across DST changes). */
export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The daily audience job: for every past day (yesterday always, so the legal figure exists even
 * for a day without a view), writes distinct visitors and views, then deletes that day's visitor
 * hashes and salt. Every process may run it at the same time: `finishDay` writes the figure once
 * and repeats its deletions harmlessly. Returns the days finished.
 */
export async function finishPastDays(ctx: AudienceJobContext): Promise<string[]> {
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
  await purgeHourlyBefore(ctx.db, new Date(now.getTime() - HOURLY_RETENTION_DAYS * 86_400_000));
  return finished;
}

/** Runs `finishPastDays` every `intervalMs` (at start too, so a restart catches up). */
export function startAudienceJob(ctx: AudienceJobContext, options: { intervalMs: number; onError: (error: unknown) => void }): () => void {
  return repeatEvery(options.intervalMs, async () => { await finishPastDays(ctx); }, options.onError);
}
