import { DATASETS } from '@amanah/domain';
import { addDays, bucketsOf, lastDayOfMonth, parts, type DateRange, type Granularity } from '@amanah/calendar';
import { DIMENSIONS, type Condition, type DimensionId, type MetricDefinition } from '@amanah/metrics';
import {
  DURATION_HISTOGRAMS, DURATION_TABLES, HISTOGRAM_BUCKETS, HISTOGRAM_ERROR_PCT, HISTOGRAM_RATIO, MONTHLY_ROLLUPS, ROLLUPS, SKETCH_ERROR_PCT, type RollupDefinition,
} from '@amanah/store';

/**
 * The query planner: (metric, range, filters, shape) → one parameterized ClickHouse query. Pure, no I/O.
 * Values reach SQL only as {name:Type} parameters; identifiers come only from the catalogue, the dataset
 * definitions and the rollup list. It reads a daily rollup whenever that answers exactly, the raw table otherwise.
 */
export interface Filter {
  dimension: DimensionId;
  values: readonly string[];
}

export interface MetricQuery {
  metric: MetricDefinition;
  range: DateRange;
  filters: readonly Filter[];
  /** The amanahs the caller may see (access control); undefined means all. Applied to every query. */
  scope?: readonly string[];
  /** Accept an approximate answer where one is much faster: distinct visitors from a sketch (±1 %), medians from a histogram (±2 %). */
  approximate?: boolean;
  /** Read the raw table even where a rollup would do (tests compare the two). */
  forceRaw?: boolean;
}

/**
 * `previous`: also compute the comparison period in the same scan (one query, two columns `value` and `previous`),
 * since a dashboard asks for both and one query is cheaper than two.
 * `by` (a total): also one row per bucket of the range in the same scan (`is_total` 0; the total's row has 1), for a KPI
 * card's sparkline: GROUPING SETS make it one query instead of two.
 */
export type QueryShape =
  | { kind: 'total'; previous?: DateRange; by?: Granularity }
  | { kind: 'breakdown'; dimension: DimensionId; previous?: DateRange }
  | { kind: 'series'; granularity: Granularity; breakdownBy?: DimensionId }
  /** Weekday (0 = Sunday) × hour of day, from raw event times: for counts of datasets with a timestamp. */
  | { kind: 'heatmap' };

export interface PlannedQuery {
  sql: string;
  params: Record<string, unknown>;
  source: 'raw' | 'rollup';
  table: string;
  /** Whether the answer is exact: relativeErrorPct is null (see errorBound). */
  exact: boolean;
  /** For an approximate answer, the bound of its relative error in percent; null when exact. */
  relativeErrorPct: number | null;
  /** Rows hold counts that the runner divides by the days of the range or bucket (per_day metrics). */
  perDay: boolean;
  /**
   * Level metrics (last_level) in a series: rows are one level per bucket and group (columns g0…gN), to be carried
   * forward through buckets without a new value and then summed. Bucket '1970-01-01' holds the level before the range.
   */
  levelGroups?: number;
}

/** The bucket that holds, in level series, the last value before the range starts. */
export const OPENING_BUCKET = '1970-01-01';

const BUCKET_FUNCTIONS: Record<Granularity, (day: string) => string> = {
  DAY: (day) => day,
  WEEK: (day) => `toStartOfWeek(${day}, 0)`, // weeks start on Sunday, as in libs/shared/calendar buckets
  MONTH: (day) => `toStartOfMonth(${day})`,
  QUARTER: (day) => `toStartOfQuarter(${day})`,
  YEAR: (day) => `toStartOfYear(${day})`,
};

