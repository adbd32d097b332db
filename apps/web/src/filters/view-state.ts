import { HIJRI_YEAR_MAX, HIJRI_YEAR_MIN, isIsoDate, isSeasonPreset, RANGE_PRESETS, type RangePreset } from '@amanah/calendar';
import { COMPARISONS, GRANULARITIES, isAmanahId } from '@amanah/domain';
import { DIMENSION_IDS, type DimensionId } from '@amanah/metrics';
import type { CalendarSystem, Digits, DisplayPrefs, Lang } from '@amanah/web-format';
import type { Comparison, DateRangeInput, FilterInput, Granularity } from '../gql/graphql.js';

/**
 * Everything that decides what a page shows, kept in the URL's query string so that a link reproduces the view:
 * amanah (absent = all), dimension filters (`f.channel=portal,balady`), range (a preset, with `hijriYear` for a season
 * preset, or from/to), comparison, granularity, language, digits and calendar.
 * Parameters left out take the dashboard's defaults (range, comparison, granularity) or the app's (Arabic, Arabic-Indic
 * digits, Gregorian); they are only written when they differ, so default links stay short.
 */
export interface ViewState extends DisplayPrefs {
  amanah: string | null;
  /** Filters on other dimensions than the amanah, in `DIMENSION_IDS` order; each has at least one value. */
  filters: readonly DimensionFilter[];
  preset: RangePreset;
  /** A season preset's Hijri year (`hijriYear=1445`: Ramadan 1445); absent, the latest season begun. */
  hijriYear?: number;
  /** A custom range; when both are set they win over the preset. */
  from: string | null;
  to: string | null;
  compare: Comparison;
  granularity: Granularity;
}

export interface DimensionFilter {
  dimension: DimensionId;
  values: readonly string[];
}

export interface ViewDefaults {
  preset: string;
  compare: Comparison;
  granularity: Granularity;
}

