import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, Heatmap, KpiCard, RankingTable, Skeleton, WidgetFrame, type Granularity, type HeatmapSlot, type WidgetState } from '@amanah/web-ui';
import { DIMENSIONS, type DimensionId } from '@amanah/metrics';
import { formatRange, type DisplayPrefs } from '@amanah/web-format';
import { exportFileStem, generatedLine, scopeLine, type ExportContext } from '../exports/context.js';
import { downloadCsv } from '../exports/csv.js';
import { useMetricDefinitions } from '../glossary/use-metric-definitions.js';
import {
  answerProvenance, isEmpty, missingDataText, trendLines, trendPrevious, trendTarget, widgetMissingData, widgetTable, widgetTitle, type WidgetData,
} from './widget-data.js';
import { useAttempt } from '../app/use-attempt.js';
import { filterValueLabel } from '../filters/ActiveFilters.js';
import type { ChartAnnotation } from '@amanah/web-charts';
import { RankingByAttainment, type RankingSource } from '../targets/RankingByAttainment.js';

// The charting library is not needed for the first paint (KPI cards, tables): it loads with the first chart.
const TrendChart = lazy(() => import('@amanah/web-charts').then((m) => ({ default: m.TrendChart })));
const BreakdownBar = lazy(() => import('@amanah/web-charts').then((m) => ({ default: m.BreakdownBar })));
const ShareDonut = lazy(() => import('@amanah/web-charts').then((m) => ({ default: m.ShareDonut })));

const CHARTS = new Set(['trend', 'bar', 'donut']);

export interface WidgetDefinitionView {
  id: string;
  type: string;
  span: number;
  title?: { ar: string; en: string } | null;
  metric: { id: string; label: { ar: string; en: string } };
  dimension?: string | null;
  breakdownBy?: string | null;
}

export interface WidgetViewProps {
  /** The definition (known before the data) and, once loaded, the data. */
  definition: WidgetDefinitionView;
  data: WidgetData | undefined;
  state: 'loading' | 'error' | 'ready';
  onRetry: () => void;
  prefs: DisplayPrefs;
  granularity: Granularity;
  /** File names of exports start with this (the dashboard id). */
  exportPrefix: string;
  /** The page's scope: CSV and PNG files carry it (file name; the PNG's header and footer). */
  exportContext?: ExportContext;
  highlightAmanah?: string;
  /** Events marked on the view's range: trends draw them (the page lists them as text). */
  annotations?: readonly ChartAnnotation[];
  /** A drill-down: a click on a bar, a donut slice or legend entry (its dimension's member), or a ranking row (amanah). */
  onNarrow?: (dimension: string, value: string) => void;
  /** A heatmap's chosen hour of the week and its setter: the cell's detail (hours are not a filter the API takes). */
  heatmapSlot?: HeatmapSlot | null;
  onHeatmapSlot?: (slot: HeatmapSlot | null) => void;
  /** The dashboard view a ranking belongs to: given, the ranking offers the order by target attainment. */
  rankingSource?: Omit<RankingSource, 'widget'>;
}

/** One widget of a dashboard: the frame, its state, the right chart for its type, and its exports. */
export function WidgetView({ definition, data, state, onRetry, prefs, granularity, exportPrefix, exportContext, highlightAmanah, annotations, onNarrow, heatmapSlot, onHeatmapSlot, rankingSource }: WidgetViewProps) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const png = useAttempt();
  const title = widgetTitle(definition, prefs.lang);
  const frameState: WidgetState = state === 'ready' ? (!data || isEmpty(data) ? 'empty' : 'ready') : state;
  const isChart = CHARTS.has(definition.type);
  const table = data && frameState === 'ready' ? widgetTable(data, t, prefs) : null;
  const split = dimensionLabel(definition.dimension ?? definition.breakdownBy, prefs.lang);
  const subtitle = split ? t('byDimension', { dimension: split }) : undefined;
  // The ⓘ: the metric's definition from the API, and how this widget's answer was computed when it has one.
  const definitions = useMetricDefinitions();
  const metricDefinition = definitions.data?.find((m) => m.id === definition.metric.id);
  const provenance = answerProvenance(data);
  const missing = data ? widgetMissingData(data) : null;
  const unapplied = (data?.unappliedFilters ?? []).flatMap((f) => f.values.map((v) => filterValueLabel(f.dimension, v, prefs.lang)));
  const meaning = metricDefinition && {
    data: { ...metricDefinition, source: provenance?.source, exact: provenance?.exact, relativeErrorPct: provenance?.relativeErrorPct },
    prefs,
  };
  const fileStem = exportContext ? exportFileStem(exportContext, definition.id) : `${exportPrefix}-${definition.id}`;

  const actions = table && (
    <div className="widget-actions" data-export-hidden="true">
      {isChart && (
        <button type="button" className="button button--small" aria-pressed={asTable} aria-label={t(asTable ? 'exports.chartLabel' : 'exports.tableLabel', { title })} onClick={() => setAsTable(!asTable)}>
          {t(asTable ? 'exports.chart' : 'exports.table')}
        </button>
      )}
      <button type="button" className="button button--small" aria-label={t('exports.csvLabel', { title })} onClick={() => downloadCsv(table, `${fileStem}.csv`, prefs.lang)}>
        {t('exports.csv')}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label={t('exports.pngLabel', { title })}
        onClick={() =>
          png.attempt(async () => {
            const { downloadPng } = await import('../exports/png.js');
            const context = exportContext
              ? { title, scope: `${title} — ${scopeLine(exportContext)}`, generated: generatedLine(exportContext), dir: prefs.lang === 'ar' ? 'rtl' as const : 'ltr' as const }
              : { title, scope: title, generated: '', dir: prefs.lang === 'ar' ? 'rtl' as const : 'ltr' as const };
            if (frame.current) await downloadPng(frame.current, `${fileStem}.png`, context);
          })
        }
      >
        {t('exports.png')}
      </button>
      {png.failed && <span role="alert" className="widget-actions__error">{t('exports.failed')}</span>}
    </div>
  );

  return (
    <div ref={frame} className="widget-cell" style={{ ['--span' as string]: definition.span }} data-type={definition.type}>
      <WidgetFrame id={`w-${definition.id}`} kind={definition.type} title={title} subtitle={subtitle} state={frameState} onRetry={onRetry} actions={actions} span={definition.span} meaning={meaning}>
        {data && table && (
          <>
            {(!isChart || !asTable) && <WidgetBody data={data} title={title} prefs={prefs} granularity={granularity} highlightAmanah={highlightAmanah} annotations={annotations} onNarrow={onNarrow} heatmapSlot={heatmapSlot} onHeatmapSlot={onHeatmapSlot} rankingSource={rankingSource && { ...rankingSource, widget: definition.id }} />}
            {missing && <p className="missing-data" role="note" data-testid="missing-data">{missingDataText(missing, t, prefs)}</p>}
            {unapplied.length > 0 && (
              <p className="widget-unapplied" role="note" data-testid="unapplied-filters">{t('filters.notApplied', { filters: unapplied.join(prefs.lang === 'ar' ? '، ' : ', ') })}</p>
            )}
            {isChart && (
              // The table is always there for screen readers; "Table" shows it to everyone instead of the chart. The
              // wrapper hides it, not the table itself: a table never shrinks below its content's width.
              <div className={asTable ? 'table-scroll' : 'visually-hidden'}>
                <DataTable table={table} caption={title} prefs={prefs} metric={data.metric} granularity={granularity} />
              </div>
            )}
          </>
        )}
      </WidgetFrame>
    </div>
  );
}

