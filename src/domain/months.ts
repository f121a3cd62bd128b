/**
 * Calendar months in UTC, as monthly sitemaps are cut (`articles-2026-11.xml`). UTC keeps the
 * boundaries plain instants that both databases compare as they store them; a reader never sees
 * these names.
 */

/** `2026-11` for any instant in November 2026 (UTC). */
export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** The instants [from, to) a month key covers, or null for anything that is not `YYYY-MM`. */
export function monthRange(key: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]),
    month = Number(m[2]);
  return {
    from: new Date(Date.UTC(year, month - 1, 1)),
    to: new Date(Date.UTC(year, month, 1)),
  };
}

/** Every month key from `first` to `last` inclusive, oldest first. */
export function monthsBetween(first: Date, last: Date): string[] {
  const keys: string[] = [];
  let year = first.getUTCFullYear(),
    month = first.getUTCMonth();
  const end = last.getUTCFullYear() * 12 + last.getUTCMonth();
  while (year * 12 + month <= end) {
    keys.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
  return keys;
}
