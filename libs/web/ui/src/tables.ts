import type { TFunction } from 'i18next';
import { formatHour, formatWeekday, type DisplayPrefs, type Lang } from '@amanah/web-format';
import type { BreakdownEntry, HeatmapCellData, KpiData, MetricInfo, RankingEntry, SeriesLine, SeriesPoint } from './types.js';

/**
 * A widget's data as a table: the screen-reader fallback of every chart, and what CSV and XLSX exports write.
 * Numbers stay numbers here (formatting is the renderer's job), so an export holds exactly the API's values.
 */
export type CellValue = string | number | null;
export interface TableColumn {
  key: string;
  label: string;
  /** `metric`: a number in the metric's unit (hours, riyals…), shown as the metric shows; `number`: a plain count, rank or percent. */
  kind: 'text' | 'number' | 'metric' | 'date';
}
export interface WidgetTable {
  columns: TableColumn[];
  rows: Array<Record<string, CellValue>>;
}

const text = (label: { ar: string; en: string } | null | undefined, lang: Lang, fallback = '') => (label ? label[lang] : fallback);

export function kpiTable(metric: MetricInfo, kpi: KpiData, t: TFunction, lang: Lang): WidgetTable {
  return {
    columns: [
      { key: 'metric', label: t('ui:metric'), kind: 'text' },
      { key: 'from', label: t('ui:from'), kind: 'date' },
      { key: 'to', label: t('ui:to'), kind: 'date' },
      { key: 'value', label: t('ui:value'), kind: 'metric' },
      { key: 'previous', label: t('ui:previous'), kind: 'metric' },
      { key: 'change', label: t('ui:change'), kind: 'metric' },
      { key: 'changePct', label: t('ui:changePct'), kind: 'number' },
    ],
    rows: [{
      metric: metric.label[lang], from: kpi.range.from, to: kpi.range.to, value: kpi.value, previous: kpi.previous,
      change: kpi.change, changePct: kpi.changePct,
    }],
  };
}

/** One row per bucket; one column per line (the whole, or each breakdown member), then the comparison period, then the target. */
export function trendTable(
  metric: MetricInfo, lines: readonly SeriesLine[], previous: readonly SeriesPoint[] | null, t: TFunction, lang: Lang, target: readonly SeriesPoint[] | null = null,
): WidgetTable {
  const columns: TableColumn[] = [{ key: 'date', label: t('ui:date'), kind: 'date' }];
  lines.forEach((line, i) => columns.push({ key: `l${i}`, label: text(line.label, lang, metric.label[lang]), kind: 'metric' }));
  if (previous) columns.push({ key: 'previous', label: t('ui:previous'), kind: 'metric' });
  if (target) columns.push({ key: 'target', label: t('ui:target'), kind: 'metric' });
  const dates = lines[0]?.points.map((p) => p.date) ?? [];
  const rows = dates.map((date, index) => {
    const row: Record<string, CellValue> = { date };
    lines.forEach((line, i) => { row[`l${i}`] = line.points[index]?.value ?? null; });
    if (previous) row.previous = previous[index]?.value ?? null;
    if (target) row.target = target[index]?.value ?? null;
    return row;
  });
  return { columns, rows };
}

export function breakdownTable(metric: MetricInfo, items: readonly BreakdownEntry[], t: TFunction, lang: Lang): WidgetTable {
  const compared = items.some((item) => item.previous !== undefined && item.previous !== null);
  const columns: TableColumn[] = [
    { key: 'member', label: t('ui:member'), kind: 'text' },
    { key: 'value', label: metric.label[lang], kind: 'metric' },
    { key: 'share', label: t('ui:sharePct'), kind: 'number' },
  ];
  if (compared) columns.push({ key: 'previous', label: t('ui:previous'), kind: 'metric' });
  return {
    columns,
    rows: items.map((item) => ({ member: item.label[lang], value: item.value, share: item.share, ...(compared ? { previous: item.previous ?? null } : {}) })),
  };
}

export function rankingTable(metric: MetricInfo, items: readonly RankingEntry[], t: TFunction, lang: Lang): WidgetTable {
  return {
    columns: [
      { key: 'rank', label: t('ui:rank'), kind: 'number' },
      { key: 'amanah', label: t('ui:amanah'), kind: 'text' },
      { key: 'value', label: metric.label[lang], kind: 'metric' },
      { key: 'rankChange', label: t('ui:rankChange'), kind: 'number' },
    ],
    rows: items.map((item) => ({ rank: item.rank, amanah: item.label[lang], value: item.value, rankChange: item.rankChange ?? null })),
  };
}

/** Weekday rows × 24 hour columns, as the heatmap draws them. */
export function heatmapTable(cells: readonly HeatmapCellData[], t: TFunction, prefs: DisplayPrefs): WidgetTable {
  const columns: TableColumn[] = [{ key: 'weekday', label: t('ui:weekday'), kind: 'text' }];
  for (let hour = 0; hour < 24; hour++) columns.push({ key: `h${hour}`, label: formatHour(hour, prefs), kind: 'number' });
  const rows = [0, 1, 2, 3, 4, 5, 6].map((weekday) => {
    const row: Record<string, CellValue> = { weekday: formatWeekday(weekday, prefs) };
    for (let hour = 0; hour < 24; hour++) row[`h${hour}`] = cells.find((c) => c.weekday === weekday && c.hour === hour)?.value ?? 0;
    return row;
  });
  return { columns, rows };
}
