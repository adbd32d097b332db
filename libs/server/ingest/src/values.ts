import { EARLIEST_DAY, RIYADH_UTC_OFFSET_HOURS } from '@amanah/domain';
import { daysFromCivil } from '@amanah/calendar';

/**
 * Parsers of single field values, shared by every format: CSV gives strings, JSON gives strings, numbers, booleans
 * or null. Each returns the value as the store expects it in JSONEachRow, or a ValueError saying what is wrong.
 */
export class ValueError {
  constructor(readonly message: string) {}
}

const RIYADH_OFFSET_SECONDS = RIYADH_UTC_OFFSET_HOURS * 3600;

// YYYY-MM-DD, then T or a space, hh:mm[:ss[.fraction]], then an optional Z or ±hh[:mm].
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest instant accepted; the latest is `now + 1 day` (clocks of exporting systems drift; the future does not). */
export const EARLIEST_SECONDS = Date.parse(`${EARLIEST_DAY}T00:00:00Z`) / 1000 - RIYADH_OFFSET_SECONDS;

/**
 * A timestamp as Unix seconds. With an offset it is that instant; without one it is Riyadh local time (the contract).
 * Fractions of a second are dropped: the columns are DateTime (seconds).
 */
export function parseTimestamp(raw: unknown, latestSeconds: number): number | ValueError {
  if (typeof raw !== 'string') return new ValueError('expected a timestamp string like 2024-05-01T10:30:00+03:00');
  if (!TIMESTAMP.test(raw)) return new ValueError(`"${clip(raw)}" is not an ISO timestamp (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])`);
  // The pattern fixes where each part is, so the digits are read in place: this runs for every row, and reading
  // them from the match's strings with Number and Date.UTC costs ~4× more.
  const year = digitsAt(raw, 0, 4), month = digitsAt(raw, 5, 2), day = digitsAt(raw, 8, 2);
  const hour = digitsAt(raw, 11, 2), minute = digitsAt(raw, 14, 2);
  let position = 16;
  let second = 0;
  if (raw.charCodeAt(position) === COLON) {
    second = digitsAt(raw, 17, 2);
    position = 19;
    if (raw.charCodeAt(position) === DOT) {
      do position += 1;
      while (position < raw.length && isDigit(raw.charCodeAt(position)));
    }
  }
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return new ValueError(`"${clip(raw)}" is not a real date and time`);
  }
  const offset = position === raw.length ? RIYADH_OFFSET_SECONDS : zoneOffsetSeconds(raw.slice(position));
  if (offset === undefined) return new ValueError(`"${clip(raw)}" has an impossible UTC offset`);
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
  if (seconds < EARLIEST_SECONDS || seconds > latestSeconds) {
    return new ValueError(`${raw} is outside the accepted window (2000-01-01 to tomorrow)`);
  }
  return seconds;
}

/** A calendar date, YYYY-MM-DD, inside the same window. Returned as the same string (the store parses it). */
export function parseDate(raw: unknown, latestDay: string): string | ValueError {
  if (typeof raw !== 'string') return new ValueError('expected a date string like 2024-05-01');
  const m = DATE.exec(raw);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return new ValueError(`"${clip(raw)}" is not a date (YYYY-MM-DD)`);
  }
  if (raw < EARLIEST_DAY || raw > latestDay) return new ValueError(`${raw} is outside the accepted window (${EARLIEST_DAY} to tomorrow)`);
  return raw;
}

/** A non-negative integer no larger than `max` (the column's width). Strings of digits are accepted (CSV). */
export function parseUnsigned(raw: unknown, max: bigint): number | string | ValueError {
  let digits: string;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return new ValueError(`${raw} is not a non-negative whole number`);
    if (BigInt(raw) > max) return new ValueError(`${raw} is larger than ${max}`);
    return raw;
  } else if (typeof raw === 'string' && /^\d{1,20}$/.test(raw)) {
    digits = raw;
  } else {
    return new ValueError(`${describe(raw)} is not a non-negative whole number`);
  }
  const value = BigInt(digits);
  if (value > max) return new ValueError(`${digits} is larger than ${max}`);
  // Beyond 2^53 a JavaScript number would round: pass the digits on as a string, which JSONEachRow accepts.
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** Decimal(18, 2): at most 16 integer digits and 2 decimals. Sent on as a string so no binary rounding happens. */
export function parseDecimal(raw: unknown): string | ValueError {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== 'string' || !/^-?\d{1,16}(\.\d{1,2})?$/.test(text)) {
    return new ValueError(`${describe(raw)} is not a decimal number with at most 2 decimals`);
  }
  return text;
}

export function parseBoolean(raw: unknown): boolean | ValueError {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return new ValueError(`${describe(raw)} is not a boolean (true/false)`);
}

export function parseText(raw: unknown): string | ValueError {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return new ValueError(`${describe(raw)} is not text`);
}

const COLON = 0x3a;
const DOT = 0x2e;
const ZERO = 0x30;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** The number written by `count` ASCII digits at `start` (the caller has checked they are digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date per value: this runs for every timestamp of every row.
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

// A body has a handful of distinct offsets: each is read once.
const ZONE_OFFSETS = new Map<string, number | undefined>();

function zoneOffsetSeconds(zone: string): number | undefined {
  let offset = ZONE_OFFSETS.get(zone);
  if (offset === undefined && !ZONE_OFFSETS.has(zone)) {
    offset = readZoneOffset(zone);
    if (ZONE_OFFSETS.size < 1000) ZONE_OFFSETS.set(zone, offset);
  }
  return offset;
}

function readZoneOffset(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 3600 + minutes * 60);
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return `"${clip(raw)}"`;
  if (raw === null) return 'null';
  if (typeof raw === 'object') return Array.isArray(raw) ? 'an array' : 'an object';
  return String(raw);
}

/** Error messages quote the value, but never a whole 5 MB field. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
