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

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-28T12:03:00+01:00`: ISO 8601 with the site's offset, for <time datetime> and feeds. */
export function isoWithOffset(date: Date, timeZone: string): string {
  // Building an Intl.DateTimeFormat costs about half a millisecond: keep one per time zone.
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    });
    offsetFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}
