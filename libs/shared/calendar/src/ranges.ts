import type { Comparison } from '@amanah/domain';
import { addDays, addYears, daysInclusive, isIsoDate, isoDate, lastDayOfMonth, parts, toDayNumber, type IsoDate } from './days.js';
import { fromHijri, hijriMonthRange, hijriYearRange, sameHijriDateLastYear, toHijri } from './hijri.js';

/** A range of calendar days in Asia/Riyadh, both ends included. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export const RANGE_PRESETS = [
  'today', 'yesterday', 'last_7_days', 'last_30_days', 'this_month', 'last_month', 'this_quarter', 'last_quarter',
  'this_year', 'last_year', 'ytd', 'h1', 'h2', 'last_2_years', 'all_time',
  'this_hijri_year', 'last_hijri_year', 'ramadan', 'hajj_season', 'eid_al_fitr', 'eid_al_adha',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * Seasons of the Hijri year, each the Gregorian days Intl's Umm al-Qura calendar gives for it:
 * - `ramadan`: the whole month of Ramadan (9).
 * - `hajj_season`: 1–13 Dhu al-Hijjah, from the month's start, when pilgrims gather in Makkah, to the last day of
 *   Tashreeq, the last day pilgrims leave Mina.
 * - `eid_al_fitr`: the official four-day holiday of the private and non-profit sectors (Labor Law executive
 *   regulations, art. 24 §2, as the Ministry of Human Resources announces it each year): the four days after
 *   29 Ramadan.
 * - `eid_al_adha`: the same regulation's four days from the Day of Arafah, 9–12 Dhu al-Hijjah.
 */
export const SEASON_PRESETS = ['ramadan', 'hajj_season', 'eid_al_fitr', 'eid_al_adha'] as const;
export type SeasonPreset = (typeof SEASON_PRESETS)[number];

export function isSeasonPreset(preset: string): preset is SeasonPreset {
  return (SEASON_PRESETS as readonly string[]).includes(preset);
}

/** The Gregorian days of a season in a Hijri year. */
export function seasonRange(season: SeasonPreset, hijriYear: number): DateRange {
  switch (season) {
    case 'ramadan': return hijriMonthRange(hijriYear, 9);
    case 'hajj_season': return { from: fromHijri({ year: hijriYear, month: 12, day: 1 }), to: fromHijri({ year: hijriYear, month: 12, day: 13 }) };
    case 'eid_al_fitr': {
      const ramadan29 = fromHijri({ year: hijriYear, month: 9, day: 29 });
      return { from: addDays(ramadan29, 1), to: addDays(ramadan29, 4) };
    }
    case 'eid_al_adha': {
      const arafah = fromHijri({ year: hijriYear, month: 12, day: 9 });
      return { from: arafah, to: addDays(arafah, 3) };
    }
  }
}

/** Hijri years a season may be asked for (Intl's Umm al-Qura data covers them). */
export const HIJRI_YEAR_MIN = 1400;
export const HIJRI_YEAR_MAX = 1500;

export type { Comparison } from '@amanah/domain';

/** The longest range a query may ask for; longer ones are refused (and `all_time` means this far back). */
export const MAX_RANGE_YEARS = 10;

export class RangeError extends Error {
  override name = 'RangeError';
  constructor(readonly argument: string, message: string) {
    super(message);
  }
}

/** A resolved range, and how its comparison periods are found when they are not plain shifts of days. */
export interface ResolvedRange extends DateRange {
  preset?: RangePreset;
  /** For Hijri presets: the same Hijri period one Hijri year earlier. */
  hijriSamePeriodLastYear?: DateRange;
}

/**
 * Presets that name a period ("this month", "H1") cover that period up to today: days that have not happened yet
 * are not part of a range. `all_time` reaches back MAX_RANGE_YEARS. A season preset is the latest one begun, or with
 * `hijriYear` that year's (refused when it has not begun).
 */
