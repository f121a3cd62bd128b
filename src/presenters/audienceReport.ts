import type { Db } from '../db/database.ts';
import type { SiteConfig } from '../config.ts';
import {
  dailyFigure,
  dailyFigures,
  mostRead,
  viewsBy,
  viewsPerHour,
  visitorsSoFar,
} from '../db/repos/audience.ts';
import { listSections } from '../db/repos/taxonomy.ts';
import {
  dayKey,
  formatLongDate,
  formatTime,
  dayRange,
  previousDay,
} from '../domain/frenchDates.ts';
import {
  REFERRER_KINDS,
  REFERRER_LABELS,
  type ReferrerKind,
} from '../audience/referrerKind.ts';
import type { AudienceModel } from '../views/admin/audience.ts';
import { formatCount, presentLegalAudience } from './audience.ts';
import { paths } from './urls.ts';

const HOUR = 3_600_000;

/** The audience page's figures: today per hour, 30 days per day, top articles, sections, referrers. */
export async function audienceReport(
  db: Db,
  site: SiteConfig,
  now: Date,
  liveReaders: number,
): Promise<AudienceModel> {
  const tz = site.timeZone;
  const today = dayKey(now, tz);
  const todayRange = dayRange(today, tz);
  let firstDay = today;
  for (let i = 0; i < 29; i++) firstDay = previousDay(firstDay);
  const from = dayRange(firstDay, tz).start;
  const [
    hours,
    daily,
    todayVisitors,
    yesterday,
    top,
    bySection,
    byReferrer,
    sections,
  ] = await Promise.all([
    viewsPerHour(db, from, todayRange.end),
    dailyFigures(db, firstDay),
    visitorsSoFar(db, today),
    dailyFigure(db, previousDay(today)),
    mostRead(db, { since: todayRange.start, now, limit: 10 }),
    viewsBy(db, 'section_id', from, todayRange.end),
    viewsBy(db, 'referrer', from, todayRange.end),
    listSections(db),
  ]);

  const perHour = new Map(hours.map((h) => [h.hour.getTime(), h.views]));
  const todayByHour = [];
  for (
    let t = todayRange.start.getTime(), i = 0;
    t < todayRange.end.getTime();
    t += HOUR, i++
  ) {
    const label = formatTime(new Date(t), tz);
    todayByHour.push({
      label,
      value: perHour.get(t) ?? 0,
      ...(i % 3 === 0 ? { tick: `${label.slice(0, 2)} h` } : {}),
    });
  }
  const perDay = new Map<string, number>();
  for (const h of hours)
    perDay.set(
      dayKey(h.hour, tz),
      (perDay.get(dayKey(h.hour, tz)) ?? 0) + h.views,
    );
  const visitorsByDay = new Map(daily.map((d) => [d.day, d.visitors]));
  visitorsByDay.set(today, todayVisitors);
  const last30Days = [];
  for (let d = firstDay, i = 0; d <= today; d = nextDay(d), i++) {
    const label = `${d.slice(8, 10)}/${d.slice(5, 7)}`;
    const visitors = visitorsByDay.get(d);
    last30Days.push({
      label,
      value: perDay.get(d) ?? 0,
      visitors: visitors === undefined ? '—' : formatCount(visitors),
      ...(i % 5 === 0 ? { tick: label } : {}),
    });
  }
  const sectionNames = new Map(sections.map((s) => [String(s.id), s.name]));
  const todayViews = todayByHour.reduce((n, h) => n + h.value, 0);
  return {
    todayLabel: formatLongDate(now, tz),
    liveReaders,
    today: {
      views: formatCount(todayViews),
      visitors: formatCount(todayVisitors),
    },
    yesterday: yesterday
      ? {
          ...presentLegalAudience(yesterday, tz),
          label: `Hier (${presentLegalAudience(yesterday, tz).dayLabel})`,
          views: formatCount(yesterday.views),
        }
      : null,
    todayByHour,
    last30Days,
    topArticles: top.map((a) => ({
      title: a.title,
      url: paths.article(a.slug),
      editUrl: `/admin/articles/${a.id}`,
      views: formatCount(a.views),
    })),
    sections: bySection.map((s) => ({
      label:
        s.key === '0'
          ? 'Accueil et autres pages'
          : (sectionNames.get(s.key) ?? 'Rubrique supprimée'),
      value: s.views,
    })),
    referrers: byReferrer.map((r) => ({
      label: REFERRER_KINDS.includes(r.key as ReferrerKind)
        ? REFERRER_LABELS[r.key as ReferrerKind]
        : r.key,
      value: r.views,
    })),
  };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
}
