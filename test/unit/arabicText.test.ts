import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTerms, terms, tokenize } from '../../src/search/normalize.ts';
import { slugFromTitle } from '../../src/domain/slug.ts';
import { termBag } from '../../src/editorial/signature.ts';
import { extractEntities } from '../../src/editorial/entities.ts';
import {
  arabicRelativeDayLabel,
  formatArabicFullDate,
  formatArabicLongDate,
  formatArabicTime,
} from '../../src/domain/arabicDates.ts';

test('Arabic folding: alef forms, taa marbuta, alef maqsura, harakat, tatweel, digits', () => {
  const same = (a: string, b: string) =>
    assert.deepEqual(indexTerms(a), indexTerms(b), `${a} / ${b}`);
  same('الأمطار', 'الامطار');
  same('إنتاج', 'انتاج');
  same('آسفي', 'اسفي');
  same('الحكومة', 'الحكومه');
  same('مستشفى', 'مستشفي');
  same('مُدَرِّسَة', 'مدرسة');
  same('المغـــرب', 'المغرب');
  assert.deepEqual(indexTerms('٢٠٢٦ ۲۰۲۶'), ['2026', '2026']);
});

test('Arabic stemming: the article and glued prepositions go, sound plurals meet', () => {
  const same = (a: string, b: string) =>
    assert.deepEqual(indexTerms(a), indexTerms(b), `${a} / ${b}`);
  same('الوزير', 'وزير');
  same('بالرباط', 'الرباط');
  same('والرباط', 'الرباط');
  same('للطاقة', 'الطاقة');
  same('الانتخابات', 'انتخابات');
  same('المستثمرين', 'مستثمر');
  assert.deepEqual(indexTerms('في من على'), [], 'stop words');
});

test('mixed scripts: each word gets its own language', () => {
  assert.deepEqual(indexTerms('ONCF القطارات voitures'), [
    'oncf',
    ...indexTerms('قطار'),
    'voitur',
  ]);
});

test('offsets stay those of the written text, harakat included', () => {
  const text = 'قال الْوَزِيرُ';
  const t = tokenize(text).find((x) => x.term === indexTerms('وزير')[0]);
  assert.ok(t);
  assert.equal(text.slice(t.start, t.end), 'الْوَزِيرُ');
});

test('editorial terms (duplicate guard): harakat do not split words, figures read whole', () => {
  assert.deepEqual(terms('مُدَرِّسَة'), terms('مدرسة'));
  assert.ok(terms('مُدَرِّسَة').length === 1);
  assert.deepEqual(terms('٤٠ مليار درهم'), terms('40 مليار درهم'));
  const a = termBag({
    title: 'بنك المغرب يخفض سعر الفائدة الرئيسي',
    lead: 'قرر مجلس بنك المغرب خفض سعر الفائدة',
    body: 'برر المجلس قراره بعودة التضخم إلى ما دون 2 في المائة',
  });
  const b = termBag({
    title: 'بنكُ المغربِ يُخفِّض سعرَ الفائدةِ الرئيسيَّ',
    lead: 'قرر مجلس بنك المغرب خفض سعر الفائدة',
    body: 'برر المجلس قراره بعودة التضخم إلى ما دون ٢ في المائة',
  });
  assert.deepEqual(a.distinct, b.distinct, 'a vowelled copy reads the same');
  assert.equal(a.hash, b.hash);
  assert.deepEqual(a.shingles, b.shingles);
});

test('entity suggestions on Arabic copy: the Latin names inside it are still found', () => {
  const names = extractEntities(
    'قرر مجلس بنك المغرب (Bank Al-Maghrib) خفض سعر الفائدة، وسيزور Mohammed Benali مدينة Casablanca.',
  ).map((e) => e.name);
  assert.deepEqual(names.sort(), [
    'Bank Al-Maghrib',
    'Casablanca',
    'Mohammed Benali',
  ]);
});

test('slugs of Arabic titles keep the Arabic words, folded', () => {
  assert.equal(
    slugFromTitle('الحكومة تُعلن عن برنامج جديد لبناء المدارس في ٢٠٢٦'),
    'الحكومة-تعلن-عن-برنامج-جديد-لبناء-المدارس-في-2026',
  );
});

test('Arabic dates: ar-MA months, Western digits, 24-hour clock, « اليوم » and « أمس »', () => {
  const tz = 'Africa/Casablanca';
  const now = new Date('2025-07-10T11:03:00Z');
  assert.equal(
    formatArabicFullDate(now, tz),
    'الخميس، 10 يوليوز 2025 في 12:03',
  );
  assert.equal(formatArabicTime(new Date('2025-07-10T21:30:00Z'), tz), '22:30');
  assert.equal(
    arabicRelativeDayLabel(new Date('2025-07-10T00:30:00Z'), now, tz),
    'اليوم',
  );
  assert.equal(
    arabicRelativeDayLabel(new Date('2025-07-09T23:30:00Z'), now, tz),
    'اليوم',
    'after midnight in Casablanca',
  );
  assert.equal(
    arabicRelativeDayLabel(new Date('2025-07-09T12:00:00Z'), now, tz),
    'أمس',
  );
  assert.equal(
    arabicRelativeDayLabel(new Date('2025-07-08T12:00:00Z'), now, tz),
    'الثلاثاء، 8 يوليوز',
  );
  assert.equal(
    formatArabicLongDate(new Date('2025-08-05T12:00:00Z'), tz),
    'الثلاثاء، 5 غشت 2025',
  );
});
