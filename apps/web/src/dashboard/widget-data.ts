import type { TFunction } from 'i18next';
import {
  breakdownTable, heatmapTable, kpiTable, rankingTable, trendTable, type SeriesLine, type SeriesPoint, type WidgetTable,
} from '@amanah/web-ui';
import { AMANAHS } from '@amanah/domain';
import { formatNumber, formatRange, type DisplayPrefs, type Lang } from '@amanah/web-format';
import type { WidgetDataFragment } from '../gql/graphql.js';

export type WidgetData = WidgetDataFragment;

/** A widget's display title: its own, or its metric's label. */
export function widgetTitle(widget: { title?: { ar: string; en: string } | null; metric: { label: { ar: string; en: string } } }, lang: Lang): string {
  return (widget.title ?? widget.metric.label)[lang];
}

/** How the widget's answer was computed (rollup or raw, exact or approximate), when it has a single answer. */
export function answerProvenance(widget: WidgetData | undefined) {
  return widget?.kpi?.provenance ?? widget?.series?.provenance ?? widget?.ranking?.provenance ?? null;
}

/** The lines a trend draws: one per breakdown member, or the whole. */
export function trendLines(widget: WidgetData): SeriesLine[] {
  if (!widget.series) return [];
  return widget.breakdownBy ? widget.series.series : [{ key: null, label: null, points: widget.series.points }];
}

/**
 * The comparison overlay of a trend without breakdown, when a comparison was asked for: the API's series over the
 * comparison period (`series.comparison`), one point per bucket of the current series. Both periods have as many days, not always as many buckets: the period before the leap year 2024
 * is 2022-12-31..2023-12-31, whose monthly series starts with a one-day December. Aligned from the end, each bucket
 * faces its counterpart (Dec 2024 with Dec 2023, Jan 2024 with Jan 2023) instead of everything shifting by one; a
 * shorter comparison leaves the first buckets without a value.
 */
export function trendPrevious(widget: WidgetData): SeriesPoint[] | null {
  if (widget.breakdownBy || !widget.series?.comparison) return null;
  const previous = widget.series.comparison.points;
  const buckets = widget.series?.points.length ?? previous.length;
  if (previous.length >= buckets) return previous.slice(previous.length - buckets);
  return [...Array.from({ length: buckets - previous.length }, () => ({ date: '', value: null })), ...previous];
}

/** The target line of a trend without breakdown (the target is the whole's), when one applies to some bucket. */
export function trendTarget(widget: WidgetData): SeriesPoint[] | null {
  if (widget.breakdownBy) return null;
  return widget.series?.target?.points ?? null;
}

const nothing = (values: Array<number | null | undefined>) => values.every((v) => v === null || v === undefined || v === 0);

/** Whether the widget has nothing to show for this view (the empty state rather than an empty chart). */
export function isEmpty(widget: WidgetData): boolean {
  switch (widget.type) {
    case 'kpi': return !widget.kpi || widget.kpi.value === null;
    case 'trend': return nothing(trendLines(widget).flatMap((l) => l.points.map((p) => p.value)));
    case 'bar':
    case 'donut': return nothing((widget.breakdown ?? []).map((i) => i.value));
    case 'ranking': return (widget.ranking?.items.length ?? 0) === 0;
    case 'heatmap': return nothing((widget.heatmap ?? []).map((c) => c.value));
    default: return true;
  }
}

/** The widget's data as a table: the screen-reader fallback, the CSV and an XLSX sheet. */
export function widgetTable(widget: WidgetData, t: TFunction, prefs: DisplayPrefs): WidgetTable {
  const { lang } = prefs;
  switch (widget.type) {
    case 'kpi': return widget.kpi ? kpiTable(widget.metric, widget.kpi, t, lang) : { columns: [], rows: [] };
    case 'trend': return trendTable(widget.metric, trendLines(widget), trendPrevious(widget), t, lang, trendTarget(widget));
    case 'bar':
    case 'donut': return breakdownTable(widget.metric, widget.breakdown ?? [], t, lang);
    case 'ranking': return rankingTable(widget.metric, widget.ranking?.items ?? [], t, lang);
    case 'heatmap': return heatmapTable(widget.heatmap ?? [], t, prefs);
    default: return { columns: [], rows: [] };
  }
}

/** The page's freshness: its oldest widget, with the newest event it counted and the last upload of its data. */
export interface PageFreshness {
  asOf: string;
  lastUploadAt: string | null;
  widget: WidgetData;
}

/**
 * The widget whose data is oldest (the oldest `asOf`, i.e. newest event counted; on a tie the older last upload): the
 * page's freshness is that of its stalest figure, not its freshest. Widgets without rows in the view have no `asOf`
 * and are left out; null when none has one.
 */
export function oldestFreshness(widgets: readonly WidgetData[]): PageFreshness | null {
  let oldest: PageFreshness | null = null;
  for (const widget of widgets) {
    const provenance = widget.provenance;
    if (!provenance?.asOf) continue;
    const candidate = { asOf: provenance.asOf, lastUploadAt: provenance.lastUploadAt, widget };
    const [a, b] = [asOfKey(candidate.asOf), oldest && asOfKey(oldest.asOf)];
    if (!oldest || a < b! || (a === b && (candidate.lastUploadAt ?? '') < (oldest.lastUploadAt ?? ''))) oldest = candidate;
  }
  return oldest;
}

/** A day (a rollup's asOf: data through that day) compares as its end, not before the times within it. */
const asOfKey = (asOf: string) => (asOf.length === 10 ? `${asOf} 23:59:59` : asOf);

/** A widget's missing data (kpi and trend answers say which amanahs sent nothing for which periods), or null. */
export function widgetMissingData(widget: WidgetData) {
  return widget.kpi?.missingData ?? widget.series?.missingData ?? null;
}

type MissingData = NonNullable<ReturnType<typeof widgetMissingData>>;
const MAX_AMANAHS_NAMED = 3;

/**
 * The card's quiet warning, "بيانات ناقصة: أمانة منطقة حائل (١ فبراير – ٢٩ فبراير ٢٠٢٤)": up to three amanahs, each
 * with its missing runs (two at most, else how many days or months), then how many more amanahs.
 */
export function missingDataText(missing: MissingData, t: TFunction, prefs: DisplayPrefs): string {
  const named = missing.amanahs.slice(0, MAX_AMANAHS_NAMED).map(({ amanah, count, spans }) => {
    const known = AMANAHS.find((a) => a.id === amanah);
    const name = known ? (prefs.lang === 'ar' ? known.nameAr : known.nameEn) : amanah;
    const when = spans.length <= 2
      ? spans.map((span) => formatRange(span, prefs)).join(prefs.lang === 'ar' ? '، ' : ', ')
      : t(missing.cadence === 'MONTHLY' ? 'missingData.months' : 'missingData.days', { count: formatNumber(count, prefs) });
    return `${name} (${when})`;
  });
  const more = missing.amanahs.length - named.length;
  if (more > 0) named.push(t('missingData.more', { count: formatNumber(more, prefs) }));
  return t('missingData.note', { list: named.join(prefs.lang === 'ar' ? '؛ ' : '; ') });
}
