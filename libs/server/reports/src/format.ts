import { formatHijriBucket, isHijriGranularity, toHijri, type Granularity } from '@amanah/calendar';
import type { ReportPrefs } from './report.js';

/**
 * Numbers and dates as the reader chose (digits, calendar, language), through Intl with the numbering system and
 * calendar as locale extensions, as the dashboard does (libs/web/format): the same reader sees the same text on
 * screen and on paper. API dates are Asia/Riyadh days and wall-clock times, formatted at UTC so nothing shifts.
 */
export function localeOf(prefs: ReportPrefs): string {
  const calendar = prefs.calendar === 'hijri' ? 'islamic-umalqura' : 'gregory';
  return `${prefs.lang === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}-nu-${prefs.digits}`;
}

function instant(isoDateOrTime: string): Date {
  const text = isoDateOrTime.length === 10 ? `${isoDateOrTime}T00:00:00` : isoDateOrTime.replace(' ', 'T').slice(0, 19);
  return new Date(`${text}Z`);
}

/** A day in the reader's calendar: 30 June 2024 / ٢٤ ذو الحجة ١٤٤٥ هـ. */
export function formatDay(date: string, prefs: ReportPrefs, calendar = prefs.calendar): string {
  return new Intl.DateTimeFormat(localeOf({ ...prefs, calendar }), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(instant(date));
}

/**
 * A trend bucket by its first day: a month as "June 2024" (in the Hijri calendar, the Hijri day it starts on, since
 * those buckets are Gregorian), a year as "2024", anything shorter as a day; a Hijri bucket (HIJRI_*) by its Hijri
 * month, months or year ("رمضان 1446 هـ"), as the dashboard labels it.
 */
export function formatBucket(date: string, granularity: string | undefined, prefs: ReportPrefs): string {
  const bucket = granularity as Granularity | undefined;
  if (bucket && isHijriGranularity(bucket)) return formatHijriBucket(date, bucket, localeOf({ ...prefs, calendar: 'hijri' }));
  const hijri = prefs.calendar === 'hijri';
  const options: Intl.DateTimeFormatOptions =
    granularity === 'YEAR' && !hijri ? { year: 'numeric' }
      : (granularity === 'MONTH' || granularity === 'QUARTER') && !hijri ? { month: 'long', year: 'numeric' }
        : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(localeOf(prefs), { ...options, timeZone: 'UTC' }).format(instant(date));
}

/** A range of days, both ends included. */
export function formatRange(range: { from: string; to: string }, prefs: ReportPrefs, calendar = prefs.calendar): string {
  return new Intl.DateTimeFormat(localeOf({ ...prefs, calendar }), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .formatRange(instant(range.from), instant(range.to));
}

/** A wall-clock time (as-of), or a day when only a day is known. */
export function formatDateTime(dateTime: string, prefs: ReportPrefs): string {
  if (dateTime.length === 10) return formatDay(dateTime, prefs);
  return new Intl.DateTimeFormat(localeOf(prefs), {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC',
  }).format(instant(dateTime));
}

/** An instant (generation time) on the Riyadh clock. */
export function formatInstant(iso: string, prefs: ReportPrefs): string {
  return new Intl.DateTimeFormat(localeOf(prefs), {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Riyadh',
  }).format(new Date(iso));
}

/** A Hijri (Umm al-Qura) date with Latin digits, for machines: 1445-12-24. */
export function hijriIso(date: string): string {
  const { year, month, day } = toHijri(date.slice(0, 10));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A value in its metric's unit: percent metrics hold percents (92.5), hours and riyals their unit. */
export function formatMetricValue(value: number | null, unit: string, decimals: number, prefs: ReportPrefs): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  const locale = localeOf(prefs);
  switch (unit) {
    case 'percent': return new Intl.NumberFormat(locale, { style: 'percent', ...digits }).format(value / 100);
    case 'hours': return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', ...digits }).format(value);
    case 'sar': return new Intl.NumberFormat(locale, { style: 'currency', currency: 'SAR', ...digits }).format(value);
    default: return new Intl.NumberFormat(locale, digits).format(value);
  }
}

export function formatNumber(value: number | null, prefs: ReportPrefs, fractionDigits = 0): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(localeOf(prefs), { maximumFractionDigits: fractionDigits }).format(value);
}

/** A percent (already in percent), signed when it is a change. */
export function formatPercent(value: number | null, prefs: ReportPrefs, signed = false): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(localeOf(prefs), {
    style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(value / 100);
}
