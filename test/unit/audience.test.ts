import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referrerKind } from '../../src/audience/referrerKind.ts';
import { dayRange, previousDay } from '../../src/domain/frenchDates.ts';
import { hourOf } from '../../src/db/repos/audience.ts';

test('referrer kinds: search, social, newsletter, internal, other, direct; nothing else is kept', () => {
  const site = ['journal.example'];
  const cases: [string | undefined, string | undefined, string][] = [
    ['https://www.google.co.ma/', undefined, 'search'],
    ['https://news.google.com/articles/x', undefined, 'search'],
    ['https://duckduckgo.com/', undefined, 'search'],
    ['https://l.facebook.com/l.php?u=x', undefined, 'social'],
    ['https://t.co/abc', undefined, 'social'],
    ['https://www.linkedin.com/feed/', undefined, 'social'],
    ['https://mail.google.com/mail/u/0/', undefined, 'newsletter'],
    ['https://www.bing.com/', 'newsletter', 'newsletter'],
    [undefined, 'email', 'newsletter'],
    ['https://journal.example/rubrique/sport', undefined, 'internal'],
    ['https://autre-journal.ma/', undefined, 'other'],
    ['pas une adresse', undefined, 'other'],
    [undefined, undefined, 'direct'],
    ['', 'cpc', 'direct'],
  ];
  for (const [referrer, medium, kind] of cases)
    assert.equal(
      referrerKind(referrer, site, medium),
      kind,
      `${referrer} ${medium}`,
    );
});

test('days in the site’s time zone: bounds, the day before, hour buckets', () => {
  assert.deepEqual(dayRange('2025-07-10', 'Africa/Casablanca'), {
    start: new Date('2025-07-09T23:00:00Z'),
    end: new Date('2025-07-10T23:00:00Z'),
  });
  // Paris changes its clocks on 30 March 2025: that day has 23 hours.
  const dst = dayRange('2025-03-30', 'Europe/Paris');
  assert.equal((dst.end.getTime() - dst.start.getTime()) / 3_600_000, 23);
  assert.equal(previousDay('2025-03-01'), '2025-02-28');
  assert.equal(previousDay('2024-03-01'), '2024-02-29');
  assert.deepEqual(
    hourOf(new Date('2025-07-10T11:59:59.999Z')),
    new Date('2025-07-10T11:00:00Z'),
  );
});
