import { addDays, bucketsOf, isHijriGranularity, lastDayOfMonth, parts, type DateRange, type Granularity } from '@amanah/calendar';
import { DATASETS } from '@amanah/domain';
import type { DimensionId } from '@amanah/metrics';
import { DURATION_HISTOGRAMS, DURATION_TABLES, HISTOGRAM_RATIO, LEAN_DURATION_HISTOGRAMS, LEAN_MONTHLY_ROLLUPS, MONTHLY_ROLLUPS, ROLLUPS, type RollupDefinition } from '@amanah/store';
import { columnOf, type Conditions } from './conditions.js';
import { previousOf, type MetricQuery, type QueryShape } from './query-types.js';

/**
 * Where a query reads (chooseSource): raw events, the daily rollup, the monthly table alone (whole months cover every
 * day asked for), or whole months from the monthly table and the days around them from the daily one; and how that
 * source is read (readingOf): its tables, its day column, its row source. Tables come from the store's rollup registry.
 */
export type Source =
  | { kind: 'raw' }
  | { kind: 'daily'; daily: RollupDefinition }
  | { kind: 'monthly'; daily: RollupDefinition; monthly: RollupDefinition }
  | { kind: 'split'; daily: RollupDefinition; monthly: RollupDefinition; months: string[]; days: DateRange[] };

/** How a source is read by the printers and measures. */
export interface Reading {
  tables: string[];
  /** The rollup (daily, or duration table) whose measures stand for raw rows; none for raw events. */
  rollup?: RollupDefinition;
  /** A duration histogram that stands for the durations of its months: the median is then approximate. */
  histogram?: RollupDefinition;
  /** The day of a row, as an expression. */
  day: string;
  /** The row source: a table, or (split) the monthly and daily rows as one subquery. */
  from: string;
  /** The column holding a row's newest day with data, where it is not `day` (monthly rows). */
  newest?: string;
}

export function chooseSource(query: MetricQuery, shape: QueryShape): Source {
  const daily = chooseRollup(query, shape);
  if (!daily) return { kind: 'raw' };
  const monthly = monthlyRollupFor(query, shape, daily);
  const split = monthly && wholeMonthsOf(query, shape);
  if (!monthly || !split) return { kind: 'daily', daily };
  return split.days.length === 0 ? { kind: 'monthly', daily, monthly } : { kind: 'split', daily, monthly, ...split };
}

/**
 * The reading of a source. For a split source, whole months come from the monthly rollup and the days around them from
 * the daily one, as one row source with the same columns (`day` is the month's first day for a month row, `newest`
 * its last day with data), each branch filtered by the scope and filters already in `conditions`.
 */
export function readingOf(query: MetricQuery, source: Source, conditions: Conditions): Reading {
  const dataset = DATASETS[query.metric.dataset];
  const rollup = source.kind === 'raw' ? undefined : source.daily;
  const histogram = source.kind !== 'raw' && source.kind !== 'daily' && rollup?.durationSeconds !== undefined ? source.monthly : undefined;
  const timeField = dataset.fields.find((f) => f.name === dataset.time)!;
  if (source.kind === 'monthly') {
    // The monthly rollup alone answers: its `month` stands for `day`, and the period conditions on it pick exactly the
    // whole months.
    return { tables: [source.monthly.table], rollup, histogram, day: 'month', from: source.monthly.table, newest: 'last_day' };
  }
  const table = rollup?.table ?? dataset.name;
  const day = rollup ? 'day' : timeField.kind.type === 'datetime' ? `toDate(${dataset.time})` : dataset.time;
  if (source.kind !== 'split') return { tables: [table], rollup, histogram, day, from: table };

  const { daily, monthly } = source;
  const { params, where } = conditions;
  const measures = histogram
    ? ['log_bucket', monthly.rows!]
    : [daily.rows, ...Object.values(daily.sums), ...Object.values(daily.sketches ?? {})].filter((m): m is string => Boolean(m));
  // A day's durations are bucketed on the fly, as the histogram's view buckets them.
  const dailyMeasures = histogram ? [`${histogramBucket(daily.durationSeconds!)} AS log_bucket`, `toUInt64(1) AS ${monthly.rows}`] : measures;
  const branchWhere = where.length ? ` AND ${where.join(' AND ')}` : '';
  params.months = source.months;
  const days = source.days.map((range, i) => {
    Object.assign(params, { [`d${i}from`]: range.from, [`d${i}to`]: range.to });
    return `(day >= {d${i}from:Date} AND day <= {d${i}to:Date})`;
  });
  const from = `(
  SELECT month AS day, last_day AS newest, ${[...monthly.columns, ...measures].join(', ')} FROM ${monthly.table} WHERE month IN {months:Array(Date)}${branchWhere}
  UNION ALL
  SELECT day, day AS newest, ${[...monthly.columns, ...dailyMeasures].join(', ')} FROM ${daily.table} WHERE (${days.join(' OR ')})${branchWhere}
)`;
  return { tables: [monthly.table, daily.table], rollup, histogram, day, from, newest: 'newest' };
}