function WidgetBody({ data, title, prefs, granularity, highlightAmanah, annotations, onNarrow, heatmapSlot, onHeatmapSlot, rankingSource }: {
  data: WidgetData; title: string; prefs: DisplayPrefs; granularity: Granularity; highlightAmanah?: string; annotations?: readonly ChartAnnotation[];
  onNarrow?: (dimension: string, value: string) => void; rankingSource?: RankingSource;
  heatmapSlot?: HeatmapSlot | null;
  onHeatmapSlot?: (slot: HeatmapSlot | null) => void;
}) {
  const chartFallback = <Skeleton kind={data.type} label="" />;
  const { dimension } = data;
  const selectMember = onNarrow && dimension ? (key: string) => onNarrow(dimension, key) : undefined;
  switch (data.type) {
    case 'kpi':
      return <KpiCard title={title} metric={data.metric} kpi={data.kpi!} prefs={prefs} sparkline={data.series?.points} />;
    case 'trend':
      return (
        <Suspense fallback={chartFallback}>
          <div aria-hidden="true" className="chart">
            <TrendChart metric={data.metric} lines={trendLines(data)} previous={trendPrevious(data)} granularity={granularity} chart={data.chart === 'area' ? 'area' : 'line'} prefs={prefs} annotations={annotations} target={trendTarget(data)} />
          </div>
        </Suspense>
      );
    case 'bar':
      return (
        <Suspense fallback={chartFallback}>
          <div {...chartWrapper(selectMember, title)}><BreakdownBar metric={data.metric} items={data.breakdown ?? []} prefs={prefs} onSelect={selectMember} /></div>
        </Suspense>
      );
    case 'donut':
      return (
        <Suspense fallback={chartFallback}>
          <div {...chartWrapper(selectMember, title)}><ShareDonut metric={data.metric} items={data.breakdown ?? []} prefs={prefs} onSelect={selectMember} /></div>
        </Suspense>
      );
    case 'ranking':
      // A table wider than a phone scrolls inside its own frame, never the page.
      return (
        <div className="table-scroll">
          {rankingSource ? (
            <RankingByAttainment source={rankingSource} metric={data.metric} items={data.ranking?.items ?? []} prefs={prefs} caption={title} highlight={highlightAmanah} onSelect={onNarrow && ((amanah) => onNarrow('amanah', amanah))} />
          ) : (
            <RankingTable metric={data.metric} items={data.ranking?.items ?? []} prefs={prefs} caption={title} highlight={highlightAmanah} onSelect={onNarrow && ((amanah) => onNarrow('amanah', amanah))} />
          )}
        </div>
      );
    case 'heatmap':
      return <Heatmap cells={data.heatmap ?? []} prefs={prefs} caption={title} selected={heatmapSlot} onSelect={onHeatmapSlot} />;
    default:
      return null;
  }
}

/**
 * A chart is hidden from screen readers (its table beside it says the same), except when its bars or slices drill
 * down: then they are named buttons, and focusable content must not sit inside aria-hidden.
 */
function chartWrapper(drillable: unknown, title: string) {
  return drillable ? { className: 'chart', role: 'group', 'aria-label': title } : { className: 'chart', 'aria-hidden': true };
}

/** A dimension's name as it reads inside a sentence ("by channel", "حسب القناة"). */
function dimensionLabel(dimension: string | null | undefined, lang: 'ar' | 'en'): string | null {
  const definition = dimension ? DIMENSIONS[dimension as DimensionId] : undefined;
  if (!definition) return null;
  return lang === 'en' ? definition.label.en.toLowerCase() : definition.label.ar;
}

/** "Period: 1 Jan – 30 Jun 2024" for a page header. */
export function periodLabel(range: { from: string; to: string } | null | undefined, prefs: DisplayPrefs): string | null {
  return range ? formatRange(range, prefs) : null;
}
