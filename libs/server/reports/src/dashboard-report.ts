import { AMANAHS, AMANAH_IDS, isAmanahId } from '@amanah/domain';
import { scopeOf, type Caller } from '@amanah/access';
import {
  AnalyticsError, rankingWidgetQuery, widgetQuery, type AnalyticsService, type BreakdownItem, type FilterArgs, type HeatmapCell, type Kpi,
  type Provenance, type Ranking, type Series,
} from '@amanah/analytics';
import type { WidgetDefinition } from '@amanah/dashboards';
import type { DateRange } from '@amanah/calendar';
import { describeMetric, DIMENSIONS, findMetric, memberLabel, type DimensionId, type Localized } from '@amanah/metrics';
import { localeOf } from './format.js';
import {
  reportViewSchema, type Report, type ReportCard, type ReportCell, type ReportColumn, type ReportContext, type ReportMetric, type ReportPrefs,
  type ReportSection, type ReportTable, type ReportView,
} from './report.js';
import { wordsOf } from './words.js';
import { zodToAnalyticsError } from './validation.js';

type Answer =
  | { kind: 'kpi'; kpi: Kpi }
  | { kind: 'trend'; series: Series }
  | { kind: 'breakdown'; items: BreakdownItem[] }
  | { kind: 'ranking'; ranking: Ranking }
  | { kind: 'heatmap'; cells: HeatmapCell[] };

/**
 * A dashboard view as a report: every widget asked of the AnalyticsService exactly as the dashboard's GraphQL
 * widgets ask (`widgetQuery`, `rankingWidgetQuery`), so the export holds the numbers the screen shows. A view of an
 * amanah outside the caller's scope is FORBIDDEN; without an amanah the report covers what the caller may see and
 * says so (a Tabuk key's "all" is Tabuk).
 */
export async function buildDashboardReport(analytics: AnalyticsService, caller: Caller, view: ReportView): Promise<Report> {
  const parsed = reportViewSchema.safeParse(view);
  if (!parsed.success) throw zodToAnalyticsError(parsed.error);
  const options = parsed.data;
  const prefs: ReportPrefs = { lang: options.lang, digits: options.digits, calendar: options.calendar };
  const dashboard = analytics.dashboard(options.dashboard);
  if (!dashboard) throw new AnalyticsError('NOT_FOUND', `There is no dashboard "${options.dashboard}".`, 'dashboard');
  const amanahIds = amanahsOf(options.amanah, caller);
  const range = options.range ?? { preset: dashboard.defaults.preset };
  const compare = options.compare ?? dashboard.defaults.compare;
  const granularity = options.granularity ?? dashboard.defaults.granularity;
  const others = (options.filters ?? []).filter((f) => f.dimension !== 'amanah');
  const filters: FilterArgs[] = [...(options.amanah ? [{ dimension: 'amanah', values: [options.amanah] }] : []), ...others];
  const global = { range, filters };

  const answers = await Promise.all(
    dashboard.widgets.map(async (widget): Promise<Answer> => {
      const source = { metric: widget.metric, filters: widget.filters, approximate: 'approximate' in widget ? widget.approximate : false };
      switch (widget.type) {
        case 'kpi': return { kind: 'kpi', kpi: await analytics.kpi(caller, { ...widgetQuery(source, global), compare }) };
        case 'trend':
          return { kind: 'trend', series: await analytics.series(caller, { ...widgetQuery(source, global), granularity, breakdownBy: widget.breakdownBy }) };
        case 'bar':
        case 'donut':
          return {
            kind: 'breakdown',
            items: await analytics.breakdown(caller, { ...widgetQuery(source, global), dimension: widget.dimension, limit: widget.limit, compare }),
          };
        case 'ranking': return { kind: 'ranking', ranking: await analytics.ranking(caller, { ...rankingWidgetQuery(source, global), compare }) };
        case 'heatmap': return { kind: 'heatmap', cells: await analytics.heatmap(caller, widgetQuery(source, global)) };
      }
    }),
  );

  const provenances = answers.flatMap((a) => (a.kind === 'kpi' ? [a.kpi.provenance] : a.kind === 'trend' ? [a.series.provenance] : a.kind === 'ranking' ? [a.ranking.provenance] : []));
  const firstKpi = answers.find((a): a is Extract<Answer, { kind: 'kpi' }> => a.kind === 'kpi')?.kpi;
  const ranking = answers.find((a): a is Extract<Answer, { kind: 'ranking' }> => a.kind === 'ranking')?.ranking;
  const context: ReportContext = {
    kind: 'dashboard',
    id: dashboard.id,
    title: dashboard.title,
    amanah: amanahIds === 'all' ? { ids: 'all', name: { ar: wordsOf('ar').allAmanahs, en: wordsOf('en').allAmanahs } } : { ids: amanahIds, name: amanahNames(amanahIds) },
    ...(others.length > 0 ? { filters: filtersText(others) } : {}),
    range: firstKpi?.range ?? provenances[0]?.range ?? { from: '', to: '' },
    compare,
    previousRange: compare === 'NONE' ? null : (firstKpi?.previousRange ?? ranking?.previousRange ?? null),
    asOf: newest(provenances.map((p) => p.asOf)),
    lastUploadAt: newest(provenances.map((p) => p.lastUploadAt ?? null)),
    dataVersion: Math.max(0, ...provenances.map((p) => p.dataVersion)),
    generatedAt: new Date().toISOString(),
    metrics: metricsOf(dashboard.widgets.map((w) => w.metric), provenances),
    prefs,
  };
  return {
    context,
    sections: dashboard.widgets.map((widget, i) => section(widget, answers[i]!, prefs)),
  };
}

