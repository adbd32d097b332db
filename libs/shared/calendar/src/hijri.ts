import { addDays, fromDayNumber, toDayNumber, type IsoDate } from './days.js';

/**
 * The Umm al-Qura calendar, through Intl (ICU's islamic-umalqura): no hand-written month tables.
 * Gregorian → Hijri is a format call; Hijri → Gregorian searches days, since Hijri dates grow with the day number.
 */
export interface HijriDate {
  year: number;
  month: number; // 1 = Muharram … 9 = Ramadan … 12 = Dhu al-Hijjah
  day: number;
}

const formatter = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC',
});

export function toHijri(date: IsoDate): HijriDate {
  const fields = Object.fromEntries(
    formatter.formatToParts(new Date(`${date}T00:00:00Z`)).map((part) => [part.type, part.value]),
  );
  return { year: Number(fields.year), month: Number(fields.month), day: Number(fields.day) };
}

function compare(a: HijriDate, b: HijriDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The Gregorian day on which the given Hijri date falls. */
export function fromHijri(target: HijriDate): IsoDate {
  // Start from an estimate (a Hijri year is ~354.37 days, a month ~29.53; 1 Muharram 1446 was 2024-07-07)
  // and binary-search the ±40 days around it.
  const estimate = toDayNumber('2024-07-07') + (target.year - 1446) * 354.367 + (target.month - 1) * 29.53 + target.day - 1;
  let low = Math.floor(estimate) - 40;
  let high = Math.floor(estimate) + 40;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (compare(toHijri(fromDayNumber(mid)), target) < 0) low = mid + 1;
    else high = mid;
  }
  const found = fromDayNumber(low);
  if (compare(toHijri(found), target) !== 0) throw new RangeError(`No such Hijri date: ${target.year}-${target.month}-${target.day}`);
  return found;
}

/** First and last Gregorian day of a Hijri month. */
export function hijriMonthRange(year: number, month: number): { from: IsoDate; to: IsoDate } {
  const from = fromHijri({ year, month, day: 1 });
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return { from, to: addDays(fromHijri(next), -1) };
}

export function hijriYearRange(year: number): { from: IsoDate; to: IsoDate } {
  return { from: fromHijri({ year, month: 1, day: 1 }), to: addDays(fromHijri({ year: year + 1, month: 1, day: 1 }), -1) };
}

/** The first day of the Hijri month a day falls in: the days of a Hijri month are consecutive, so no search. */
export function hijriMonthStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - toHijri(date).day);
}

/** The first day of the next Hijri month after the one starting on `start` (a Hijri month has 29 or 30 days). */
export function nextHijriMonthStart(start: IsoDate): IsoDate {
  const after29 = addDays(start, 29);
  return toHijri(after29).day === 1 ? after29 : addDays(start, 30);
}

/**
 * The same Hijri date one Hijri year earlier. A day past the end of that month (30th of a month that had 29 days)
 * becomes its last day; with `monthEnd`, the last day of a Hijri month maps to the last day of the same month a year
 * earlier, so a range of whole Hijri months maps to whole Hijri months.
 */
export function sameHijriDateLastYear(date: IsoDate, monthEnd = false): IsoDate {
  const hijri = toHijri(date);
  const earlier = hijriMonthRange(hijri.year - 1, hijri.month);
  if (monthEnd && toHijri(addDays(date, 1)).day === 1) return earlier.to;
  const day = addDays(earlier.from, hijri.day - 1);
  return day < earlier.to ? day : earlier.to;
}
