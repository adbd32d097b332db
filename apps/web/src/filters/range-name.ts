import { isSeasonPreset } from '@amanah/calendar';
import { formatRange, localeOf, type DisplayPrefs } from '@amanah/web-format';

/** A range as a view or a saved subscription holds it: its days, or a preset (a season's with its Hijri year). */
export interface NamedRange {
  from?: string | null;
  to?: string | null;
  preset?: string | null;
  hijriYear?: number | null;
}

/**
 * What a range is called: its days ("1 Jan – 30 Jun 2024"), or its preset's name, a season's with its Hijri year
 * when one is chosen ("Ramadan 1445 AH"; without one, the latest season begun).
 */
export function rangeName(range: NamedRange, prefs: DisplayPrefs, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (range.from && range.to) return formatRange({ from: range.from, to: range.to }, prefs);
  const name = t(`presets.${range.preset}`);
  if (range.hijriYear == null || !range.preset || !isSeasonPreset(range.preset)) return name;
  const year = new Intl.NumberFormat(localeOf(prefs), { useGrouping: false }).format(range.hijriYear);
  return t('filters.seasonOfYear', { season: name, year });
}