export function resolvePreset(preset: RangePreset, today: IsoDate, hijriYear?: number): ResolvedRange {
  if (hijriYear !== undefined) {
    if (!isSeasonPreset(preset)) throw new RangeError('range.hijriYear', `range.hijriYear goes with a season preset (${SEASON_PRESETS.join(', ')}), not "${preset}"`);
    if (!Number.isInteger(hijriYear) || hijriYear < HIJRI_YEAR_MIN || hijriYear > HIJRI_YEAR_MAX) {
      throw new RangeError('range.hijriYear', `range.hijriYear must be a Hijri year from ${HIJRI_YEAR_MIN} to ${HIJRI_YEAR_MAX}, got ${hijriYear}`);
    }
    const season = seasonRange(preset, hijriYear);
    if (season.from > today) throw new RangeError('range.hijriYear', `${preset} ${hijriYear} has not begun (it starts on ${season.from})`);
    return { preset, from: season.from, to: minDate(season.to, today), hijriSamePeriodLastYear: seasonRange(preset, hijriYear - 1) };
  }
  const { year, month } = parts(today);
  const quarterStartMonth = Math.floor((month - 1) / 3) * 3 + 1;
  const upToToday = (from: IsoDate, to: IsoDate): ResolvedRange => ({ preset, from, to: to < today ? to : today });
  switch (preset) {
    case 'today': return { preset, from: today, to: today };
    case 'yesterday': return { preset, from: addDays(today, -1), to: addDays(today, -1) };
    case 'last_7_days': return { preset, from: addDays(today, -6), to: today };
    case 'last_30_days': return { preset, from: addDays(today, -29), to: today };
    case 'this_month': return upToToday(isoDate(year, month, 1), lastDayOfMonth(year, month));
    case 'last_month': {
      const from = isoDate(year, month - 1, 1);
      const p = parts(from);
      return { preset, from, to: lastDayOfMonth(p.year, p.month) };
    }
    case 'this_quarter': return upToToday(isoDate(year, quarterStartMonth, 1), lastDayOfMonth(year, quarterStartMonth + 2));
    case 'last_quarter': {
      const from = isoDate(year, quarterStartMonth - 3, 1);
      const p = parts(from);
      return { preset, from, to: lastDayOfMonth(p.year, p.month + 2) };
    }
    case 'this_year':
    case 'ytd': return { preset, from: isoDate(year, 1, 1), to: today };
    case 'last_year': return { preset, from: isoDate(year - 1, 1, 1), to: isoDate(year - 1, 12, 31) };
    case 'h1': return upToToday(isoDate(year, 1, 1), isoDate(year, 6, 30));
    case 'h2': return month >= 7 ? upToToday(isoDate(year, 7, 1), isoDate(year, 12, 31)) : { preset, from: isoDate(year - 1, 7, 1), to: isoDate(year - 1, 12, 31) };
    case 'last_2_years': return { preset, from: addDays(addYears(today, -2), 1), to: today };
    case 'all_time': return { preset, from: addDays(addYears(today, -MAX_RANGE_YEARS), 1), to: today };
    case 'this_hijri_year': {
      const hijriYear = toHijri(today).year;
      const current = hijriYearRange(hijriYear);
      const previous = hijriYearRange(hijriYear - 1);
      const length = daysInclusive(current.from, today);
      return { preset, from: current.from, to: today, hijriSamePeriodLastYear: { from: previous.from, to: minDate(addDays(previous.from, length - 1), previous.to) } };
    }
    case 'last_hijri_year': {
      const hijriYear = toHijri(today).year - 1;
      return { preset, ...hijriYearRange(hijriYear), hijriSamePeriodLastYear: hijriYearRange(hijriYear - 1) };
    }
    case 'ramadan':
    case 'hajj_season':
    case 'eid_al_fitr':
    case 'eid_al_adha': {
      // The latest season that has begun: this Hijri year's if it has started, otherwise last year's.
      const thisYear = toHijri(today).year;
      const year = seasonRange(preset, thisYear).from <= today ? thisYear : thisYear - 1;
      const season = seasonRange(preset, year);
      return { preset, from: season.from, to: minDate(season.to, today), hijriSamePeriodLastYear: seasonRange(preset, year - 1) };
    }
  }
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** Validates an explicit range: real dates, from ≤ to, at most MAX_RANGE_YEARS long. */
export function validateRange(range: DateRange, argument = 'range'): DateRange {
  if (!isIsoDate(range.from)) throw new RangeError(`${argument}.from`, `${argument}.from must be a date YYYY-MM-DD, got "${range.from}"`);
  if (!isIsoDate(range.to)) throw new RangeError(`${argument}.to`, `${argument}.to must be a date YYYY-MM-DD, got "${range.to}"`);
  if (range.from > range.to) throw new RangeError(argument, `${argument} is inverted: from ${range.from} is after to ${range.to}`);
  if (toDayNumber(range.to) >= toDayNumber(addYears(range.from, MAX_RANGE_YEARS))) {
    throw new RangeError(argument, `${argument} is longer than ${MAX_RANGE_YEARS} years (${range.from} to ${range.to})`);
  }
  return range;
}

/**
 * The comparison period of a range, or undefined for NONE. SAME_PERIOD_LAST_HIJRI_YEAR: see sameHijriDateLastYear.
 * PREVIOUS_PERIOD is the period of the same length just before. A range of whole calendar months counts its length in
 * months, so a year is compared with the year before, a quarter with the quarter before and H1 with H2 (as a reader
 * of "2024 against the previous period" expects), not with 366 days that start on 31 December. Any other range
 * counts its length in days.
 */
export function comparisonRange(range: ResolvedRange, comparison: Comparison): DateRange | undefined {
  switch (comparison) {
    case 'NONE': return undefined;
    case 'PREVIOUS_PERIOD': {
      const months = wholeMonths(range);
      if (months !== undefined) {
        const { year, month } = parts(range.from);
        return { from: isoDate(year, month - months, 1), to: addDays(range.from, -1) };
      }
      const length = daysInclusive(range.from, range.to);
      return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
    }
    case 'SAME_PERIOD_LAST_YEAR':
      return range.hijriSamePeriodLastYear ?? { from: addYears(range.from, -1), to: addYears(range.to, -1) };
    case 'SAME_PERIOD_LAST_HIJRI_YEAR':
      // A Hijri preset knows its period a Hijri year earlier (a season's is that season); any other range is the same
      // Hijri dates one Hijri year earlier, whole Hijri months staying whole.
      return range.hijriSamePeriodLastYear ?? { from: sameHijriDateLastYear(range.from), to: sameHijriDateLastYear(range.to, true) };
  }
}

/** How many calendar months a range spans when it starts on a month's first day and ends on a month's last day. */
function wholeMonths(range: DateRange): number | undefined {
  if (!range.from.endsWith('-01') || addDays(range.to, 1).slice(8) !== '01') return undefined;
  const from = parts(range.from);
  const to = parts(range.to);
  return (to.year - from.year) * 12 + (to.month - from.month) + 1;
}
