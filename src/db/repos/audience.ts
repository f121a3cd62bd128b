import { sql } from 'kysely';
import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';
import { publiclyVisible } from './publicScope.ts';

/** Views counted in memory for one hour, article, section and referrer kind (see audience/collector.ts). */
export interface ViewCount {
  hour: Date;
  articleId: number;
  sectionId: number;
  referrer: string;
  views: number;
}

/** Rows per statement: 5 parameters a row, well under both databases' limits. */
const CHUNK = 500;

/** The day's salt: the first process to ask stores `candidate`; every process then reads the same one. */
export async function daySalt(
  db: Queryable,
  day: string,
  candidate: string,
): Promise<string> {
  await db
    .insertInto('audience_salts')
    .values({ day, salt: candidate })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  const row = await db
    .selectFrom('audience_salts')
    .select('salt')
    .where('day', '=', day)
    .executeTakeFirst();
  // Absent only if the day was finished (salt destroyed) between the two statements: a beacon
  // arriving after its day was counted. It is hashed with a salt nobody keeps.
  return row?.salt ?? candidate;
}

/** Adds counted views; each key appears once in `counts` (the collector sums them first). */
export async function addViews(
  db: Queryable,
  counts: ViewCount[],
): Promise<void> {
  for (let i = 0; i < counts.length; i += CHUNK) {
    await db
      .insertInto('audience_hourly')
      .values(
        counts.slice(i, i + CHUNK).map((c) => ({
          hour: c.hour.toISOString(),
          article_id: c.articleId,
          section_id: c.sectionId,
          referrer: c.referrer,
          views: c.views,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['hour', 'article_id', 'section_id', 'referrer'])
          .doUpdateSet((eb) => ({
            views: eb('audience_hourly.views', '+', eb.ref('excluded.views')),
          })),
      )
      .execute();
  }
}

/** Remembers that these visitor hashes were seen on `day`; a hash already there is not added again. */
export async function addVisitors(
  db: Queryable,
  day: string,
  visitors: string[],
): Promise<void> {
  for (let i = 0; i < visitors.length; i += CHUNK * 2) {
    await db
      .insertInto('audience_visitors')
      .values(
        visitors.slice(i, i + CHUNK * 2).map((visitor) => ({ day, visitor })),
      )
      .onConflict((oc) => oc.columns(['day', 'visitor']).doNothing())
      .execute();
  }
}

/** Days before `today` still holding a salt or visitor hashes: the daily job finishes them. */
export async function unfinishedDaysBefore(
  db: Queryable,
  today: string,
): Promise<string[]> {
  const salts = await db
    .selectFrom('audience_salts')
    .select('day')
    .where('day', '<', today)
    .execute();
  const visitors = await db
    .selectFrom('audience_visitors')
    .select('day')
    .distinct()
    .where('day', '<', today)
    .execute();
  return [...new Set([...salts, ...visitors].map((r) => r.day))].sort();
}

/**
 * Writes the day's figure and destroys what could identify anyone: the day's visitor hashes and
 * its salt. Idempotent, and safe in several processes: the figure is written once (the first
 * wins), the deletions repeat harmlessly. `views` is counted over the day's hours [start, end).
 */
export async function finishDay(
  db: Queryable,
  day: string,
  range: { start: Date; end: Date },
  at: Date,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const visitors = await tx
      .selectFrom('audience_visitors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    const views = await tx
      .selectFrom('audience_hourly')
      .select((eb) => eb.fn.sum<number>('views').as('n'))
      .where('hour', '>=', range.start.toISOString())
      .where('hour', '<', range.end.toISOString())
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('audience_daily')
      .values({
        day,
        visitors: Number(visitors.n),
        views: Number(views.n ?? 0),
        computed_at: at.toISOString(),
      })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    await tx.deleteFrom('audience_visitors').where('day', '=', day).execute();
    await tx.deleteFrom('audience_salts').where('day', '=', day).execute();
  });
}

export interface DailyFigure {
  day: string;
  visitors: number;
  views: number;
}

/** The legal figure for `day`, once the daily job has written it. */
export async function dailyFigure(
  db: Queryable,
  day: string,
): Promise<DailyFigure | null> {
  const row = await db
    .selectFrom('audience_daily')
    .select(['day', 'visitors', 'views'])
    .where('day', '=', day)
    .executeTakeFirst();
  return row
    ? { day: row.day, visitors: Number(row.visitors), views: Number(row.views) }
    : null;
}

/** Daily figures from `fromDay` on, oldest first (the audience page's 30 days). */
export async function dailyFigures(
  db: Queryable,
  fromDay: string,
): Promise<DailyFigure[]> {
  const rows = await db
    .selectFrom('audience_daily')
    .select(['day', 'visitors', 'views'])
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    visitors: Number(r.visitors),
    views: Number(r.views),
  }));
}