/** "Channel: Portal, Balady · Service: …" in each language, from the catalogue's names. */
function filtersText(filters: readonly FilterArgs[]): Localized {
  const text = (lang: 'ar' | 'en') =>
    filters
      .map((f) => {
        const dimension = DIMENSIONS[f.dimension as DimensionId];
        if (!dimension) return `${f.dimension}: ${f.values.join(', ')}`;
        return `${dimension.label[lang]}: ${f.values.map((v) => memberLabel(dimension.id, v)[lang]).join(lang === 'ar' ? '، ' : ', ')}`;
      })
      .join(' · ');
  return { ar: text('ar'), en: text('en') };
}

/** The amanahs a view covers: the one asked for (within the caller's scope), else the caller's scope. */
export function amanahsOf(amanah: string | undefined, caller: Caller): readonly string[] | 'all' {
  const scope = scopeOf(caller);
  if (amanah === undefined) return scope ?? 'all';
  if (!isAmanahId(amanah)) throw new AnalyticsError('BAD_USER_INPUT', `Unknown amanah "${amanah}". Allowed: ${AMANAH_IDS.join(', ')}`, 'amanah', AMANAH_IDS);
  if (scope && !scope.includes(amanah)) throw new AnalyticsError('FORBIDDEN', `This key is limited to other amanahs and may not see ${amanah}.`, 'amanah');
  return [amanah];
}

/** Amanah names as a reader knows them, joined: "أمانة منطقة تبوك". */
export function amanahNames(ids: readonly string[]): Localized {
  const found = ids.map((id) => AMANAHS.find((a) => a.id === id)).filter((a) => a !== undefined);
  return { ar: found.map((a) => a.nameAr).join('، '), en: found.map((a) => a.nameEn).join(', ') };
}