export function planQuery(query: MetricQuery, shape: QueryShape): PlannedQuery {
  const { metric } = query;
  const dataset = DATASETS[metric.dataset];
  const source = chooseSource(query, shape);
  const rollup = source.kind === 'raw' ? undefined : source.daily;
  // A duration histogram stands for the durations of its months: the median is then approximate (within 2 %).
  const histogram = source.kind !== 'raw' && source.kind !== 'daily' && rollup?.durationSeconds !== undefined ? source.monthly : undefined;
  // When whole months cover every day asked for, the monthly rollup alone answers (its `month` stands for `day`).
  const monthlyOnly = source.kind === 'monthly';
  let table = source.kind === 'monthly' ? source.monthly.table : (rollup?.table ?? dataset.name);
  const timeField = dataset.fields.find((f) => f.name === dataset.time)!;
  const day = monthlyOnly ? 'month' : rollup ? 'day' : timeField.kind.type === 'datetime' ? `toDate(${dataset.time})` : dataset.time;
  const params: Record<string, unknown> = { from: query.range.from, to: query.range.to };
  const column = (dimension: DimensionId): string => columnOf(metric, dimension);

  const where: string[] = [];
  if (query.scope) {
    params.scope = [...query.scope];
    where.push(`${column('amanah')} IN {scope:Array(String)}`);
  }
  query.filters.forEach((filter, i) => {
    params[`f${i}`] = [...filter.values];
    where.push(`${valueColumn(metric, filter.dimension)} IN {f${i}:Array(String)}`);
  });
  const condition = (c: Condition, name: string): string => {
    params[name] = [...c.values];
    return `${valueColumn(metric, c.dimension)} ${c.op === 'in' ? 'IN' : 'NOT IN'} {${name}:Array(String)}`;
  };

  if (shape.kind === 'heatmap') {
    if (metric.aggregate.fn !== 'count' || timeField.kind.type !== 'datetime' || rollup) {
      throw new Error(`A weekday × hour heatmap needs a count over event times; ${metric.id} is not one`);
    }
    where.unshift(`${day} >= {from:Date}`, `${day} <= {to:Date}`);
    const sql = `SELECT toDayOfWeek(${dataset.time}, 2) AS weekday, toHour(${dataset.time}) AS hour, count() AS value
FROM ${table}
WHERE ${where.join('\n  AND ')}
GROUP BY weekday, hour
ORDER BY weekday, hour`;
    return { source: 'raw', table, ...errorBound(null), perDay: false, sql, params };
  }

  const granularity = bucketGranularity(shape);
  const bucket = granularity ? BUCKET_FUNCTIONS[granularity](day) : undefined;
  const memberDimension = shape.kind === 'breakdown' ? shape.dimension : shape.kind === 'series' ? shape.breakdownBy : undefined;
  const member = memberDimension ? valueColumn(metric, memberDimension) : undefined;
  const previous = shape.kind === 'total' || shape.kind === 'breakdown' ? shape.previous : undefined;
  if (previous) Object.assign(params, { pfrom: previous.from, pto: previous.to });

  // Whole months come from the monthly rollup and the days around them from the daily one, as one row source with
  // the same columns (`day` is the month's first day for a month row, `newest` its last day with data).
  let from = table;
  let newestColumn: string | undefined = monthlyOnly ? 'last_day' : undefined;
  // (Monthly alone needs nothing more: the period conditions on `month` pick exactly the whole months.)
  if (source.kind === 'split') {
    const { daily, monthly } = source;
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
    from = `(
  SELECT month AS day, last_day AS newest, ${[...monthly.columns, ...measures].join(', ')} FROM ${monthly.table} WHERE month IN {months:Array(Date)}${branchWhere}
  UNION ALL
  SELECT day, day AS newest, ${[...monthly.columns, ...dailyMeasures].join(', ')} FROM ${daily.table} WHERE (${days.join(' OR ')})${branchWhere}
)`;
    table = `${monthly.table} + ${daily.table}`;
    newestColumn = 'newest';
  }
  const base = { source: rollup ? ('rollup' as const) : ('raw' as const), table, ...errorBound(null), perDay: false };

  const aggregate = metric.aggregate;
  if (aggregate.fn === 'last_level') {
    // A level is the last value on or before the range's end, per group, summed over groups: never a sum over days.
    // Its series carries levels forward, so a total's buckets would not be its sparkline.
    if (shape.kind === 'total' && shape.by) throw new Error(`${metric.id} is a level: ask for its total and its series apart`);
    if (aggregate.where) where.push(condition(aggregate.where, 'c0'));
    where.push(`${day} <= {to:Date}`);
    const groups = [...new Set([...aggregate.per.map((p) => column(p as DimensionId)), ...(member ? [member] : [])])];
    const groupAliases = groups.map((g, i) => `${g} AS g${i}`);
    if (bucket) {
      const sql = `SELECT toString(if(${day} < {from:Date}, toDate('${OPENING_BUCKET}'), ${bucket})) AS bucket,
  ${member ? `${member} AS member, ` : ''}${groupAliases.join(', ')}, argMax(${aggregate.column}, ${day}) AS value
FROM ${table}
WHERE ${where.join('\n  AND ')}
GROUP BY bucket, ${groups.map((_, i) => `g${i}`).join(', ')}${member ? ', member' : ''}
ORDER BY bucket`;
      return { ...base, sql, params, levelGroups: groups.length };
    }
    const previousLevel = previous ? `, argMaxIf(${aggregate.column}, ${day}, ${day} <= {pto:Date}) AS previous_level` : '';
    const sql = `SELECT ${member ? 'member AS key, ' : ''}sum(level) AS value${previous ? ', sum(previous_level) AS previous' : ''}, toString(max(last_day)) AS as_of
FROM (
  SELECT ${member ? `${member} AS member, ` : ''}${groups.join(', ')}, argMax(${aggregate.column}, ${day}) AS level${previousLevel}, max(${day}) AS last_day
  FROM ${table}
  WHERE ${where.join('\n    AND ')}
  GROUP BY ${groups.join(', ')}${member ? ', member' : ''}
)${member ? '\nGROUP BY key\nORDER BY value DESC, key' : ''}`;
    return { ...base, sql, params };
  }

  const inRange = `${day} >= {from:Date} AND ${day} <= {to:Date}`;
  const inPrevious = `${day} >= {pfrom:Date} AND ${day} <= {pto:Date}`;
  where.unshift(previous ? `((${inRange}) OR (${inPrevious}))` : inRange);
  let matching = '';
  if (aggregate.fn === 'share') matching = condition(aggregate.where, 'c0');
  // A duration table holds only the rows that meet the median's condition, with the duration computed.
  if (aggregate.fn === 'median_hours' && !rollup) where.push(condition(aggregate.where, 'c0'), `${aggregate.end} IS NOT NULL`);
  // The aggregate over the rows of one period: plain when the query reads one period, an -If combinator when it
  // reads the range and its comparison period together.
  const over = (period?: string): string => {
    const rowsIn = (extra?: string) => {
      const cond = [extra, period].filter(Boolean).join(' AND ');
      if (rollup) return cond ? `sumIf(${rollup.rows}, ${cond})` : `sum(${rollup.rows})`;
      return cond ? `countIf(${cond})` : 'count()';
    };
    const If = period ? 'If' : '';
    const periodArg = period ? `, ${period}` : '';
    switch (aggregate.fn) {
      case 'count':
      case 'per_day':
        return rowsIn();
      case 'sum':
        return `sum${If}(${rollup ? rollup.sums[aggregate.column] : aggregate.column}${periodArg})`;
      case 'distinct':
        return rollup
          ? `uniqCombined64Merge${If}(${rollup.sketches![aggregate.column]}${periodArg})`
          : `uniqExact${If}(${aggregate.column}${periodArg})`;
      case 'share':
        return `100 * ${rowsIn(matching)} / ${rowsIn()}`;
      case 'median_hours': {
        if (histogram) return histogramMedianHours(histogram.rows!, If, periodArg, period === inPrevious ? 'previous' : 'value');
        // Exact median (interpolating between the two middle values), not the sampling `median()`.
        const seconds = rollup ? rollup.durationSeconds! : `dateDiff('second', ${aggregate.start}, assumeNotNull(${aggregate.end}))`;
        return `quantileExactInclusive${If}(0.5)(${seconds}${periodArg}) / 3600`;
      }
    }
  };
  const value = `${over(previous ? inRange : undefined)} AS value${previous ? `, ${over(inPrevious)} AS previous` : ''}`;
  const relativeErrorPct = aggregate.fn === 'distinct' && rollup ? SKETCH_ERROR_PCT : histogram ? HISTOGRAM_ERROR_PCT : null;
  const newest = newestColumn ?? (rollup || timeField.kind.type === 'date' ? day : dataset.time);
  const asOf = previous ? `toString(maxIf(${newest}, ${inRange}))` : `toString(max(${newest}))`;
  const withTotal = shape.kind === 'total' && bucket !== undefined;
  const select = [
    bucket && `toString(${bucket}) AS bucket`,
    withTotal && 'grouping(bucket) AS is_total',
    member && `${member} AS ${shape.kind === 'breakdown' ? 'key' : 'member'}`,
    value,
    `${asOf} AS as_of`,
  ]
    .filter(Boolean)
    .join(', ');
  const groupBy = [bucket && 'bucket', member && (shape.kind === 'breakdown' ? 'key' : 'member')].filter(Boolean);
  const order = shape.kind === 'breakdown' ? 'value DESC, key' : groupBy.join(', ');
  const sql = `SELECT ${select}
FROM ${from}
WHERE ${where.join('\n  AND ')}${groupBy.length ? `\nGROUP BY ${withTotal ? 'GROUPING SETS ((bucket), ())' : groupBy.join(', ')}\nORDER BY ${order}` : ''}`;
  return { ...base, sql, params, ...errorBound(relativeErrorPct), perDay: aggregate.fn === 'per_day' };
}

