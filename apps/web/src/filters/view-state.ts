import { isIsoDate, RANGE_PRESETS, type RangePreset } from '@amanah/calendar';
import { COMPARISONS, GRANULARITIES, isAmanahId } from '@amanah/domain';
import type { CalendarSystem, Digits, DisplayPrefs, Lang } from '@amanah/web-format';
import type { Comparison, DateRangeInput, FilterInput, Granularity } from '../gql/graphql.js';

/**
 * Everything that decides what a page shows, kept in the URL's query string so that a link reproduces the view:
 * amanah (absent = all), range (a preset, or from/to), comparison, granularity, language, digits and calendar.
 * Parameters left out take the dashboard's defaults (range, comparison, granularity) or the app's (Arabic, Arabic-Indic
 * digits, Gregorian); they are only written when they differ, so default links stay short.
 */
export interface ViewState extends DisplayPrefs {
  amanah: string | null;
  preset: RangePreset;
  /** A custom range; when both are set they win over the preset. */
  from: string | null;
  to: string | null;
  compare: Comparison;
  granularity: Granularity;
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

export function parseView(params: URLSearchParams, defaults: ViewDefaults = APP_DEFAULTS): ViewState {
  const from = params.get('from');
  const to = params.get('to');
  const custom = from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to;
  const amanah = params.get('amanah');
  const lang = oneOf<Lang>(['ar', 'en'], params.get('lang'), 'ar');
  return {
    amanah: amanah !== null && isAmanahId(amanah) ? amanah : null,
    preset: oneOf(RANGE_PRESETS, params.get('range'), oneOf(RANGE_PRESETS, defaults.preset, 'last_year')),
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
  if (view.from && view.to) {
    params.set('from', view.from);
    params.set('to', view.to);
  } else if (view.preset !== defaults.preset) params.set('range', view.preset);
  if (view.compare !== defaults.compare) params.set('compare', view.compare);
  if (view.granularity !== defaults.granularity) params.set('granularity', view.granularity);
  if (view.lang !== 'ar') params.set('lang', view.lang);
  if (view.digits !== defaultDigits(view.lang)) params.set('digits', view.digits);
  if (view.calendar !== 'gregory') params.set('calendar', view.calendar);
  return params;
}

export function rangeInput(view: ViewState): DateRangeInput {
  return view.from && view.to ? { from: view.from, to: view.to } : { preset: view.preset };
}

export function filtersOf(view: ViewState): FilterInput[] {
  return view.amanah ? [{ dimension: 'amanah', values: [view.amanah] }] : [];
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
