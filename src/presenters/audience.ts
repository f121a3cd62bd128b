import type { DailyFigure } from '../db/repos/audience.ts';
import { formatLongDate } from '../domain/frenchDates.ts';
import type { LegalAudience } from '../views/site/layout.ts';

const frenchNumber = new Intl.NumberFormat('fr-FR');

/** « 1 234 » with French digit grouping. */
export function formatCount(n: number): string {
  return frenchNumber.format(n);
}

/** Yesterday's figure as the footer and the legal notice say it. */
export function presentLegalAudience(
  figure: DailyFigure,
  timeZone: string,
): LegalAudience {
  // Noon UTC of the day falls on that day in every zone within ±11 h.
  return {
    dayLabel: formatLongDate(new Date(`${figure.day}T12:00:00Z`), timeZone),
    visitors: formatCount(figure.visitors),
  };
}
