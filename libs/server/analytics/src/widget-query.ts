import type { FilterArgs, QueryArgs, RangeArgs } from './answers.js';

/** What a widget's data needs of its definition (dashboards/*.json). */
export interface WidgetQuerySource {
  metric: string;
  filters: readonly FilterArgs[];
  approximate: boolean;
}

/** The dashboard's global range and filters (e.g. the amanah), added to each widget's own. */
export interface DashboardScope {
  range: RangeArgs;
  filters?: readonly FilterArgs[] | null;
}

/**
 * A widget's query: its own filters and then the global ones. `approximate` is only ever set on kpi widgets, so a
 * card's sparkline is as approximate as its value.
 */
export function widgetQuery(widget: WidgetQuerySource, global: DashboardScope): QueryArgs {
  return { metric: widget.metric, range: global.range, filters: [...widget.filters, ...(global.filters ?? [])], approximate: widget.approximate };
}

/** A ranking compares amanahs: a global amanah filter would leave one row, so only the widget's own filters apply. */
export function rankingWidgetQuery(widget: WidgetQuerySource, global: DashboardScope): QueryArgs {
  return widgetQuery(widget, { range: global.range, filters: (global.filters ?? []).filter((f) => f.dimension !== 'amanah') });
}
