import { localeOf, type DisplayPrefs } from './locale.js';

/** How a metric's values read: its catalogue unit and fraction digits. */
export interface ValueFormat {
  unit: string; // count, percent, hours or sar
  decimals: number;
}

// Intl.NumberFormat construction is costly and charts format hundreds of ticks: keep one per locale and options.
const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(prefs: DisplayPrefs, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = localeOf(prefs);
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function unitOptions(format: ValueFormat): { scale: number; options: Intl.NumberFormatOptions } {
  const digits = { minimumFractionDigits: format.decimals, maximumFractionDigits: format.decimals };
  switch (format.unit) {
    // Percent metrics arrive as percents (92.5), Intl's percent style expects fractions.
    case 'percent': return { scale: 0.01, options: { style: 'percent', ...digits } };
    case 'hours': return { scale: 1, options: { style: 'unit', unit: 'hour', unitDisplay: 'short', ...digits } };
    case 'sar': return { scale: 1, options: { style: 'currency', currency: 'SAR', currencyDisplay: 'symbol', ...digits } };
    default: return { scale: 1, options: digits };
  }
}

/** A metric value with its unit, in the user's digits; an em dash for "no value" (a ratio without rows). */
export function formatValue(value: number | null | undefined, format: ValueFormat, prefs: DisplayPrefs): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { scale, options } = unitOptions(format);
  return numberFormat(prefs, options).format(value * scale);
}

/** A plain number (counts in tables, ranks). */
export function formatNumber(value: number | null | undefined, prefs: DisplayPrefs, maximumFractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(prefs, { maximumFractionDigits }).format(value);
}

/** Short form for chart axes: 1.2M / ١٫٢ مليون. */
export function formatCompact(value: number, format: ValueFormat, prefs: DisplayPrefs): string {
  if (format.unit === 'percent') return numberFormat(prefs, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
  return numberFormat(prefs, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A change in the metric's unit, always signed: +1,234 / −12.5 h. */
export function formatChange(change: number | null | undefined, format: ValueFormat, prefs: DisplayPrefs): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  const { scale, options } = unitOptions(format);
  // A change of a percent metric is in percentage points, not a percent of a percent.
  if (format.unit === 'percent') {
    const points = numberFormat(prefs, { signDisplay: 'exceptZero', minimumFractionDigits: format.decimals, maximumFractionDigits: format.decimals }).format(change);
    return prefs.lang === 'ar' ? `${points} نقطة مئوية` : `${points} pp`;
  }
  return numberFormat(prefs, { ...options, signDisplay: 'exceptZero' }).format(change * scale);
}

/** A percent change (the API sends it unrounded, in percent): −67.87%. */
export function formatPercentChange(changePct: number | null | undefined, prefs: DisplayPrefs, fractionDigits = 2): string {
  if (changePct === null || changePct === undefined || !Number.isFinite(changePct)) return '—';
  return numberFormat(prefs, {
    style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits,
  }).format(changePct / 100);
}

/** A share or attainment already in percent, unsigned. */
export function formatPercent(percent: number | null | undefined, prefs: DisplayPrefs, fractionDigits = 1): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return numberFormat(prefs, { style: 'percent', maximumFractionDigits: fractionDigits }).format(percent / 100);
}
