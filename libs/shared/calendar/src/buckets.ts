import { addDays, isoDate, parts, toDayNumber, fromDayNumber, type IsoDate } from './days.js';
import type { Granularity } from '@amanah/domain';
import type { DateRange } from './ranges.js';
import { fromHijri, hijriMonthStart, nextHijriMonthStart, toHijri } from './hijri.js';

export type { Granularity } from '@amanah/domain';

/** Buckets of the Umm al-Qura calendar: the SQL planner gets their first days as a parameter instead of a function. */
export function isHijriGranularity(granularity: Granularity): granularity is 'HIJRI_MONTH' | 'HIJRI_QUARTER' | 'HIJRI_YEAR' {
  return granularity.startsWith('HIJRI_');
}

/**
 * The start of the bucket a day falls in. Weeks start on Sunday, the first day of the Saudi working week; the SQL
 * planner uses the same convention (toStartOfWeek(day, 0)). Hijri quarters are months 1–3, 4–6, 7–9 and 10–12.
 */
export function bucketStart(date: IsoDate, granularity: Granularity): IsoDate {
  const { year, month } = parts(date);
  switch (granularity) {
    case 'DAY': return date;
    case 'WEEK': {
      const day = toDayNumber(date);
      const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      return fromDayNumber(day - weekday);
    }
    case 'MONTH': return isoDate(year, month, 1);
    case 'QUARTER': return isoDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'YEAR': return isoDate(year, 1, 1);
    case 'HIJRI_MONTH': return hijriMonthStart(date);
    case 'HIJRI_QUARTER': {
      const hijri = toHijri(date);
      return fromHijri({ year: hijri.year, month: Math.floor((hijri.month - 1) / 3) * 3 + 1, day: 1 });
    }
    case 'HIJRI_YEAR': return fromHijri({ year: toHijri(date).year, month: 1, day: 1 });
  }
}

function nextBucket(start: IsoDate, granularity: Granularity): IsoDate {
  const { year, month } = parts(start);
  switch (granularity) {
    case 'DAY': return addDays(start, 1);
    case 'WEEK': return addDays(start, 7);
    case 'MONTH': return isoDate(year, month + 1, 1);
    case 'QUARTER': return isoDate(year, month + 3, 1);
    case 'YEAR': return isoDate(year + 1, 1, 1);
    case 'HIJRI_MONTH': return nextHijriMonthStart(start);
    case 'HIJRI_QUARTER': return nextHijriMonthStart(nextHijriMonthStart(nextHijriMonthStart(start)));
    case 'HIJRI_YEAR': return fromHijri({ year: toHijri(start).year + 1, month: 1, day: 1 });
  }
}

/** Every bucket of the range, in order, with the part of the range it covers (the first and last may be partial). */
export function bucketsOf(range: DateRange, granularity: Granularity): Array<{ start: IsoDate; from: IsoDate; to: IsoDate }> {
  const buckets: Array<{ start: IsoDate; from: IsoDate; to: IsoDate }> = [];
  for (let start = bucketStart(range.from, granularity); start <= range.to; start = nextBucket(start, granularity)) {
    const end = addDays(nextBucket(start, granularity), -1);
    buckets.push({ start, from: start < range.from ? range.from : start, to: end > range.to ? range.to : end });
  }
  return buckets;
}

/**
 * The label of a Hijri bucket by its first day, in `locale` (which must carry `-u-ca-islamic-umalqura`): a month as
 * "Muharram 1446 AH" / "محرم ١٤٤٦ هـ", a quarter as its first and last months ("محرم – ربيع الأول ١٤٤٦ هـ"), a year
 * as "1446 AH". Intl writes every word, so a label needs no strings of its own.
 */
export function formatHijriBucket(date: IsoDate, granularity: 'HIJRI_MONTH' | 'HIJRI_QUARTER' | 'HIJRI_YEAR', locale: string, month: 'short' | 'long' = 'long'): string {
  if (!locale.includes('-ca-islamic-umalqura')) throw new Error(`formatHijriBucket needs an islamic-umalqura locale, got ${locale}`);
  const at = (day: IsoDate) => new Date(`${day}T00:00:00Z`);
  if (granularity === 'HIJRI_YEAR') return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(at(date));
  const format = new Intl.DateTimeFormat(locale, { month, year: 'numeric', timeZone: 'UTC' });
  if (granularity === 'HIJRI_MONTH') return format.format(at(date));
  const lastMonth = nextHijriMonthStart(nextHijriMonthStart(date));
  return format.formatRange(at(date), at(lastMonth)).replace(/[\u2009\u202F]/g, ' ');
}
