import type { Lang } from '@amanah/domain';

/** The languages press phrases are written in: the contract's `Lang`. */
export type PressLang = Lang;
/** Unicode numbering systems: `latn` 0-9, `arab` Arabic-Indic ٠-٩. */
export type PressDigits = 'latn' | 'arab';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: PressLang, digits: PressDigits, fractionDigits: { min: number; max: number }): Intl.NumberFormat {
  const key = `${lang}|${digits}|${fractionDigits.min}|${fractionDigits.max}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(lang, {
      numberingSystem: digits,
      // Arabic press copy writes figures without separators ("20404", "1733"); English groups them ("14,470").
      useGrouping: lang === 'en',
      minimumFractionDigits: fractionDigits.min,
      maximumFractionDigits: fractionDigits.max,
    });
    formatters.set(key, cached);
  }
  return cached;
}

/** A whole number in the chosen digits: 1733 → "1733" / "١٧٣٣" (ar), "1,733" (en). */
export function formatInteger(value: number, lang: PressLang, digits: PressDigits): string {
  return formatter(lang, digits, { min: 0, max: 0 }).format(value);
}

/** A number with up to `max` decimals and at least `min`: 1.8 → "1.8" / "١٫٨"; 67.87 → "67.87". */
export function formatDecimal(value: number, lang: PressLang, digits: PressDigits, min: number, max: number): string {
  return formatter(lang, digits, { min, max }).format(value);
}
