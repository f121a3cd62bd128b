import { dayLabel, type DayWords } from './frenchDates.ts';

/**
 * Dates as Moroccan Arabic readers expect them, the Arabic twin of domain/frenchDates.ts (the
 * same rules: site time zone, 24-hour clock, « اليوم » / « أمس » in the fil info).
 * `ar-MA` is Moroccan Arabic: months as Morocco names them (« يوليوز », « غشت »), and Western
 * digits (0-9), which Hespress, Le360 and Médias24's Arabic sister all print — pinned with
 * `nu-latn` so an ICU update cannot switch them to Arabic-Indic digits.
 * « الخميس، 10 يوليوز 2025 في 12:03 ».
 */
const LOCALE = 'ar-MA-u-nu-latn';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  timeZone: string,
  kind: 'full' | 'time' | 'day' | 'longDate',
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
        hourCycle: 'h23',
      },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      longDate: {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      },
    };
    f = new Intl.DateTimeFormat(LOCALE, { ...options[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** « الخميس، 10 يوليوز 2025 في 12:03 » */
export function formatArabicFullDate(date: Date, timeZone: string): string {
  return formatter(timeZone, 'full').format(date);
}

/** « 12:03 » */
export function formatArabicTime(date: Date, timeZone: string): string {
  return formatter(timeZone, 'time').format(date);
}

/** « الخميس، 10 يوليوز 2025 » */
export function formatArabicLongDate(date: Date, timeZone: string): string {
  return formatter(timeZone, 'longDate').format(date);
}

const ARABIC_DAYS: DayWords = {
  today: 'اليوم',
  yesterday: 'أمس',
  otherDay: (date, timeZone) => formatter(timeZone, 'day').format(date),
};

/** « اليوم », « أمس », or « الثلاثاء، 8 يوليوز » for the day `date` falls on (the French rule: frenchDates.ts dayLabel). */
export function arabicRelativeDayLabel(
  date: Date,
  now: Date,
  timeZone: string,
): string {
  return dayLabel(date, now, timeZone, ARABIC_DAYS);
}
