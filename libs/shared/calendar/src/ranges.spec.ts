import { describe, expect, it } from 'vitest';
import { bucketsOf, bucketStart, formatHijriBucket } from './buckets.js';
import { addDays, addYears, todayInRiyadh } from './days.js';
import { fromHijri, hijriMonthRange, hijriYearRange, toHijri } from './hijri.js';
import { comparisonRange, resolvePreset, validateRange } from './ranges.js';

/** The Gregorian days on which Intl's Umm al-Qura calendar starts a Hijri month, by a plain scan of days. */
function intlMonthStarts(from: string, to: string): string[] {
  const day = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', timeZone: 'UTC' });
  const starts: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (day.format(new Date(`${date}T00:00:00Z`)) === '1') starts.push(date);
  return starts;
}

describe('Hijri (Umm al-Qura through Intl)', () => {
  it('knows Ramadan 1445 = 2024-03-11..2024-04-09', () => {
    expect(hijriMonthRange(1445, 9)).toEqual({ from: '2024-03-11', to: '2024-04-09' });
  });
  it('converts both ways', () => {
    expect(toHijri('2024-07-07')).toEqual({ year: 1446, month: 1, day: 1 });
    expect(fromHijri({ year: 1446, month: 1, day: 1 })).toBe('2024-07-07');
    expect(fromHijri({ year: 1400, month: 1, day: 1 })).toBe('1979-11-21');
  });
  it('ramadan preset is the latest Ramadan begun, compared with the previous Ramadan', () => {
    const range = resolvePreset('ramadan', '2024-05-01');
    expect(range).toMatchObject({ from: '2024-03-11', to: '2024-04-09' });
    expect(comparisonRange(range, 'SAME_PERIOD_LAST_YEAR')).toEqual(hijriMonthRange(1444, 9));
    // during Ramadan the range stops at today
    expect(resolvePreset('ramadan', '2024-03-20')).toMatchObject({ from: '2024-03-11', to: '2024-03-20' });
    // before this Hijri year's Ramadan, it is last year's
    expect(resolvePreset('ramadan', '2024-01-15')).toMatchObject(hijriMonthRange(1444, 9));
  });
  it('hijri year presets', () => {
    expect(resolvePreset('last_hijri_year', '2024-08-01')).toMatchObject({ from: '2023-07-19', to: '2024-07-06' });
    const thisYear = resolvePreset('this_hijri_year', '2024-07-16');
    expect(thisYear).toMatchObject({ from: '2024-07-07', to: '2024-07-16' });
    expect(comparisonRange(thisYear, 'SAME_PERIOD_LAST_YEAR')).toEqual({ from: '2023-07-19', to: '2023-07-28' });
  });
});