/** `exact` is the absence of an error bound, said once. */
function errorBound(relativeErrorPct: number | null): Pick<PlannedQuery, 'exact' | 'relativeErrorPct'> {
  return { exact: relativeErrorPct === null, relativeErrorPct };
}

/** The buckets a query groups by: a series', or a total's sparkline. */
function bucketGranularity(shape: QueryShape): Granularity | undefined {
  return shape.kind === 'series' ? shape.granularity : shape.kind === 'total' ? shape.by : undefined;
}

/**
 * The median of a duration histogram, in hours: the counts per bucket as one array (sumResample: bucket b at index
 * b + 1), the bucket where the running count reaches half the total, and within it a log-linear interpolation by rank
 * (bucket b spans log_γ from b − ½ to b + ½). `name` keeps the inline aliases of the value and the comparison apart.
 * No rows is no median (NaN reads as null), not one second.
 */
function histogramMedianHours(rows: string, If: string, periodArg: string, name: string): string {
  const counts = `h_${name}`;
  const i = `i_${name}`;
  const histogram = `sumResample${If}(0, ${HISTOGRAM_BUCKETS}, 1)(${rows}, log_bucket${periodArg}) AS ${counts}`;
  const index = `arrayFirstIndex(c -> c * 2 >= arraySum(${counts}), arrayCumSum(${histogram})) AS ${i}`;
  // arrayCumSum(…)[0] is 0: the count before the first bucket.
  const rank = `(arraySum(${counts}) / 2 - arrayCumSum(${counts})[${i} - 1]) / ${counts}[${i}]`;
  return `if(sum${If}(${rows}${periodArg}) = 0, nan, pow(${HISTOGRAM_RATIO}, (${index}) - 1.5 + ${rank}) / 3600)`;
}

