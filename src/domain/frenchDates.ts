/**
 * Dates as French readers expect them, in the site's time zone (Intl with full ICU).
 * « jeudi 28 novembre 2026 à 12:03 », « 12:03 », « Hier », « mardi 26 novembre ».
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'full' | 'time' | 'day' | 'dayKey' | 'date' | 'longDate'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      date: { day: 'numeric', month: 'long', year: 'numeric' },
      longDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      dayKey: { year: 'numeric', month: '2-digit', day: '2-digit' },
    };
    f = new Intl.DateTimeFormat(kind === 'dayKey' ? 'en-CA' : 'fr-FR', { ...options[kind], timeZone });
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

/** « Aujourd’hui », « Hier », or « mardi 26 novembre » for the day `date` falls on. */
export function relativeDayLabel(date: Date, now: Date, timeZone: string): string {
  const day = dayKey(date, timeZone);
  if (day === dayKey(now, timeZone)) return 'Aujourd’hui';
  // Noon-to-noon steps are safe across DST changes: a calendar day is never 12 h off.
  const yesterday = new Date(Date.parse(`${dayKey(now, timeZone)}T12:00:00Z`) - 86_400_000);
  if (day === yesterday.toISOString().slice(0, 10)) return 'Hier';
  return formatter(timeZone, 'day').format(date);
}

/** `2026-11-28T12:03:00+01:00`: ISO 8601 with the site's offset, for <time datetime> and feeds. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
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
    known = { start: askOffset(new Date(day * DAY), timeZone), end: askOffset(new Date((day + 1) * DAY - 60_000), timeZone) };
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(key, known);
  }
  return known.start === known.end ? known.start : askOffset(date, timeZone);
}

function askOffset(date: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) offsetFormatters.set(timeZone, f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }));
  const name = f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