describe('Hijri buckets, comparison and seasons', () => {
  const year1446 = hijriYearRange(1446);
  it('1446 is 2024-07-07..2025-06-25, as Intl gives it', () => {
    expect(year1446).toEqual({ from: '2024-07-07', to: '2025-06-25' });
  });
  it('Hijri months of 1446: 12 buckets starting on the days Intl gives for each 1 Muharram … 1 Dhu al-Hijjah', () => {
    const buckets = bucketsOf(year1446, 'HIJRI_MONTH');
    const starts = intlMonthStarts(year1446.from, year1446.to);
    expect(starts).toHaveLength(12);
    expect(buckets.map((b) => b.start)).toEqual(starts);
    expect(starts[8]).toBe('2025-03-01'); // 1 Ramadan 1446
    // Each bucket ends the day before the next begins; the last ends with the year.
    buckets.forEach((b, i) => expect(addDays(b.to, 1)).toBe(buckets[i + 1]?.from ?? addDays(year1446.to, 1)));
  });
  it('Hijri quarters and years, clipped to the range', () => {
    const starts = intlMonthStarts(year1446.from, year1446.to);
    expect(bucketsOf(year1446, 'HIJRI_QUARTER').map((b) => b.start)).toEqual([starts[0], starts[3], starts[6], starts[9]]);
    expect(bucketsOf({ from: '2024-01-01', to: '2024-12-31' }, 'HIJRI_YEAR')).toEqual([
      { start: '2023-07-19', from: '2024-01-01', to: '2024-07-06' },
      { start: '2024-07-07', from: '2024-07-07', to: '2024-12-31' },
    ]);
    expect(bucketStart('2025-03-15', 'HIJRI_MONTH')).toBe('2025-03-01');
  });
  it('Hijri buckets are labelled by Intl in the reader\'s language and digits', () => {
    expect(formatHijriBucket('2025-03-01', 'HIJRI_MONTH', 'ar-SA-u-ca-islamic-umalqura-nu-arab')).toBe('رمضان ١٤٤٦ هـ');
    expect(formatHijriBucket('2024-07-07', 'HIJRI_QUARTER', 'en-GB-u-ca-islamic-umalqura-nu-latn')).toBe('Muharram – Rabiʻ I 1446 AH');
    expect(formatHijriBucket('2024-07-07', 'HIJRI_YEAR', 'ar-SA-u-ca-islamic-umalqura-nu-latn')).toBe('1446 هـ');
    expect(() => formatHijriBucket('2024-07-07', 'HIJRI_YEAR', 'ar-SA-u-ca-gregory')).toThrow(/islamic-umalqura/);
  });
  it('the Hijri comparison of 1446 is 1445, of any range the same Hijri dates a Hijri year earlier', () => {
    expect(comparisonRange(year1446, 'SAME_PERIOD_LAST_HIJRI_YEAR')).toEqual(hijriYearRange(1445));
    // 10–20 Ramadan 1446 → 10–20 Ramadan 1445
    const range = { from: fromHijri({ year: 1446, month: 9, day: 10 }), to: fromHijri({ year: 1446, month: 9, day: 20 }) };
    expect(comparisonRange(range, 'SAME_PERIOD_LAST_HIJRI_YEAR')).toEqual({
      from: fromHijri({ year: 1445, month: 9, day: 10 }), to: fromHijri({ year: 1445, month: 9, day: 20 }),
    });
    // A whole Hijri month stays whole though the lengths differ: Ramadan 1446 had 29 days, Ramadan 1445 30.
    expect(comparisonRange(hijriMonthRange(1446, 9), 'SAME_PERIOD_LAST_HIJRI_YEAR')).toEqual(hijriMonthRange(1445, 9));
  });
  it.each([
    // The days Intl gives: Ramadan 1445 began 2024-03-11; 29 Ramadan 1445 was 2024-04-08; 1 Dhu al-Hijjah 1445 2024-06-07.
    ['ramadan', 1445, '2024-03-11', '2024-04-09'],
    ['eid_al_fitr', 1445, '2024-04-09', '2024-04-12'],
    ['hajj_season', 1445, '2024-06-07', '2024-06-19'],
    ['eid_al_adha', 1445, '2024-06-15', '2024-06-18'],
    ['eid_al_adha', 1446, '2025-06-05', '2025-06-08'],
  ] as const)('season %s of %i resolves to %s..%s', (preset, year, from, to) => {
    const range = resolvePreset(preset, '2026-01-01', year);
    expect(range).toMatchObject({ from, to });
    expect(toHijri(from)).toMatchObject({ year });
    // Compared with the same season a Hijri year earlier.
    const before = resolvePreset(preset, '2026-01-01', year - 1);
    expect(comparisonRange(range, 'SAME_PERIOD_LAST_HIJRI_YEAR')).toEqual({ from: before.from, to: before.to });
  });
  it('a season without a year is the latest begun; one not begun is refused', () => {
    expect(resolvePreset('eid_al_adha', '2024-06-16')).toMatchObject({ from: '2024-06-15', to: '2024-06-16' });
    expect(resolvePreset('eid_al_adha', '2024-06-01')).toMatchObject({ from: '2023-06-27', to: '2023-06-30' });
    expect(() => resolvePreset('hajj_season', '2024-06-01', 1445)).toThrow(/hajj_season 1445 has not begun \(it starts on 2024-06-07\)/);
    expect(() => resolvePreset('this_month', '2024-06-01', 1445)).toThrow(/hijriYear goes with a season preset/);
    expect(() => resolvePreset('ramadan', '2024-06-01', 99)).toThrow(/Hijri year from 1400 to 1500/);
  });
});

