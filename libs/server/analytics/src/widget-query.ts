import { allowedValues, findMetric, type DimensionId } from '@amanah/metrics';
import type { FilterArgs, QueryArgs, RangeArgs } from './answers.js';

/** What a widget's data needs of its definition (dashboards/*.json). */
export interface WidgetQuerySource {
  metric: string;
  filters: readonly FilterArgs[];
  approximate: boolean;
}

/** The dashboard's global range and filters (e.g. the amanah, a channel), added to each widget's own. */
export interface DashboardScope {
  range: RangeArgs;
  filters?: readonly FilterArgs[] | null;
}

/**
 * The dashboard's filters split for one metric: a filter applies when the metric has its dimension, with those of its
 * values the metric's dataset knows (a channel "app" of citizen reports is none of the portal's). The rest are not
 * applied, and the widget says so (`Widget.unappliedFilters`); an unknown metric applies none.
 */
export function splitGlobalFilters(metricId: string, filters: readonly FilterArgs[] | null | undefined): { applied: FilterArgs[]; unapplied: FilterArgs[] } {
  const metric = findMetric(metricId);
  const applied: FilterArgs[] = [];
  const unapplied: FilterArgs[] = [];
  for (const filter of filters ?? []) {
    const dimension = filter.dimension as DimensionId;
    if (!metric?.dimensions.includes(dimension)) {
      unapplied.push(filter);
      continue;
    }
    const known = allowedValues(dimension, metric.dataset);
    const values = known ? filter.values.filter((v) => known.includes(v)) : [...filter.values];
    if (values.length > 0) applied.push({ dimension: filter.dimension, values });
    if (values.length < filter.values.length) unapplied.push({ dimension: filter.dimension, values: filter.values.filter((v) => !values.includes(v)) });
  }
  return { applied, unapplied };
}

/**
 * A widget's query: its own filters and then the global ones its metric can take (`splitGlobalFilters`).
 * `approximate` is only ever set on kpi widgets, so a card's sparkline is as approximate as its value.
 */
export function widgetQuery(widget: WidgetQuerySource, global: DashboardScope): QueryArgs {
  const { applied } = splitGlobalFilters(widget.metric, global.filters);
  return { metric: widget.metric, range: global.range, filters: [...widget.filters, ...applied], approximate: widget.approximate };
}

/** A ranking compares amanahs: a global amanah filter would leave one row, so it does not apply there. */
export function rankingWidgetQuery(widget: WidgetQuerySource, global: DashboardScope): QueryArgs {
  return widgetQuery(widget, { range: global.range, filters: (global.filters ?? []).filter((f) => f.dimension !== 'amanah') });
}
