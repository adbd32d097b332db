import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fromHijri, HIJRI_YEAR_MIN, hijriMonthRange, MAX_RANGE_YEARS, seasonRange, todayInRiyadh, toHijri, type SeasonPreset } from '@amanah/calendar';
import { localeOf, type DisplayPrefs } from '@amanah/web-format';

export interface HijriRangeFieldsProps {
  prefs: DisplayPrefs;
  /** The draft range, Gregorian days ('' before one is chosen). */
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}

/**
 * A custom range picked in Hijri months, for readers of the Hijri calendar: a year and a month for each end, the range
 * from the first day of the first month to the last day of the last, as Intl's Umm al-Qura calendar gives them. Month
 * names and years are Intl's, in the reader's language and digits; what the API gets is Gregorian days.
 */
export function HijriRangeFields({ prefs, from, to, onChange }: HijriRangeFieldsProps) {
  const { t } = useTranslation();
  const today = toHijri(todayInRiyadh());
  const locale = localeOf({ ...prefs, calendar: 'hijri' });
  const { monthNames, years } = useMemo(() => {
    const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    const yearFormat = new Intl.NumberFormat(locale, { useGrouping: false });
    return {
      monthNames: Array.from({ length: 12 }, (_, i) => monthFormat.format(new Date(`${fromHijri({ year: 1446, month: i + 1, day: 1 })}T00:00:00Z`))),
      // A Hijri year is 11 days shorter than a Gregorian one: the longest range reaches back this many Hijri years.
      years: Array.from({ length: Math.floor(MAX_RANGE_YEARS * 1.03) + 1 }, (_, i) => today.year - i).map((year) => ({ year, label: yearFormat.format(year) })),
    };
  }, [locale, today.year]);
  const start = from ? toHijri(from) : today;
  const end = to ? toHijri(to) : today;
  // Entering the Hijri picker with no range yet: this Hijri month.
  useEffect(() => {
    if (!from || !to) onChange(hijriMonthRange(today.year, today.month));
  }, [from, to, onChange, today.year, today.month]);

  const set = (which: 'from' | 'to', year: number, month: number) => {
    const range = hijriMonthRange(year, month);
    onChange(which === 'from' ? { from: range.from, to: to || range.to } : { from: from || range.from, to: range.to });
  };
  const fields = (which: 'from' | 'to', value: { year: number; month: number }) => (
    <span className="field filter-bar__hijri" role="group" aria-label={t(`filters.${which}`)}>
      <span className="field__label">{t(`filters.${which}`)}</span>
      <select aria-label={`${t(`filters.${which}`)}: ${t('filters.hijriMonth')}`} value={value.month} data-testid={`filter-hijri-${which}-month`}
        onChange={(e) => set(which, value.year, Number(e.target.value))}>
        {monthNames.map((name, i) => <option key={name} value={i + 1}>{name}</option>)}
      </select>
      <select aria-label={`${t(`filters.${which}`)}: ${t('filters.hijriYear')}`} value={value.year} data-testid={`filter-hijri-${which}-year`}
        onChange={(e) => set(which, Number(e.target.value), value.month)}>
        {years.map(({ year, label }) => <option key={year} value={year}>{label}</option>)}
      </select>
    </span>
  );
  return (
    <>
      {fields('from', start)}
      {fields('to', end)}
    </>
  );
}

/**
 * The Hijri year of a season preset (Ramadan, the Hajj season, the two Eids): "Latest" (the latest season begun, the
 * preset alone) or one of the years whose season has begun, back as far as a range may reach.
 */
export function SeasonYearField({ prefs, season, year, onChange }: { prefs: DisplayPrefs; season: SeasonPreset; year: number | undefined; onChange: (year: number | undefined) => void }) {
  const { t } = useTranslation();
  const today = todayInRiyadh();
  const locale = localeOf({ ...prefs, calendar: 'hijri' });
  const years = useMemo(() => {
    const format = new Intl.NumberFormat(locale, { useGrouping: false });
    const current = toHijri(today).year;
    return Array.from({ length: Math.floor(MAX_RANGE_YEARS * 1.03) + 1 }, (_, i) => current - i)
      .filter((y) => y >= HIJRI_YEAR_MIN && seasonRange(season, y).from <= today)
      .map((y) => ({ year: y, label: format.format(y) }));
  }, [locale, season, today]);
  return (
    <label className="field">
      <span className="field__label">{t('filters.hijriYear')}</span>
      <select value={year ?? ''} data-testid="filter-season-year" onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
        <option value="">{t('filters.latestSeason')}</option>
        {year !== undefined && !years.some((y) => y.year === year) && <option value={year}>{new Intl.NumberFormat(locale, { useGrouping: false }).format(year)}</option>}
        {years.map(({ year: y, label }) => <option key={y} value={y}>{label}</option>)}
      </select>
    </label>
  );
}
