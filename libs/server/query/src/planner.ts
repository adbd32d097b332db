import { Conditions } from './conditions.js';
import { asOfColumns, measureOf } from './measures.js';
import { printBreakdown, printHeatmap, printLevels, printSeries, printTotal } from './printers.js';
import { errorBound, previousOf, type MetricQuery, type PlannedQuery, type QueryShape, type Scan } from './query-types.js';
import { chooseSource, readingOf, type Source } from './source.js';
import { printVisitorDays, visitorDaysFor } from './visitor-days.js';

/**
 * The query planner: (metric, range, filters, shape) → one parameterized ClickHouse query. Pure, no I/O. It chooses
 * the source (source.ts: a daily or monthly rollup whenever one answers exactly, the raw table otherwise), builds the
 * conditions (conditions.ts) and the measure (measures.ts), and prints the SQL of the shape's family (printers.ts).
 * Values reach SQL only as {name:Type} parameters; identifiers come only from the catalogue, the dataset definitions
 * and the store's rollup registry.
 */
export { OPENING_BUCKET, type Filter, type MetricQuery, type PlannedQuery, type QueryShape } from './query-types.js';

export function planQuery(query: MetricQuery, shape: QueryShape): PlannedQuery {
  // An exact distinct count reads the visitor-days table where it answers (visitor-days.ts), the raw table otherwise.
  const visitorDays = visitorDaysFor(query, shape);
  if (visitorDays) return printVisitorDays(query, shape, visitorDays, new Conditions(query));
  const source = chooseSource(query, shape);
  const conditions = new Conditions(query);
  if (shape.kind === 'heatmap') return printHeatmap(query, readingOf(query, source, conditions), conditions);
  const previous = previousOf(shape);
  if (previous) Object.assign(conditions.params, { pfrom: previous.from, pto: previous.to });
  const reading = readingOf(query, source, conditions);
  const base = { source: reading.rollup ? ('rollup' as const) : ('raw' as const), tables: reading.tables, ...errorBound(null), perDay: false };
  if (query.metric.aggregate.fn === 'last_level') return { ...base, ...printLevels(query, shape, reading, conditions), params: conditions.params };

  const measure = measureOf(query, reading, conditions, previous);
  const printed =
    shape.kind === 'total'
      ? printTotal(query, reading, conditions, measure, shape.by)
      : shape.kind === 'series'
        ? printSeries(query, reading, conditions, measure, shape.granularity, shape.breakdownBy)
        : printBreakdown(query, reading, conditions, measure, shape.dimension);
  // A scan of the range alone over one table can also be read over the range and a comparison period (see Scan.widened).
  if (printed.scan && !previous && !printed.scan.outer && reading.from === reading.tables[0]) {
    const widened = widenedOf(printed.scan, query, source);
    if (widened) printed.scan = { ...printed.scan, widened };
  }
  return { ...base, ...printed, params: conditions.params, ...errorBound(measure.relativeErrorPct), perDay: query.metric.aggregate.fn === 'per_day' };
}

/**
 * The scan's conditions and columns over its range and a comparison period (the measure of a query with `previous`),
 * its `value` and `as_of` counting the range's rows only. The comparison period's bounds are parameters (pfrom, pto):
 * whichever period is given here, the SQL is the same.
 */
function widenedOf(scan: Scan, query: MetricQuery, source: Source): Scan['widened'] {
  const conditions = new Conditions(query);
  const measure = measureOf(query, readingOf(query, source, conditions), conditions, query.range, true);
  const [value] = measure.values;
  const [asOf] = asOfColumns(measure);
  const columns = scan.columns.map((column) => (column.alias === 'value' ? value : column.alias === 'as_of' ? asOf : undefined));
  if (!columns.every((column) => column !== undefined)) return undefined;
  return { where: conditions.where, columns, period: measure.period };
}
