import { describe, expect, it } from 'vitest';
import {
  directionOf, formatBucket, formatChange, formatCompact, formatDateTime, formatDay, formatDayOfMonth, formatHour, formatPercentChange,
  formatRange, formatValue, formatWeekday, localeOf, type DisplayPrefs,
} from './index.js';

const arArab: DisplayPrefs = { lang: 'ar', digits: 'arab', calendar: 'gregory' };
const arLatn: DisplayPrefs = { lang: 'ar', digits: 'latn', calendar: 'gregory' };
const enLatn: DisplayPrefs = { lang: 'en', digits: 'latn', calendar: 'gregory' };
const arHijri: DisplayPrefs = { lang: 'ar', digits: 'arab', calendar: 'hijri' };
const count = { unit: 'count', decimals: 0 };
/** Drops the invisible bidi marks Intl adds around Arabic signs, so assertions read as the user sees them. */
const visible = (text: string) => text.replace(/[\u061C\u200E\u200F]/g, '');

describe('locale', () => {
  it('always names the calendar, because ar-SA defaults to the Hijri calendar', () => {
    expect(localeOf(arArab)).toBe('ar-SA-u-ca-gregory-nu-arab');
    expect(localeOf(arHijri)).toBe('ar-SA-u-ca-islamic-umalqura-nu-arab');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });
});

describe('numbers', () => {
  it('writes the Tabuk office-visits figure in the chosen digits', () => {
    expect(formatValue(1733, count, arArab)).toBe('١٬٧٣٣');
    expect(formatValue(1733, count, arLatn)).toBe('1,733');
    expect(formatValue(1733, count, enLatn)).toBe('1,733');
    expect(formatValue(1733, count, { ...enLatn, digits: 'arab' })).toBe('١٬٧٣٣');
  });

  it('writes the Tabuk change as a signed percent with two decimals', () => {
    expect(formatPercentChange(-67.8717, enLatn)).toBe('-67.87%');
    expect(visible(formatPercentChange(-67.8717, arArab))).toBe('-٦٧٫٨٧٪');
    expect(formatPercentChange(12.5, enLatn)).toBe('+12.50%');
    expect(formatPercentChange(null, enLatn)).toBe('—');
  });

  it('formats percent metrics from percents, and their changes in points', () => {
    expect(formatValue(92.345, { unit: 'percent', decimals: 1 }, enLatn)).toBe('92.3%');
    expect(formatChange(-1.5, { unit: 'percent', decimals: 1 }, enLatn)).toBe('-1.5 pp');
    expect(visible(formatChange(2.25, { unit: 'percent', decimals: 2 }, arArab))).toBe('+٢٫٢٥ نقطة مئوية');
  });

  it('formats hours, counts and empty values', () => {
    expect(formatValue(12.5, { unit: 'hours', decimals: 1 }, enLatn)).toBe('12.5 hrs');
    expect(formatChange(340, count, enLatn)).toBe('+340');
    expect(formatValue(null, count, arArab)).toBe('—');
    expect(formatValue(Number.NaN, count, arArab)).toBe('—');
  });

  it('shortens axis ticks', () => {
    expect(formatCompact(6_200_000, count, enLatn)).toBe('6.2m');
    expect(formatCompact(6_200_000, count, arArab).replace(/\s/g, ' ')).toBe('٦٫٢ مليون');
  });
});

describe('dates', () => {
  it('writes a day in the Gregorian or the Umm al-Qura calendar', () => {
    expect(formatDay('2024-06-30', arArab)).toBe('٣٠ يونيو ٢٠٢٤');
    expect(formatDay('2024-06-30', arHijri)).toBe('٢٤ ذو الحجة ١٤٤٥ هـ');
    expect(formatDay('2024-06-30', enLatn)).toBe('30 June 2024');
  });

  it('writes the day of its month in the chosen calendar (the completeness grid’s columns)', () => {
    expect(formatDayOfMonth('2024-06-30', arArab)).toBe('٣٠');
    expect(formatDayOfMonth('2024-06-30', arHijri)).toBe('٢٤'); // 24 Dhu al-Hijjah 1445
    expect(formatDayOfMonth('2024-07-07', { ...enLatn, calendar: 'hijri' })).toBe('1'); // 1 Muharram 1446
  });

  it('never shifts a Riyadh day by the viewer’s time zone', () => {
    // Midnight and the last minute of a day stay on that day, whatever TZ the process runs in.
    expect(formatDateTime('2024-06-30 23:59:00', enLatn)).toMatch(/^30 Jun 2024/);
    expect(formatDateTime('2024-06-30T00:00:00', enLatn)).toMatch(/^30 Jun 2024/);
    expect(formatDateTime('2024-06-30', enLatn)).toBe('30 June 2024');
    // An instant (an upload time, UTC) is written at Riyadh's wall clock: 22:30 UTC is 01:30 the next day.
    expect(formatDateTime('2024-06-30T22:30:00.000Z', enLatn)).toMatch(/^1 Jul 2024.*01:30/);
  });

  it('writes ranges, buckets, weekdays and hours', () => {
    expect(formatRange({ from: '2024-01-01', to: '2024-06-30' }, enLatn).replace(/\s/g, ' ')).toBe('1 Jan – 30 Jun 2024');
    expect(formatBucket('2024-03-01', 'MONTH', enLatn)).toBe('Mar 2024');
    expect(formatBucket('2024-03-01', 'YEAR', arArab)).toBe('٢٠٢٤');
    // Hijri buckets by their Hijri month or year, whatever the reader's calendar.
    expect(formatBucket('2025-03-01', 'HIJRI_MONTH', arArab)).toBe('رمضان ١٤٤٦ هـ');
    expect(formatBucket('2025-03-01', 'HIJRI_MONTH', enLatn)).toBe('Ram. 1446 AH');
    expect(formatBucket('2024-07-07', 'HIJRI_YEAR', arHijri)).toBe('١٤٤٦ هـ');
    expect(formatWeekday(0, arArab)).toBe('الأحد');
    expect(formatWeekday(6, enLatn)).toBe('Saturday');
    expect(formatHour(13, enLatn)).toBe('13');
  });
});
