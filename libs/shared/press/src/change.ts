import { formatDecimal, type PressDigits, type PressLang } from './numerals.js';

export interface PressPercentOptions {
  /** Default `latn`. */
  digits?: PressDigits;
}

export interface PressChange {
  /** "انخفاض بنسبة 67.87%" / "a decrease of 67.87%"; "دون تغيير" / "no change" when it rounds to 0.00. */
  text: string;
  /** The signed change the text states, to two decimals: −67.87. */
  rounded: number;
  direction: 'increase' | 'decrease' | 'none';
}

// Arabic-Indic digits take the Arabic percent sign ٪ (U+066A), as the Tabuk headline writes "٦٧٪". Intl's own
// percent style is not used because it wraps the sign in bidi control marks that end up in copied text.
const PERCENT_SIGN: Record<PressDigits, string> = { latn: '%', arab: '\u066A' };

function toHundredths(value: number): number {
  // Math.round rounds half toward +∞; round the magnitude so −0.125 and 0.125 round alike.
  const rounded = Math.sign(value) * (Math.round(Math.abs(value) * 100) / 100);
  return rounded === 0 ? 0 : rounded;
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} needs a finite percentage, got ${value}`);
}

/** A percentage with two decimals: 67.87 → "67.87%" / "٦٧٫٨٧٪"; 90 → "90.00%". `value` is in percent, not a fraction. */
export function pressPercent(value: number, lang: PressLang, options: PressPercentOptions = {}): string {
  assertFinite(value, 'pressPercent');
  const digits = options.digits ?? 'latn';
  const rounded = toHundredths(value);
  // The sign is written by hand: Intl puts a bidi mark before it in Arabic locales.
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${formatDecimal(Math.abs(rounded), lang, digits, 2, 2)}${PERCENT_SIGN[digits]}`;
}

/**
 * A period-over-period change as press copy words it: the sign becomes ارتفاع / انخفاض (increase / decrease) and
 * the magnitude keeps two decimals. `pct` is in percent: (current − previous) / previous × 100.
 */
export function pressChange(pct: number, lang: PressLang, options: PressPercentOptions = {}): PressChange {
  assertFinite(pct, 'pressChange');
  const rounded = toHundredths(pct);
  if (rounded === 0) return { text: lang === 'ar' ? 'دون تغيير' : 'no change', rounded, direction: 'none' };
  const magnitude = pressPercent(Math.abs(rounded), lang, options);
  const direction = rounded > 0 ? 'increase' : 'decrease';
  const text =
    lang === 'ar'
      ? `${direction === 'increase' ? 'ارتفاع' : 'انخفاض'} بنسبة ${magnitude}`
      : `${direction === 'increase' ? 'an increase' : 'a decrease'} of ${magnitude}`;
  return { text, rounded, direction };
}
