import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayKey,
  formatFullDate,
  formatTime,
  isoWithOffset,
  relativeDayLabel,
} from '../../src/domain/frenchDates.ts';

const TZ = 'Africa/Casablanca';
// Summer 2025: Morocco on UTC+1, settled history in every tz database.
const lateEvening = new Date('2025-07-10T22:30:00Z'); // 23:30 on Thursday 10 July in Casablanca
const afterMidnight = new Date('2025-07-10T23:30:00Z'); // 00:30 on Friday 11 July in Casablanca

test('full French date with weekday, month name and 24-hour time', () => {
  assert.equal(
    formatFullDate(lateEvening, TZ),
    'jeudi 10 juillet 2025 à 23:30',
  );
  assert.equal(
    formatFullDate(afterMidnight, TZ),
    'vendredi 11 juillet 2025 à 00:30',
  );
});

test('HH:MM in the site time zone, not UTC', () => {
  assert.equal(formatTime(afterMidnight, TZ), '00:30');
  assert.equal(formatTime(new Date('2025-07-10T11:03:00Z'), TZ), '12:03');
});

test('the calendar day changes at local midnight, not at UTC midnight', () => {
  assert.equal(dayKey(lateEvening, TZ), '2025-07-10');
  assert.equal(dayKey(afterMidnight, TZ), '2025-07-11'); // still 10 July in UTC
});

test('relative day labels: today, yesterday, then the date', () => {
  const now = new Date('2025-07-11T08:00:00Z');
  assert.equal(relativeDayLabel(afterMidnight, now, TZ), 'Aujourd’hui');
  assert.equal(relativeDayLabel(lateEvening, now, TZ), 'Hier');
  assert.equal(
    relativeDayLabel(new Date('2025-07-09T10:00:00Z'), now, TZ),
    'mercredi 9 juillet',
  );
});

test('relative labels across a month and a year boundary', () => {
  assert.equal(
    relativeDayLabel(
      new Date('2024-12-31T12:00:00Z'),
      new Date('2025-01-01T09:00:00Z'),
      'UTC',
    ),
    'Hier',
  );
});

test('ISO 8601 with the local offset, for <time datetime>', () => {
  assert.equal(isoWithOffset(afterMidnight, TZ), '2025-07-11T00:30:00+01:00');
  assert.equal(
    isoWithOffset(new Date('2025-01-15T12:00:00Z'), 'UTC'),
    '2025-01-15T12:00:00+00:00',
  );
});