/** The buckets a query groups by: a series', or a total's sparkline. */
function bucketGranularity(shape: QueryShape): Granularity | undefined {
  return shape.kind === 'series' ? shape.granularity : shape.kind === 'total' ? shape.by : undefined;
}

/** The histogram bucket of a duration in seconds: the expression of migration 0006's views. */
function histogramBucket(seconds: string): string {
  return `toUInt16(round(log(greatest(${seconds}, 1)) / log(${HISTOGRAM_RATIO})))`;
}

/** A rollup answers when it has every column the query touches and the aggregate can be re-aggregated from it. */
function chooseRollup(query: MetricQuery, shape: QueryShape): RollupDefinition | undefined {
  if (query.forceRaw || shape.kind === 'heatmap') return undefined;
  const { metric } = query;
  const aggregate = metric.aggregate;
  const rollup = aggregate.fn === 'median_hours' ? DURATION_TABLES[metric.dataset] : ROLLUPS[metric.dataset];
  if (!rollup) return undefined;
  switch (aggregate.fn) {
    case 'count':
    case 'per_day':
    case 'share':
      if (!rollup.rows) return undefined;
      break;
    case 'sum':
      if (!rollup.sums[aggregate.column]) return undefined;
      break;
    case 'distinct':
      if (!query.approximate || !rollup.sketches?.[aggregate.column]) return undefined;
      break;
    case 'median_hours':
      break;
    default:
      return undefined;
  }
  return columnsTouched(query, shape).every((column) => rollup.columns.includes(column)) ? rollup : undefined;
}

/** The columns a query reads besides time and measures: filters, scope, the metric's condition, the breakdown. */
function columnsTouched(query: MetricQuery, shape: QueryShape): string[] {
  const aggregate = query.metric.aggregate;
  const dimensions: DimensionId[] = [
    ...query.filters.map((f) => f.dimension),
    ...(query.scope ? (['amanah'] as const) : []),
    ...(aggregate.fn === 'share' ? [aggregate.where.dimension] : []),
    ...(shape.kind === 'breakdown' ? [shape.dimension] : []),
    ...(shape.kind === 'series' && shape.breakdownBy ? [shape.breakdownBy] : []),
  ];
  return [...new Set(dimensions.map((d) => columnOf(query.metric, d)))];
}

/**
 * The monthly table that can stand for whole months of a daily one: the lean monthly rollup of a daily rollup, else its
 * monthly rollup, or, for an approximate median, the lean duration histogram (no amanah) of a duration table, else its
 * histogram by amanah. None for series by day or
 * week, or by Hijri buckets (a Hijri month starts mid Gregorian month: the daily rollup answers them exactly), or when
 * none has every column the query needs.
 */
function monthlyRollupFor(query: MetricQuery, shape: QueryShape, daily: RollupDefinition): RollupDefinition | undefined {
  const granularity = bucketGranularity(shape);
  if (granularity === 'DAY' || granularity === 'WEEK' || (granularity && isHijriGranularity(granularity))) return undefined;
  const dataset = query.metric.dataset;
  // The lean tables first: fewer dimensions, fewer rows to read.
  const candidates = daily.durationSeconds
    ? query.approximate ? [LEAN_DURATION_HISTOGRAMS[dataset], DURATION_HISTOGRAMS[dataset]] : []
    : [LEAN_MONTHLY_ROLLUPS[dataset], MONTHLY_ROLLUPS[dataset]];
  const touched = columnsTouched(query, shape);
  return candidates.find((monthly) => monthly && touched.every((column) => monthly.columns.includes(column)));
}

/**
 * The whole months inside the range or its comparison period that no period boundary cuts (so each month row belongs
 * to the same periods as all its days), and the days of the periods outside them. None when no month is whole.
 */
function wholeMonthsOf(query: MetricQuery, shape: QueryShape): { months: string[]; days: DateRange[] } | undefined {
  const previous = previousOf(shape);
  const periods = previous ? [query.range, previous] : [query.range];
  const lo = periods.reduce((a, p) => (p.from < a ? p.from : a), query.range.from);
  const hi = periods.reduce((a, p) => (p.to > a ? p.to : a), query.range.to);
  const months: string[] = [];
  for (const { start: month } of bucketsOf({ from: lo, to: hi }, 'MONTH')) {
    const { year, month: number } = parts(month);
    const end = lastDayOfMonth(year, number);
    const inside = periods.some((p) => p.from <= month && end <= p.to);
    const cut = periods.some((p) => (p.from > month && p.from <= end) || (p.to >= month && p.to < end));
    if (inside && !cut) months.push(month);
  }
  if (months.length === 0) return undefined;
  // The days of each period outside those months, as runs of consecutive days, for the daily rollup.
  const monthSet = new Set(months);
  const days: DateRange[] = [];
  for (const period of periods) {
    for (const { start, from, to } of bucketsOf(period, 'MONTH')) {
      if (monthSet.has(start)) continue;
      const last = days[days.length - 1];
      if (last && addDays(last.to, 1) === from) last.to = to;
      else days.push({ from, to });
    }
  }
  return { months, days };
}