describe('Gregorian presets and comparisons', () => {
  const today = '2024-08-15';
  it.each([
    ['today', '2024-08-15', '2024-08-15'],
    ['yesterday', '2024-08-14', '2024-08-14'],
    ['last_7_days', '2024-08-09', '2024-08-15'],
    ['last_30_days', '2024-07-17', '2024-08-15'],
    ['this_month', '2024-08-01', '2024-08-15'],
    ['last_month', '2024-07-01', '2024-07-31'],
    ['this_quarter', '2024-07-01', '2024-08-15'],
    ['last_quarter', '2024-04-01', '2024-06-30'],
    ['this_year', '2024-01-01', '2024-08-15'],
    ['ytd', '2024-01-01', '2024-08-15'],
    ['last_year', '2023-01-01', '2023-12-31'],
    ['h1', '2024-01-01', '2024-06-30'],
    ['h2', '2024-07-01', '2024-08-15'],
    ['last_2_years', '2022-08-16', '2024-08-15'],
    ['all_time', '2014-08-16', '2024-08-15'],
  ] as const)('%s', (preset, from, to) => {
    expect(resolvePreset(preset, today)).toMatchObject({ from, to });
  });
  it('last_month and last_quarter cross the year boundary', () => {
    expect(resolvePreset('last_month', '2024-01-10')).toMatchObject({ from: '2023-12-01', to: '2023-12-31' });
    expect(resolvePreset('last_quarter', '2024-02-10')).toMatchObject({ from: '2023-10-01', to: '2023-12-31' });
  });
  it('previous period has the same length, just before: in months for whole months, in days otherwise', () => {
    expect(comparisonRange({ from: '2024-01-01', to: '2024-06-30' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2023-07-01', to: '2023-12-31' });
    expect(comparisonRange({ from: '2024-01-01', to: '2024-12-31' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(comparisonRange({ from: '2024-03-01', to: '2024-03-31' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(comparisonRange({ from: '2024-01-01', to: '2024-02-29' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2023-11-01', to: '2023-12-31' });
    expect(comparisonRange({ from: '2020-01-01', to: '2024-12-31' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2015-01-01', to: '2019-12-31' });
    // Not whole months: the same number of days (10 days; 2024-01-01..2024-06-29 is 181 days).
    expect(comparisonRange({ from: '2024-03-05', to: '2024-03-14' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2024-02-24', to: '2024-03-04' });
    expect(comparisonRange({ from: '2024-01-01', to: '2024-06-29' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2023-07-04', to: '2023-12-31' });
  });
  it('same period last year shifts by a year (29 February becomes the 28th)', () => {
    expect(comparisonRange({ from: '2024-01-01', to: '2024-06-30' }, 'SAME_PERIOD_LAST_YEAR')).toEqual({ from: '2023-01-01', to: '2023-06-30' });
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(comparisonRange({ from: '2024-01-01', to: '2024-01-31' }, 'NONE')).toBeUndefined();
  });
  it('validates explicit ranges', () => {
    expect(() => validateRange({ from: '2024-02-30', to: '2024-03-01' })).toThrow(/range.from must be a date/);
    expect(() => validateRange({ from: '2024-03-02', to: '2024-03-01' })).toThrow(/inverted/);
    expect(() => validateRange({ from: '2010-01-01', to: '2024-03-01' })).toThrow(/longer than 10 years/);
    expect(validateRange({ from: '2015-01-02', to: '2025-01-01' })).toEqual({ from: '2015-01-02', to: '2025-01-01' });
  });
  it('today is the Riyadh date (UTC+3)', () => {
    expect(todayInRiyadh(new Date('2024-06-30T21:30:00Z'))).toBe('2024-07-01');
    expect(todayInRiyadh(new Date('2024-06-30T20:59:00Z'))).toBe('2024-06-30');
  });
});

describe('buckets', () => {
  it('weeks start on Sunday', () => {
    expect(bucketStart('2024-08-15', 'WEEK')).toBe('2024-08-11'); // a Thursday → the Sunday before
    expect(bucketStart('2024-08-11', 'WEEK')).toBe('2024-08-11');
  });
  it('cover the range, the first and last clipped', () => {
    expect(bucketsOf({ from: '2024-02-15', to: '2024-05-10' }, 'QUARTER')).toEqual([
      { start: '2024-01-01', from: '2024-02-15', to: '2024-03-31' },
      { start: '2024-04-01', from: '2024-04-01', to: '2024-05-10' },
    ]);
    expect(bucketsOf({ from: '2024-01-01', to: '2024-12-31' }, 'MONTH')).toHaveLength(12);
    expect(bucketsOf({ from: '2024-01-01', to: '2024-12-31' }, 'DAY')).toHaveLength(366);
  });
});
