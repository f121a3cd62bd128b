import type { CommandContext } from '../commands/context.ts';
import {
  addViews,
  hasAudienceCounts,
  hourOf,
  insertDailyFigures,
  type ViewCount,
} from '../db/repos/audience.ts';
import { listPublishedTimes } from '../db/repos/articles.ts';
import { dayKey } from '../domain/frenchDates.ts';
import type { ReferrerKind } from '../audience/referrerKind.ts';

const HOUR = 3_600_000;
const DAYS = 30;
/** Share of a day's readers by local hour: quiet nights, the morning commute, lunch, the evening. */
const HOURLY_SHAPE = [
  2, 1, 1, 1, 1, 2, 4, 7, 9, 8, 7, 7, 9, 8, 6, 6, 6, 7, 8, 9, 10, 9, 6, 4,
];
const REFERRER_SHARE: [ReferrerKind, number][] = [
  ['search', 0.34],
  ['social', 0.27],
  ['direct', 0.2],
  ['internal', 0.12],
  ['newsletter', 0.05],
  ['other', 0.02],
];

/** A small deterministic generator, so every demo start draws the same figures. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Plausible audience counters for the demo newsroom (30 days of hourly views per article and
 * referrer kind, and the daily legal figures), so the editors' page and « Les plus lus » are not
 * empty on first start. Only counters: demo data needs no visitor hash or salt. Each article is
 * read from its publication on, most in its first hours, some far more than others.
 */
export async function loadDemoAudience(
  ctx: CommandContext & { config: { site: { timeZone: string } } },
): Promise<void> {
  if (await hasAudienceCounts(ctx.db)) return;
  const now = ctx.clock.now();
  const tz = ctx.config.site.timeZone;
  const rand = random(8813);
  const articles = await listPublishedTimes(ctx.db);
  const counts: ViewCount[] = [];
  const viewsByDay = new Map<string, number>();
  const homeReaders = new Map<number, number>();
  const firstHour = hourOf(
    new Date(now.getTime() - DAYS * 86_400_000),
  ).getTime();
  const localHour = (t: number) =>
    Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        timeZone: tz,
      }).format(new Date(t)),
    );
  for (const a of articles) {
    if (!a.publishedAt) continue;
    const published = a.publishedAt.getTime();
    const appeal = 40 + Math.floor(rand() ** 3 * 900);
    for (
      let t = Math.max(firstHour, hourOf(new Date(published)).getTime());
      t <= now.getTime();
      t += HOUR
    ) {
      const ageHours = (t - published) / HOUR;
      const expected =
        appeal * (HOURLY_SHAPE[localHour(t)]! / 10) * Math.exp(-ageHours / 30);
      const views = Math.round(expected * (0.7 + rand() * 0.6));
      if (views <= 0) continue;
      let left = views;
      for (const [i, [referrer, share]] of REFERRER_SHARE.entries()) {
        const n =
          i === REFERRER_SHARE.length - 1
            ? left
            : Math.min(left, Math.round(views * share));
        left -= n;
        if (n > 0)
          counts.push({
            hour: new Date(t),
            articleId: a.id,
            sectionId: a.sectionId ?? 0,
            referrer,
            views: n,
          });
      }
      homeReaders.set(t, (homeReaders.get(t) ?? 0) + Math.round(views * 0.15));
      viewsByDay.set(
        dayKey(new Date(t), tz),
        (viewsByDay.get(dayKey(new Date(t), tz)) ?? 0) + views,
      );
    }
  }
  // The home page and section fronts are read every day, whatever the demo articles' dates.
  for (let t = firstHour; t <= now.getTime(); t += HOUR) {
    homeReaders.set(
      t,
      (homeReaders.get(t) ?? 0) +
        Math.round(18 * HOURLY_SHAPE[localHour(t)]! * (0.8 + rand() * 0.4)),
    );
  }
  for (const [t, views] of homeReaders) {
    const fromSearch = Math.round(views * 0.2),
      fromSocial = Math.round(views * 0.15);
    counts.push({
      hour: new Date(t),
      articleId: 0,
      sectionId: 0,
      referrer: 'direct',
      views: views - fromSearch - fromSocial,
    });
    if (fromSearch)
      counts.push({
        hour: new Date(t),
        articleId: 0,
        sectionId: 0,
        referrer: 'search',
        views: fromSearch,
      });
    if (fromSocial)
      counts.push({
        hour: new Date(t),
        articleId: 0,
        sectionId: 0,
        referrer: 'social',
        views: fromSocial,
      });
    viewsByDay.set(
      dayKey(new Date(t), tz),
      (viewsByDay.get(dayKey(new Date(t), tz)) ?? 0) + views,
    );
  }
  const today = dayKey(now, tz);
  await ctx.db.transaction().execute(async (tx) => {
    await addViews(tx, counts);
    // About 2.4 pages per visitor, the kind of ratio a news site sees.
    await insertDailyFigures(
      tx,
      [...viewsByDay]
        .filter(([day]) => day < today)
        .map(([day, views]) => ({
          day,
          views,
          visitors: Math.round(views / 2.4),
        })),
      now,
    );
  });
}