/** The histogram bucket of a duration in seconds: the expression of migration 0006's views. */
function histogramBucket(seconds: string): string {
  return `toUInt16(round(log(greatest(${seconds}, 1)) / log(${HISTOGRAM_RATIO})))`;
}

/**
 * Where a query reads: raw events, the daily rollup, the monthly table alone (whole months cover every day asked
 * for), or whole months from the monthly table and the days around them from the daily one.
 */
type Source =
  | { kind: 'raw' }
  | { kind: 'daily'; daily: RollupDefinition }
  | { kind: 'monthly'; daily: RollupDefinition; monthly: RollupDefinition }
  | { kind: 'split'; daily: RollupDefinition; monthly: RollupDefinition; months: string[]; days: DateRange[] };

function chooseSource(query: MetricQuery, shape: QueryShape): Source {
  const daily = chooseRollup(query, shape);
  if (!daily) return { kind: 'raw' };
  const monthly = monthlyRollupFor(query, shape, daily);
  const split = monthly && wholeMonthsOf(query, shape);
  if (!monthly || !split) return { kind: 'daily', daily };
  return split.days.length === 0 ? { kind: 'monthly', daily, monthly } : { kind: 'split', daily, monthly, ...split };
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
 * The monthly table that can stand for whole months of a daily one: the monthly rollup of a daily rollup, or, for an
 * approximate median, the duration histogram of a duration table. None for series by day or week, or when it lacks a
 * column the query needs.
 */
function monthlyRollupFor(query: MetricQuery, shape: QueryShape, daily: RollupDefinition): RollupDefinition | undefined {
  const granularity = bucketGranularity(shape);
  if (granularity === 'DAY' || granularity === 'WEEK') return undefined;
  const dataset = query.metric.dataset;
  const monthly = daily.durationSeconds ? (query.approximate ? DURATION_HISTOGRAMS[dataset] : undefined) : MONTHLY_ROLLUPS[dataset];
  if (!monthly) return undefined;
  return columnsTouched(query, shape).every((column) => monthly.columns.includes(column)) ? monthly : undefined;
}

/**
 * The whole months inside the range or its comparison period that no period boundary cuts (so each month row belongs
 * to the same periods as all its days), and the days of the periods outside them. None when no month is whole.
 */
function wholeMonthsOf(query: MetricQuery, shape: QueryShape): { months: string[]; days: DateRange[] } | undefined {
  const previous = shape.kind === 'total' || shape.kind === 'breakdown' ? shape.previous : undefined;
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

function columnOf(metric: MetricDefinition, dimension: DimensionId): string {
  const column = DIMENSIONS[dimension].columns[metric.dataset];
  if (!column) throw new Error(`Dimension ${dimension} has no column in ${metric.dataset} (metric ${metric.id})`);
  return column;
}

/** The column as a string, for IN lists and keys: Bool columns read 'true' / 'false'. */
function valueColumn(metric: MetricDefinition, dimension: DimensionId): string {
  const column = columnOf(metric, dimension);
  const field = DATASETS[metric.dataset].fields.find((f) => f.name === column);
  return field?.kind.type === 'bool' ? `toString(${column})` : column;
}
