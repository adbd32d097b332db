import { RIYADH_UTC_OFFSET_HOURS } from '@amanah/domain';

/**
 * Parsers of single field values, shared by every format: CSV gives strings, JSON gives strings, numbers, booleans
 * or null. Each returns the value as the store expects it in JSONEachRow, or a ValueError saying what is wrong.
 */
export class ValueError {
  constructor(readonly message: string) {}
}

const RIYADH_OFFSET_SECONDS = RIYADH_UTC_OFFSET_HOURS * 3600;

// YYYY-MM-DD, then T or a space, hh:mm[:ss[.fraction]], then an optional Z or ±hh[:mm].
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest instant accepted; the latest is `now + 1 day` (clocks of exporting systems drift; the future does not). */
export const EARLIEST_SECONDS = Date.UTC(2000, 0, 1) / 1000 - RIYADH_OFFSET_SECONDS;

/**
 * A timestamp as Unix seconds. With an offset it is that instant; without one it is Riyadh local time (the contract).
 * Fractions of a second are dropped: the columns are DateTime (seconds).
 */
export function parseTimestamp(raw: unknown, latestSeconds: number): number | ValueError {
  if (typeof raw !== 'string') return new ValueError('expected a timestamp string like 2024-05-01T10:30:00+03:00');
  const m = TIMESTAMP.exec(raw);
  if (!m) return new ValueError(`"${clip(raw)}" is not an ISO timestamp (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])`);
  const [, y, mo, d, h, mi, s = '0', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return new ValueError(`"${clip(raw)}" is not a real date and time`);
  }
  const offset = zone === undefined ? RIYADH_OFFSET_SECONDS : zoneOffsetSeconds(zone);
  if (offset === undefined) return new ValueError(`"${clip(raw)}" has an impossible UTC offset`);
  const seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
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
  if (raw < '2000-01-01' || raw > latestDay) return new ValueError(`${raw} is outside the accepted window (2000-01-01 to tomorrow)`);
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

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetSeconds(zone: string): number | undefined {
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
