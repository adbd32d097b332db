import { splitFiltersFor } from '@amanah/metrics';
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
 * The dashboard's filters split for one metric (`splitFiltersFor`, @amanah/metrics): those it can take are applied,
 * the rest are not and the widget says so (`Widget.unappliedFilters`).
 */
export function splitGlobalFilters(metricId: string, filters: readonly FilterArgs[] | null | undefined): { applied: FilterArgs[]; unapplied: FilterArgs[] } {
  return splitFiltersFor(metricId, filters);
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