export function newest(times: ReadonlyArray<string | null>): string | null {
  return times.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

/** Each metric once, in order of first use, with its definition and where the answer was read. */
export function metricsOf(ids: readonly string[], provenances: readonly Provenance[]): ReportMetric[] {
  return [...new Set(ids)].map((id) => {
    const metric = findMetric(id)!;
    const provenance = provenances.find((p) => p.metric === id);
    return {
      id,
      label: metric.label,
      description: metric.description,
      definition: provenance?.definition ?? describeMetric(metric),
      dataset: metric.dataset,
      table: provenance?.table ?? '',
      unit: metric.unit,
      exact: provenance?.exact ?? true,
    };
  });
}

function section(widget: WidgetDefinition, answer: Answer, prefs: ReportPrefs): ReportSection {
  const metric = findMetric(widget.metric)!;
  const base = { id: widget.id, type: widget.type, title: widget.title ?? metric.label, metric: metric.id, unit: metric.unit, decimals: metric.decimals };
  const w = wordsOf(prefs.lang);
  const label = metric.label[prefs.lang];
  switch (answer.kind) {
    case 'kpi': {
      const { kpi } = answer;
      const card: ReportCard = {
        value: kpi.value, previous: kpi.previous, change: kpi.change, changePct: kpi.changePct,
        target: kpi.target?.value ?? null, attainmentPct: kpi.target?.attainmentPct ?? null,
      };
      return { ...base, card, table: kpiTable(label, kpi.range, card, prefs) };
    }
    case 'trend': {
      const { series } = answer;
      const lines = widget.type === 'trend' && widget.breakdownBy ? series.series : [{ key: null, label: null, points: series.points }];
      const columns: ReportColumn[] = [
        { key: 'date', label: w.date, kind: 'date' },
        { key: 'hijri', label: w.hijriDate, kind: 'hijri' },
        ...lines.map((line, i): ReportColumn => ({ key: `l${i}`, label: line.label?.[prefs.lang] ?? label, kind: 'metric' })),
      ];
      const rows = (lines[0]?.points ?? []).map((point, index) => {
        const row: Record<string, ReportCell> = { date: point.date, hijri: point.date };
        lines.forEach((line, i) => { row[`l${i}`] = line.points[index]?.value ?? null; });
        return row;
      });
      return { ...base, granularity: series.granularity, card: null, table: { columns, rows } };
    }
    case 'breakdown': {
      const compared = answer.items.some((item) => item.previous !== null);
      const columns: ReportColumn[] = [
        { key: 'member', label: w.member, kind: 'text' },
        { key: 'value', label, kind: 'metric' },
        { key: 'share', label: w.share, kind: 'percent' },
        ...(compared ? [{ key: 'previous', label: w.previous, kind: 'metric' } as const] : []),
      ];
      const rows = answer.items.map((item) => ({ member: item.label[prefs.lang], value: item.value, share: item.share, ...(compared ? { previous: item.previous } : {}) }));
      return { ...base, card: null, table: { columns, rows } };
    }
    case 'ranking': {
      const columns: ReportColumn[] = [
        { key: 'rank', label: w.rank, kind: 'number' },
        { key: 'amanah', label: w.amanah, kind: 'text' },
        { key: 'value', label, kind: 'metric' },
        { key: 'previous', label: w.previous, kind: 'metric' },
        { key: 'rankChange', label: w.rankChange, kind: 'number' },
      ];
      const rows = answer.ranking.items.map((item) => ({
        rank: item.rank, amanah: item.label[prefs.lang], value: item.value, previous: item.previousValue, rankChange: item.rankChange,
      }));
      return { ...base, card: null, table: { columns, rows } };
    }
    case 'heatmap':
      return { ...base, card: null, table: heatmapTable(answer.cells, prefs) };
  }
}

export function kpiTable(label: string, range: DateRange, card: ReportCard, prefs: ReportPrefs): ReportTable {
  const w = wordsOf(prefs.lang);
  return {
    columns: [
      { key: 'metric', label: w.metric, kind: 'text' },
      { key: 'from', label: w.from, kind: 'date' },
      { key: 'to', label: w.to, kind: 'date' },
      { key: 'value', label: w.value, kind: 'metric' },
      { key: 'previous', label: w.previous, kind: 'metric' },
      { key: 'change', label: w.change, kind: 'metric' },
      { key: 'changePct', label: w.changePct, kind: 'percent' },
      { key: 'target', label: w.target, kind: 'metric' },
      { key: 'attainment', label: w.attainment, kind: 'percent' },
    ],
    rows: [{
      metric: label, from: range.from, to: range.to, value: card.value, previous: card.previous, change: card.change,
      changePct: card.changePct, target: card.target, attainment: card.attainmentPct,
    }],
  };
}

/** Weekday rows (Sunday first, the API's convention) × 24 hour columns. */
function heatmapTable(cells: readonly HeatmapCell[], prefs: ReportPrefs): ReportTable {
  const w = wordsOf(prefs.lang);
  const weekday = new Intl.DateTimeFormat(localeOf(prefs), { weekday: 'long', timeZone: 'UTC' });
  const hour = new Intl.NumberFormat(localeOf(prefs), { minimumIntegerDigits: 2 });
  const columns: ReportColumn[] = [{ key: 'weekday', label: w.weekday, kind: 'text' }];
  for (let h = 0; h < 24; h++) columns.push({ key: `h${h}`, label: `${hour.format(h)}:${hour.format(0)}`, kind: 'number' });
  const rows = [0, 1, 2, 3, 4, 5, 6].map((day) => {
    // 2024-01-07 was a Sunday.
    const row: Record<string, ReportCell> = { weekday: weekday.format(new Date(Date.UTC(2024, 0, 7 + day))) };
    for (let h = 0; h < 24; h++) row[`h${h}`] = cells.find((c) => c.weekday === day && c.hour === h)?.value ?? 0;
    return row;
  });
  return { columns, rows };
}