/** Distinct visitors of a day not finished yet (today), from its hashes. */
export async function visitorsSoFar(
  db: Queryable,
  day: string,
): Promise<number> {
  const row = await db
    .selectFrom('audience_visitors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MostReadRow {
  id: number;
  slug: string;
  title: string;
  sectionId: number | null;
  views: number;
}

/** Public articles with the most views since `since` (optionally in one section), most read first. */
export async function mostRead(
  db: Queryable,
  query: { since: Date; now: Date; limit: number; sectionId?: number },
): Promise<MostReadRow[]> {
  let counts = db
    .selectFrom('audience_hourly')
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('hour', '>=', hourOf(query.since).toISOString())
    .where('article_id', '>', 0)
    .groupBy('article_id');
  if (query.sectionId !== undefined)
    counts = counts.where('section_id', '=', query.sectionId);
  const rows = await db
    .selectFrom(counts.as('c'))
    .innerJoin('articles', 'articles.id', 'c.article_id')
    .where(publiclyVisible(query.now))
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.section_id',
      'c.views',
    ])
    .orderBy('c.views', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    sectionId: r.section_id,
    views: Number(r.views),
  }));
}

/** Views per hour in [from, to), hours without views left out. */
export async function viewsPerHour(
  db: Queryable,
  from: Date,
  to: Date,
): Promise<{ hour: Date; views: number }[]> {
  const rows = await db
    .selectFrom('audience_hourly')
    .select(['hour', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('hour', '>=', from.toISOString())
    .where('hour', '<', to.toISOString())
    .groupBy('hour')
    .orderBy('hour')
    .execute();
  return rows.map((r) => ({ hour: toDate(r.hour), views: Number(r.views) }));
}

/** Views in [from, to) by section (0: pages that are no article) and by referrer kind. */
export async function viewsBy(
  db: Queryable,
  column: 'section_id' | 'referrer',
  from: Date,
  to: Date,
): Promise<{ key: string; views: number }[]> {
  const rows = await db
    .selectFrom('audience_hourly')
    .select([
      sql<string>`${sql.ref(column)}`.as('key'),
      (eb) => eb.fn.sum<number>('views').as('views'),
    ])
    .where('hour', '>=', from.toISOString())
    .where('hour', '<', to.toISOString())
    .groupBy(column)
    .orderBy('views', 'desc')
    .execute();
  return rows.map((r) => ({ key: String(r.key), views: Number(r.views) }));
}

/** Hourly counters older than `before` go (the daily figures stay). */
export async function purgeHourlyBefore(
  db: Queryable,
  before: Date,
): Promise<void> {
  await db
    .deleteFrom('audience_hourly')
    .where('hour', '<', before.toISOString())
    .execute();
}

/** The section of each published article among `ids` (null: none), to file its views. */
export async function sectionsOfPublicArticles(
  db: Queryable,
  ids: number[],
  now: Date,
): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'section_id'])
    .where('id', 'in', ids)
    .where(publiclyVisible(now))
    .execute();
  return new Map(rows.map((r) => [r.id, r.section_id]));
}

/** The start of the UTC hour holding `t`: the counters' bucket. */
export function hourOf(t: Date): Date {
  return new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000);
}

/** Daily figures written as they are (the demo's; real ones come from `finishDay`). */
export async function insertDailyFigures(
  db: Queryable,
  figures: DailyFigure[],
  at: Date,
): Promise<void> {
  if (figures.length === 0) return;
  await db
    .insertInto('audience_daily')
    .values(figures.map((f) => ({ ...f, computed_at: at.toISOString() })))
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}

/** Whether any page view was ever counted (the demo fills an empty audience only). */
export async function hasAudienceCounts(db: Queryable): Promise<boolean> {
  return (
    (await db
      .selectFrom('audience_hourly')
      .select('hour')
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}
