import { RIYADH_TIME_ZONE } from '@amanah/domain';

/**
 * Calendar days as 'YYYY-MM-DD' strings (the contract's Date scalar). Arithmetic goes through day numbers
 * (days since 1970-01-01) computed in UTC, so the process's own time zone never shifts a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD', by H. Hinnant's days-from-civil arithmetic: planning a dashboard for a
 * range it has not seen turns thousands of dates into day numbers, and Date.parse was a third of that planning. A day
 * past its month's end counts on into the next month, as Date.parse does ('2024-02-30' is 1 March); anything else
 * goes through Date.parse, as before (NaN for a month 13 or text that is no date).
 */
export function toDayNumber(date: IsoDate): number {
  const fields = fixedFields(date);
  if (fields && fields.month >= 1 && fields.month <= 12 && fields.day >= 1 && fields.day <= 31) return daysFromCivil(fields.year, fields.month, fields.day);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil), month 1–12. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The numbers of a string shaped 'dddd-dd-dd' (read by position: no split, no array), or undefined. */
function fixedFields(date: string): { year: number; month: number; day: number } | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  return year < 0 || month < 0 || day < 0 ? undefined : { year, month, day };
}

/** The number written by the decimal digits of text[from, to), or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The date of a day number, by the civil-from-days arithmetic of the proleptic Gregorian calendar (H. Hinnant's
 * algorithm): the planner turns hundreds of day numbers into dates per dashboard, and a Date's toISOString costs ten
 * times as much. Years outside 0000–9999 (which a 'YYYY-MM-DD' cannot hold) go through Date.
 */
export function fromDayNumber(day: number): IsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const date = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 0 && year <= 9999)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  const fields = fixedFields(date);
  if (fields) return fields;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/**
 * The date of a year, month and day, counted on past either end as Date.UTC does (month 13, day 0: 31 December); years
 * 0–99 are those years, where Date.UTC would read 1900–1999.
 */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const months = year * 12 + month - 1;
  const y = Math.floor(months / 12);
  return fromDayNumber(daysFromCivil(y, months - y * 12 + 1, 1) + day - 1);
}

/** The same day `years` years later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = parts(date);
  const lastDay = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  return isoDate(year + years, month, Math.min(day, lastDay));
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month + 1, 0);
}

/** Today's calendar date in Asia/Riyadh (UTC+3, no daylight saving). */
export function todayInRiyadh(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: RIYADH_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
