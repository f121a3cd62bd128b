/**
 * Dates as French readers expect them, in the site's time zone (Intl with full ICU).
 * « jeudi 28 novembre 2026 à 12:03 », « 12:03 », « Hier », « mardi 26 novembre ».
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  timeZone: string,
  kind: 'full' | 'time' | 'day' | 'dayKey' | 'date' | 'longDate',
): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      full: {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      date: { day: 'numeric', month: 'long', year: 'numeric' },
      longDate: {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      },
      dayKey: { year: 'numeric', month: '2-digit', day: '2-digit' },
    };
    f = new Intl.DateTimeFormat(kind === 'dayKey' ? 'en-CA' : 'fr-FR', {
      ...options[kind],
      timeZone,
    });
    formatters.set(key, f);
  }
  return f;
}

/** « jeudi 28 novembre 2026 à 12:03 » */
export function formatFullDate(date: Date, timeZone: string): string {
  return formatter(timeZone, 'full').format(date);
}

/** « 12:03 » (24-hour clock) */
export function formatTime(date: Date, timeZone: string): string {
  return formatter(timeZone, 'time').format(date);
}

/** « 28 novembre 2026 » */
export function formatDate(date: Date, timeZone: string): string {
  return formatter(timeZone, 'date').format(date);
}

/** « samedi 28 novembre 2026 » */
export function formatLongDate(date: Date, timeZone: string): string {
  return formatter(timeZone, 'longDate').format(date);
}

/** The calendar day in the site's time zone, `2026-11-28`: what groups the fil info. */
export function dayKey(date: Date, timeZone: string): string {
  return formatter(timeZone, 'dayKey').format(date);
}

/**
 * The words of the relative day rule in one language: « Aujourd’hui » / « اليوم », « Hier » /
 * « أمس », and how any other day is written. The rule itself is `dayLabel`, the same for all.
 */
export interface DayWords {
  today: string;
  yesterday: string;
  otherDay(date: Date, timeZone: string): string;
}

/** Today's, yesterday's or another day's label for the day `date` falls on, in the site's time zone. */
export function dayLabel(
  date: Date,
  now: Date,
  timeZone: string,
  words: DayWords,
): string {
  const day = dayKey(date, timeZone);
  if (day === dayKey(now, timeZone)) return words.today;
  // Noon-to-noon steps are safe across DST changes: a calendar day is never 12 h off.
  const yesterday = new Date(
    Date.parse(`${dayKey(now, timeZone)}T12:00:00Z`) - 86_400_000,
  );
  if (day === yesterday.toISOString().slice(0, 10)) return words.yesterday;
  return words.otherDay(date, timeZone);
}

const FRENCH_DAYS: DayWords = {
  today: 'Aujourd’hui',
  yesterday: 'Hier',
  otherDay: (date, timeZone) => formatter(timeZone, 'day').format(date),
};

/** « Aujourd’hui », « Hier », or « mardi 26 novembre » for the day `date` falls on. */
export function relativeDayLabel(
  date: Date,
  now: Date,
  timeZone: string,
): string {
  return dayLabel(date, now, timeZone, FRENCH_DAYS);
}

/** `2026-11-28T12:03:00+01:00`: ISO 8601 with the site's offset, for <time datetime> and feeds. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000)
    .toISOString()
    .slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// Asking Intl for an offset costs microseconds, and feeds and sitemaps ask thousands of times.
// Offsets change at most once a day, so a day whose first and last minutes agree has one offset
// throughout: two questions per day, remembered. Only a day with a change asks for each date.
const dayOffsets = new Map<string, { start: number; end: number }>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const DAY = 86_400_000;

function offsetMinutes(date: Date, timeZone: string): number {
  const day = Math.floor(date.getTime() / DAY);
  const key = `${timeZone}|${day}`;
  let known = dayOffsets.get(key);
  if (!known) {
    known = {
      start: askOffset(new Date(day * DAY), timeZone),
      end: askOffset(new Date((day + 1) * DAY - 60_000), timeZone),
    };
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(key, known);
  }
  return known.start === known.end ? known.start : askOffset(date, timeZone);
}

function askOffset(date: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f)
    offsetFormatters.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        timeZoneName: 'longOffset',
      })),
    );
  const name =
    f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ??
    'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match
    ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
    : 0;
}

/** The offset of `timeZone` from UTC at `date`, in milliseconds (e.g. +3 600 000 for UTC+1). */
function offsetMs(date: Date, timeZone: string): number {
  const iso = isoWithOffset(date, timeZone);
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/**
 * A wall-clock time typed in the site's time zone (`2026-11-28T12:03`, from a datetime-local
 * field) as an instant; null if it is not a valid time.
 */
export function zonedLocalToDate(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
  );
  if (Number.isNaN(asUtc)) return null;
  // Two passes settle the offset even next to a DST change.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** An instant as the value of a datetime-local field in the site's time zone. */
export function toZonedLocal(date: Date, timeZone: string): string {
  return isoWithOffset(date, timeZone).slice(0, 16);
}

/** `2026-11-28` → its first instant and the next day's, in the site's time zone. */
export function dayRange(
  day: string,
  timeZone: string,
): { start: Date; end: Date } {
  const start = zonedLocalToDate(`${day}T00:00`, timeZone)!;
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { start, end: zonedLocalToDate(`${next}T00:00`, timeZone)! };
}

/** The day before `day` (noon-to-noon steps are safe across DST changes). */
export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/*
 * The schedule form types a date and a time as two text fields in French order (« 28/11/2026 »,
 * « 12:03 » or « 12h03 »), not a datetime-local field: a browser shows that one in its own
 * locale, with a 12-hour clock in an en-US browser, and the newsroom reads 24-hour time only.
 */
const FRENCH_DAY = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
const FRENCH_TIME = /^\s*(\d{1,2})\s*[:hH]\s*(\d{2})\s*$/;

/** « 28/11/2026 » and « 12:03 » typed in the site's time zone → an instant; null if invalid. */
export function frenchFieldsToDate(
  day: string,
  time: string,
  timeZone: string,
): Date | null {
  const d = FRENCH_DAY.exec(day);
  const t = FRENCH_TIME.exec(time);
  if (!d || !t) return null;
  const [dd, mm, yyyy, hh, min] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (hh! > 23 || min! > 59) return null;
  // Date.UTC rolls 31/02 over to March: a day that does not exist is refused instead.
  const check = new Date(Date.UTC(yyyy!, mm! - 1, dd!));
  if (check.getUTCMonth() !== mm! - 1 || check.getUTCDate() !== dd!)
    return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return zonedLocalToDate(
    `${yyyy}-${pad(mm!)}-${pad(dd!)}T${pad(hh!)}:${pad(min!)}`,
    timeZone,
  );
}

/** An instant as the schedule form's two fields: `{ day: '28/11/2026', time: '12:03' }`. */
export function toFrenchFields(
  date: Date,
  timeZone: string,
): { day: string; time: string } {
  const local = toZonedLocal(date, timeZone);
  const [y, m, d] = local.slice(0, 10).split('-');
  return { day: `${d}/${m}/${y}`, time: local.slice(11, 16) };
}
