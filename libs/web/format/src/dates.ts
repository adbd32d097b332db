import { formatHijriBucket, isHijriGranularity } from '@amanah/calendar';
import { RIYADH_UTC_OFFSET_HOURS, type Granularity } from '@amanah/domain';
import { localeOf, type DisplayPrefs } from './locale.js';

export type { Granularity } from '@amanah/domain';

/**
 * API dates are Asia/Riyadh calendar days (YYYY-MM-DD) and wall-clock times without an offset. They are formatted as
 * UTC instants at that wall-clock time, with timeZone UTC, so the viewer's own time zone can never shift a day. An
 * instant with its offset (`…Z`, `…+03:00`: an upload time) is moved to Riyadh's wall clock first.
 */
function instant(isoDateOrTime: string): Date {
  if (/(?:Z|[+-]\d\d:\d\d)$/.test(isoDateOrTime)) return new Date(Date.parse(isoDateOrTime) + RIYADH_UTC_OFFSET_HOURS * 3_600_000);
  const text = isoDateOrTime.length === 10 ? `${isoDateOrTime}T00:00:00` : isoDateOrTime.replace(' ', 'T').slice(0, 19);
  return new Date(`${text}Z`);
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(prefs: DisplayPrefs, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = localeOf(prefs);
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

/** A day: 30 June 2024 / ٣٠ يونيو ٢٠٢٤ / ٢٤ ذو الحجة ١٤٤٥ هـ. */
export function formatDay(date: string, prefs: DisplayPrefs): string {
  return dateFormat(prefs, { day: 'numeric', month: 'long', year: 'numeric' }).format(instant(date));
}

/** A date and time, for "as of" labels; a bare date (a level known per day) is written as a day. */
export function formatDateTime(dateTime: string, prefs: DisplayPrefs): string {
  if (dateTime.length === 10) return formatDay(dateTime, prefs);
  return dateFormat(prefs, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(instant(dateTime));
}

/** A range of days, both ends included, in the chosen calendar. */
export function formatRange(range: { from: string; to: string }, prefs: DisplayPrefs): string {
  const format = dateFormat(prefs, { day: 'numeric', month: 'short', year: 'numeric' });
  return format.formatRange(instant(range.from), instant(range.to));
}

/**
 * The label of a series bucket (its first day) at the series' granularity. Gregorian buckets in the Hijri calendar
 * are labelled by the Hijri date they start on rather than by a Hijri month name; Hijri buckets (HIJRI_*) by their
 * Hijri month, months or year whatever the reader's calendar, since that is what they are.
 */
export function formatBucket(date: string, granularity: Granularity, prefs: DisplayPrefs): string {
  if (isHijriGranularity(granularity)) return formatHijriBucket(date, granularity, localeOf({ ...prefs, calendar: 'hijri' }), 'short');
  const hijri = prefs.calendar === 'hijri';
  switch (granularity) {
    case 'YEAR':
      return dateFormat(prefs, hijri ? { month: 'short', year: 'numeric' } : { year: 'numeric' }).format(instant(date));
    case 'QUARTER':
    case 'MONTH':
      return dateFormat(prefs, hijri ? { day: 'numeric', month: 'short', year: '2-digit' } : { month: 'short', year: 'numeric' }).format(instant(date));
    default:
      return dateFormat(prefs, { day: 'numeric', month: 'short' }).format(instant(date));
  }
}

/** The day of its month in the chosen calendar: 30 (30 June 2024) / ٢٤ (24 Dhu al-Hijjah, the same day in Hijri). */
export function formatDayOfMonth(date: string, prefs: DisplayPrefs): string {
  return dateFormat(prefs, { day: 'numeric' }).format(instant(date));
}

/** Weekday name, 0 = Sunday … 6 = Saturday (the API's heatmap convention). */
export function formatWeekday(weekday: number, prefs: DisplayPrefs, width: 'long' | 'short' = 'long'): string {
  // 2024-01-07 was a Sunday.
  return dateFormat(prefs, { weekday: width }).format(instant(`2024-01-${String(7 + weekday).padStart(2, '0')}`));
}

/** Hour of day as the locale writes it: 13:00 / ١ م. */
export function formatHour(hour: number, prefs: DisplayPrefs): string {
  return dateFormat(prefs, { hour: 'numeric' }).format(instant(`2024-01-07T${String(hour).padStart(2, '0')}:00:00`));
}
