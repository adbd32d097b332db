import { daysInclusive } from '@amanah/calendar';
import { VISITOR_DAYS, type RollupDefinition } from '@amanah/store';
import { columnOf, valueColumn, type Conditions } from './conditions.js';
import { errorBound, previousOf, type MetricQuery, type PlannedQuery, type QueryShape } from './query-types.js';

/**
 * Exact distinct counts from a visitor-days table (migration 0105: one row per year, amanah and visitor, with its days):
 * uniqExact of the visitor's 128-bit key over the rows with a day in the range, which is uniqExact(visitor_id) over
 * the raw visits of that range. It answers a total (with its comparison period) and a breakdown, filtered and scoped
 * by the table's columns (amanah); a series, a sparkline, another filter or a range shorter than MIN_DAYS reads the
 * raw events.
 */

/**
 * The table is partitioned by year and ordered by visitor, so any range reads its years whole; the raw visits,
 * ordered by (amanah, time), read a short range alone. Below a month the raw visits are the cheaper read.
 */
const MIN_DAYS = 31;

export function visitorDaysFor(query: MetricQuery, shape: QueryShape): RollupDefinition | undefined {
  const { metric } = query;
  const aggregate = metric.aggregate;
  if (query.forceRaw || query.approximate || aggregate.fn !== 'distinct') return undefined;
  const table = VISITOR_DAYS[metric.dataset];
  if (!table?.keys?.[aggregate.column]) return undefined;
  if (shape.kind !== 'total' && shape.kind !== 'breakdown') return undefined;
  if (shape.kind === 'total' && shape.by) return undefined;
  if (daysInclusive(query.range.from, query.range.to) < MIN_DAYS) return undefined;
  const touched = [
    ...query.filters.map((filter) => columnOf(metric, filter.dimension)),
    ...(query.scope ? [columnOf(metric, 'amanah')] : []),
    ...(shape.kind === 'breakdown' ? [columnOf(metric, shape.dimension)] : []),
  ];
  return touched.every((column) => table.columns.includes(column)) ? table : undefined;
}

/** The query over the visitor-days table; `conditions` already hold the scope and filters. */
export function printVisitorDays(query: MetricQuery, shape: QueryShape, table: RollupDefinition, conditions: Conditions): PlannedQuery {
  const aggregate = query.metric.aggregate;
  if (aggregate.fn !== 'distinct' || !table.days || shape.kind === 'series' || shape.kind === 'heatmap') {
    throw new Error(`${table.table} answers distinct totals and breakdowns only`);
  }
  const key = table.keys![aggregate.column]!;
  const { params, where } = conditions;
  const previous = previousOf(shape);
  if (previous) Object.assign(params, { pfrom: previous.from, pto: previous.to });
  const between = (from: string, to: string) => `d -> d >= {${from}:Date} AND d <= {${to}:Date}`;
  const inRange = `arrayExists(${between('from', 'to')}, ${table.days})`;
  const inPrevious = `arrayExists(${between('pfrom', 'pto')}, ${table.days})`;
  where.unshift(previous ? `(${inRange} OR ${inPrevious})` : inRange);
  // The years of the range (and its comparison period): the partitions read.
  const [from, to] = previous ? ['least({from:Date}, {pfrom:Date})', 'greatest({to:Date}, {pto:Date})'] : ['{from:Date}', '{to:Date}'];
  where.unshift(`year >= toYear(${from}) AND year <= toYear(${to})`);
  const columns = [
    ...(shape.kind === 'breakdown' ? [`${valueColumn(query.metric, shape.dimension)} AS key`] : []),
    previous ? `uniqExactIf(${key}, ${inRange}) AS value, uniqExactIf(${key}, ${inPrevious}) AS previous` : `uniqExact(${key}) AS value`,
    // A row's newest day in the range (none, 1970-01-01, when it has only days of the comparison period).
    `toString(max(arrayMax(arrayFilter(${between('from', 'to')}, ${table.days})))) AS as_of`,
  ];
  const tail = shape.kind === 'breakdown' ? '\nGROUP BY key\nORDER BY value DESC, key' : '';
  const sql = `SELECT ${columns.join(', ')}
FROM ${table.table}
WHERE ${where.join('\n  AND ')}${tail}`;
  return { source: 'rollup', tables: [table.table], ...errorBound(null), perDay: false, sql, params };
}