export const APP_DEFAULTS: ViewDefaults = { preset: 'last_year', compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' };
/** The filter bar's choices: the shared vocabulary's lists. */
export { COMPARISONS, GRANULARITIES };

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** Each language opens with its usual digits: Arabic-Indic in Arabic, Latin in English; either can be chosen. */
export function defaultDigits(lang: Lang): Digits {
  return lang === 'ar' ? 'arab' : 'latn';
}

const FILTER_PREFIX = 'f.';
const MAX_FILTER_VALUES = 100;
const MAX_VALUE_LENGTH = 200;

/**
 * The `f.<dimension>=a,b` parameters: known dimensions other than the amanah (it has its own parameter), their values
 * deduplicated, empty ones dropped. Whether a value exists for a metric is the API's to say (`Widget.unappliedFilters`).
 */
export function parseDimensionFilters(params: URLSearchParams): DimensionFilter[] {
  return DIMENSION_IDS.filter((d) => d !== 'amanah').flatMap((dimension) => {
    const raw = params.get(FILTER_PREFIX + dimension);
    if (raw === null) return [];
    const values = [...new Set(raw.split(',').map((v) => v.trim()))].filter((v) => v !== '' && v.length <= MAX_VALUE_LENGTH).slice(0, MAX_FILTER_VALUES);
    return values.length > 0 ? [{ dimension, values }] : [];
  });
}

/** The view with one more value of a dimension filter (the amanah replaces the amanah), as a drill-down asks. */
export function narrowView(view: ViewState, dimension: DimensionId, value: string): Partial<ViewState> {
  if (dimension === 'amanah') return { amanah: value };
  const current = view.filters.find((f) => f.dimension === dimension);
  if (current?.values.includes(value)) return {};
  const next = { dimension, values: [...(current?.values ?? []), value] };
  return { filters: DIMENSION_IDS.flatMap((d) => (d === dimension ? [next] : view.filters.filter((f) => f.dimension === d))) };
}

/** The view without one value of a filter (the filter goes with its last value). */
export function widenView(view: ViewState, dimension: DimensionId, value: string): Partial<ViewState> {
  if (dimension === 'amanah') return { amanah: null };
  return {
    filters: view.filters
      .map((f) => (f.dimension === dimension ? { ...f, values: f.values.filter((v) => v !== value) } : f))
      .filter((f) => f.values.length > 0),
  };
}

export function parseView(params: URLSearchParams, defaults: ViewDefaults = APP_DEFAULTS): ViewState {
  const from = params.get('from');
  const to = params.get('to');
  const custom = from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to;
  const amanah = params.get('amanah');
  const lang = oneOf<Lang>(['ar', 'en'], params.get('lang'), 'ar');
  const preset = oneOf(RANGE_PRESETS, params.get('range'), oneOf(RANGE_PRESETS, defaults.preset, 'last_year'));
  return {
    amanah: amanah !== null && isAmanahId(amanah) ? amanah : null,
    filters: parseDimensionFilters(params),
    preset,
    hijriYear: custom ? undefined : seasonYear(preset, params.get('hijriYear')),
    from: custom ? from : null,
    to: custom ? to : null,
    compare: oneOf(COMPARISONS, params.get('compare'), defaults.compare),
    granularity: oneOf(GRANULARITIES, params.get('granularity'), defaults.granularity),
    lang,
    digits: oneOf<Digits>(['arab', 'latn'], params.get('digits'), defaultDigits(lang)),
    calendar: oneOf<CalendarSystem>(['gregory', 'hijri'], params.get('calendar'), 'gregory'),
  };
}

/** The query string for a view: only what differs from the defaults, in a fixed order. */
export function serializeView(view: ViewState, defaults: ViewDefaults = APP_DEFAULTS): URLSearchParams {
  const params = new URLSearchParams();
  if (view.amanah) params.set('amanah', view.amanah);
  for (const filter of view.filters) params.set(FILTER_PREFIX + filter.dimension, filter.values.join(','));
  if (view.from && view.to) {
    params.set('from', view.from);
    params.set('to', view.to);
  } else {
    if (view.preset !== defaults.preset) params.set('range', view.preset);
    if (view.hijriYear !== undefined && isSeasonPreset(view.preset)) params.set('hijriYear', String(view.hijriYear));
  }
  if (view.compare !== defaults.compare) params.set('compare', view.compare);
  if (view.granularity !== defaults.granularity) params.set('granularity', view.granularity);
  if (view.lang !== 'ar') params.set('lang', view.lang);
  if (view.digits !== defaultDigits(view.lang)) params.set('digits', view.digits);
  if (view.calendar !== 'gregory') params.set('calendar', view.calendar);
  return params;
}

export function rangeInput(view: ViewState): DateRangeInput {
  if (view.from && view.to) return { from: view.from, to: view.to };
  return view.hijriYear !== undefined && isSeasonPreset(view.preset) ? { preset: view.preset, hijriYear: view.hijriYear } : { preset: view.preset };
}

/** A Hijri year from the URL, kept only with a season preset and within the years the API takes. */
function seasonYear(preset: RangePreset, raw: string | null): number | undefined {
  if (raw === null || !isSeasonPreset(preset) || !/^\d{4}$/.test(raw)) return undefined;
  const year = Number(raw);
  return year >= HIJRI_YEAR_MIN && year <= HIJRI_YEAR_MAX ? year : undefined;
}

/** The view's filters as the API takes them: the amanah first, then the others. */
export function filtersOf(view: ViewState): FilterInput[] {
  const others = view.filters.map((f) => ({ dimension: f.dimension, values: [...f.values] }));
  return view.amanah ? [{ dimension: 'amanah', values: [view.amanah] }, ...others] : others;
}

/**
 * Variables shared by the dashboard and amanah queries. Presets go to the API as they are: it resolves them, and the
 * comparison period, against its own today in Asia/Riyadh.
 */
export function viewVariables(view: ViewState) {
  return {
    range: rangeInput(view),
    filters: filtersOf(view),
    compare: view.compare,
    granularity: view.granularity,
  };
}
