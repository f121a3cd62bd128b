import type { Db } from '../db/database.ts';
import {
  dailyFigures,
  mostRead,
  viewsBy,
  viewsPerHour,
} from '../db/repos/audience.ts';
import { listSections } from '../db/repos/taxonomy.ts';
import { dayKey, dayRange, previousDay } from '../domain/frenchDates.ts';

/**
 * The audience page's figures for the Admin API (`GET /audience`): the last `days` days in the
 * site's time zone, today included, as numbers rather than charts. The same counters as the
 * page (repos/audience.ts); nothing about a single reader exists to be shown.
 */
export async function audienceFigures(
  db: Db,
  timeZone: string,
  now: Date,
  days: number,
) {
  const today = dayKey(now, timeZone);
  let firstDay = today;
  for (let i = 1; i < days; i++) firstDay = previousDay(firstDay);
  const from = dayRange(firstDay, timeZone).start;
  const to = dayRange(today, timeZone).end;
  const [hours, top, bySection, byReferrer, daily, sections] =
    await Promise.all([
      viewsPerHour(db, from, to),
      mostRead(db, { since: from, now, limit: 20 }),
      viewsBy(db, 'section_id', from, to),
      viewsBy(db, 'referrer', from, to),
      dailyFigures(db, firstDay),
      listSections(db),
    ]);
  const names = new Map(sections.map((s) => [String(s.id), s.name]));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    views: hours.reduce((n, h) => n + h.views, 0),
    hours: hours.map((h) => ({
      hour: h.hour.toISOString(),
      views: h.views,
    })),
    articles: top.map((a) => ({ id: a.id, title: a.title, views: a.views })),
    sections: bySection.map((s) => ({
      id: s.key === '0' ? null : Number(s.key),
      name:
        s.key === '0'
          ? 'Accueil et autres pages'
          : (names.get(s.key) ?? 'Rubrique supprimée'),
      views: s.views,
    })),
    referrers: byReferrer.map((r) => ({ kind: r.key, views: r.views })),
    dailyVisitors: daily.map((d) => ({ day: d.day, visitors: d.visitors })),
  };
}
