import { bucketsOf, isHijriGranularity, type Granularity } from '@amanah/calendar';
import { DATASETS } from '@amanah/domain';
import type { DimensionId } from '@amanah/metrics';
import { columnOf, valueColumn, type Conditions } from './conditions.js';
import { asOfColumns, type Measure } from './measures.js';
import { errorBound, OPENING_BUCKET, previousOf, type Column, type MetricQuery, type PlannedQuery, type QueryShape, type Scan } from './query-types.js';
import type { Row } from './shaping.js';
import type { Reading } from './source.js';

/**
 * One SQL printer per family of answer: a total (with a KPI card's sparkline buckets, GROUPING SETS), a series, a
 * breakdown, a weekday × hour heatmap, and levels (last value per group, carried forward). Each takes what the planner
 * chose and built (the reading, the conditions, the measure) and only prints.
 */
type Printed = Pick<PlannedQuery, 'sql' | 'levelGroups' | 'scan'>;

const BUCKET_FUNCTIONS: Record<Exclude<Granularity, `HIJRI_${string}`>, (day: string) => string> = {
  DAY: (day) => day,
  WEEK: (day) => `toStartOfWeek(${day}, 0)`, // weeks start on Sunday, as in libs/shared/calendar buckets
  MONTH: (day) => `toStartOfMonth(${day})`,
  QUARTER: (day) => `toStartOfQuarter(${day})`,
  YEAR: (day) => `toStartOfYear(${day})`,
};

/**
 * The bucket of a row's day. Hijri buckets have no ClickHouse function: their first days, computed with Intl's Umm
 * al-Qura calendar (libs/shared/calendar), are the parameter `hbuckets`, and a day's bucket is the last of them on or
 * before it (a day before the first reads as 1970-01-01, which no bucket of the range is).
 */
function bucketOf(granularity: Granularity, day: string, query: MetricQuery, conditions: Conditions): string {
  // A monthly table's `month` is already its month's first day (one function less for the engine to analyse per query).
  if (granularity === 'MONTH' && day === 'month') return day;
  if (!isHijriGranularity(granularity)) return BUCKET_FUNCTIONS[granularity](day);
  conditions.params.hbuckets = bucketsOf(query.range, granularity).map((bucket) => bucket.start);
  return `{hbuckets:Array(Date)}[arrayCount(b -> b <= ${day}, {hbuckets:Array(Date)})]`;
}

/**
 * A scan's SQL: its keys, flags and columns, its grouping sets (none for one set of no key), then `orderBy`. Grouped by
 * period too (Scan.period), it prints the range's columns only: periodRows reads the comparison period's from them.
 */
export function printScan(scan: Scan, orderBy = ''): string {
  const printed = (column: Column) => column.period?.of !== 1;
  const period = scan.period ? [{ expr: scan.period, alias: 'period' }] : [];
  const columns = [...scan.keys, ...period].map(aliased).concat(scan.flags.map((flag) => `grouping(${flag.of}) AS ${flag.alias}`), scan.columns.filter(printed).map(aliased));
  const sets = scan.sets.map((set) => [...period.map((key) => key.alias), ...set]);
  const [first] = sets;
  const groupBy =
    sets.length > 1 ? `\nGROUP BY GROUPING SETS (${sets.map((set) => `(${set.join(', ')})`).join(', ')})` : first!.length ? `\nGROUP BY ${first!.join(', ')}` : '';
  const order = orderBy ? `\nORDER BY ${orderBy}` : '';
  const grouped = `SELECT ${columns.join(', ')}
FROM ${scan.from}
WHERE ${scan.where.join('\n  AND ')}${groupBy}`;
  if (!scan.outer) return `${grouped}${order}`;
  const outer = [...scan.keys, ...period, ...scan.flags].map((column) => column.alias).concat(scan.outer.filter(printed).map(aliased));
  return `SELECT ${outer.join(', ')}\nFROM (\n${grouped}\n)${order}`;
}

/**
 * The rows of a scan grouped by period (Scan.period) as one row per group: its keys and flags, the range's columns
 * from the group's row of the range and the comparison period's from its row of that period, either `empty` when the
 * group has none (as -If combinators over the rows of both periods would answer). A set of no key has its row however
 * few rows there are, as an aggregate over no rows is a row. Rows of other scans are returned as they are.
 */
export function periodRows(scan: Scan | undefined, rows: Row[]): Row[] {
  if (!scan?.period) return rows;
  const answer = scan.outer ?? scan.columns;
  const identity = [...scan.keys, ...scan.flags, ...answer.filter((column) => !column.period)].map((column) => column.alias);
  const measured = answer.flatMap(({ alias, expr, period }) =>
    period ? [{ alias, of: period.of, empty: period.empty, from: answer.find((c) => c.expr === expr && c.period?.of === 0)!.alias }] : [],
  );
  const groups = new Map<string, Row>();
  for (const row of rows) {
    const of = Number(row.period) === 1 ? 1 : 0;
    let groupKey = '';
    // Each value with its length, so that no two groups' values can join into the same key (free text may hold any character).
    for (const alias of identity) {
      const value = row[alias];
      groupKey += value === null ? '-;' : `${String(value).length}:${String(value)};`;
    }
    let group = groups.get(groupKey);
    if (!group) {
      group = {};
      for (const alias of identity) group[alias] = row[alias];
      for (const column of measured) group[column.alias] = column.empty;
      groups.set(groupKey, group);
    }
    for (const column of measured) if (column.of === of) group[column.alias] = row[column.from];
  }
  const merged = [...groups.values()];
  const allOnes = (flag: Scan['flags'][number]) => 2 ** flag.of.split(',').length - 1;
  const noKey = (row: Row) => scan.flags.every((flag) => Number(row[flag.alias]) === allOnes(flag));
  if (scan.sets.some((set) => set.length === 0) && !merged.some(noKey)) {
    const row: Row = {};
    for (const alias of identity) row[alias] = null;
    for (const flag of scan.flags) row[flag.alias] = allOnes(flag);
    for (const column of measured) row[column.alias] = column.empty;
    merged.push(row);
  }
  return merged;
}

function aliased({ expr, alias }: Column): string {
  return expr === alias ? expr : `${expr} AS ${alias}`;
}

/** A measure's columns in a scan, `as_of` (and `previous_as_of`) after them, and its enclosing columns if it has any. */
function measured(measure: Measure, previousAsOf = false): Pick<Scan, 'columns' | 'outer' | 'period'> {
  const asOf = asOfColumns(measure).filter((column) => previousAsOf || column.alias === 'as_of');
  const columns = [...measure.values, ...asOf];
  const period = measure.period ? { period: measure.period } : {};
  const outer = measure.outer ? { outer: [...measure.outer, ...asOf.map((column) => ({ ...column, expr: column.period ? 'as_of' : column.alias }))] } : {};
  return { columns, ...outer, ...period };
}

/** A plan printed from its scan. */
function scanned(scan: Scan, orderBy?: string): Printed {
  return { sql: printScan(scan, orderBy), scan };
}

/**
 * A total; with `by`, also its buckets (is_total 0), the total's row having is_total 1. With a comparison period too,
 * the buckets of both periods, each with `previous` and `previous_as_of`: the comparison period's series in the same
 * scan (batch.ts fuses it into a KPI card).
 */
export function printTotal(query: MetricQuery, reading: Reading, conditions: Conditions, measure: Measure, by: Granularity | undefined): Printed {
  const bucket = by ? bucketOf(by, reading.day, query, conditions) : undefined;
  const base = { from: reading.from, where: conditions.where, ...measured(measure, Boolean(bucket)) };
  if (!bucket) return scanned({ ...base, keys: [], sets: [[]], flags: [] });
  const keys = [{ expr: `toString(${bucket})`, alias: 'bucket' }];
  return scanned({ ...base, keys, sets: [['bucket'], []], flags: [{ alias: 'is_total', of: 'bucket' }] }, 'bucket');
}

export function printSeries(query: MetricQuery, reading: Reading, conditions: Conditions, measure: Measure, granularity: Granularity, breakdownBy?: DimensionId): Printed {
  const bucket = bucketOf(granularity, reading.day, query, conditions);
  const member = breakdownBy ? valueColumn(query.metric, breakdownBy) : undefined;
  const keys = [{ expr: `toString(${bucket})`, alias: 'bucket' }, ...(member ? [{ expr: member, alias: 'member' }] : [])];
  const set = keys.map((key) => key.alias);
  return scanned({ from: reading.from, where: conditions.where, keys, sets: [set], flags: [], ...measured(measure) }, set.join(', '));
}

/** One row per member (`key`), largest first. */
export function printBreakdown(query: MetricQuery, reading: Reading, conditions: Conditions, measure: Measure, dimension: DimensionId): Printed {
  const keys = [{ expr: valueColumn(query.metric, dimension), alias: 'key' }];
  return scanned({ from: reading.from, where: conditions.where, keys, sets: [['key']], flags: [], ...measured(measure) }, 'value DESC, key');
}

/** Counts by weekday and hour of the raw event times. */
export function printHeatmap(query: MetricQuery, reading: Reading, conditions: Conditions): PlannedQuery {
  const { metric } = query;
  const dataset = DATASETS[metric.dataset];
  const timeField = dataset.fields.find((f) => f.name === dataset.time)!;
  if (metric.aggregate.fn !== 'count' || timeField.kind.type !== 'datetime' || reading.rollup) {
    throw new Error(`A weekday × hour heatmap needs a count over event times; ${metric.id} is not one`);
  }
  conditions.where.unshift(`${reading.day} >= {from:Date}`, `${reading.day} <= {to:Date}`);
  const sql = `SELECT toDayOfWeek(${dataset.time}, 2) AS weekday, toHour(${dataset.time}) AS hour, count() AS value
FROM ${reading.from}
WHERE ${conditions.where.join('\n  AND ')}
GROUP BY weekday, hour
ORDER BY weekday, hour`;
  return { source: 'raw', tables: reading.tables, ...errorBound(null), perDay: false, sql, params: conditions.params };
}

/**
 * Levels (last_level): the last value on or before the range's end, per group, summed over groups — never a sum over
 * days. A series has one level per bucket and group (g0…gN) plus the level before the range (OPENING_BUCKET), which
 * the runner carries forward; a total or breakdown sums the groups' last levels (and, with `previous`, those on or
 * before the comparison period's end).
 */
export function printLevels(query: MetricQuery, shape: QueryShape, reading: Reading, conditions: Conditions): Printed {
  const { metric } = query;
  const aggregate = metric.aggregate;
  if (aggregate.fn !== 'last_level') throw new Error(`${metric.id} is not a level`);
  // Its series carries levels forward, so a total's buckets would not be its sparkline.
  if (shape.kind === 'total' && shape.by) throw new Error(`${metric.id} is a level: ask for its total and its series apart`);
  const { day, from } = reading;
  const { where } = conditions;
  if (aggregate.where) where.push(conditions.condition(aggregate.where, 'c0'));
  where.push(`${day} <= {to:Date}`);
  const memberDimension = shape.kind === 'breakdown' ? shape.dimension : shape.kind === 'series' ? shape.breakdownBy : undefined;
  const member = memberDimension ? valueColumn(metric, memberDimension) : undefined;
  const groups = [...new Set([...aggregate.per.map((p) => columnOf(metric, p as DimensionId)), ...(member ? [member] : [])])];
  if (shape.kind === 'series') {
    const bucket = bucketOf(shape.granularity, day, query, conditions);
    const groupAliases = groups.map((g, i) => `${g} AS g${i}`);
    const sql = `SELECT toString(if(${day} < {from:Date}, toDate('${OPENING_BUCKET}'), ${bucket})) AS bucket,
  ${member ? `${member} AS member, ` : ''}${groupAliases.join(', ')}, argMax(${aggregate.column}, ${day}) AS value
FROM ${from}
WHERE ${where.join('\n  AND ')}
GROUP BY bucket, ${groups.map((_, i) => `g${i}`).join(', ')}${member ? ', member' : ''}
ORDER BY bucket`;
    return { sql, levelGroups: groups.length };
  }
  const previous = previousOf(shape);
  const previousLevel = previous ? `, argMaxIf(${aggregate.column}, ${day}, ${day} <= {pto:Date}) AS previous_level` : '';
  const sql = `SELECT ${member ? 'member AS key, ' : ''}sum(level) AS value${previous ? ', sum(previous_level) AS previous' : ''}, toString(max(last_day)) AS as_of
FROM (
  SELECT ${member ? `${member} AS member, ` : ''}${groups.join(', ')}, argMax(${aggregate.column}, ${day}) AS level${previousLevel}, max(${day}) AS last_day
  FROM ${from}
  WHERE ${where.join('\n    AND ')}
  GROUP BY ${groups.join(', ')}${member ? ', member' : ''}
)${member ? '\nGROUP BY key\nORDER BY value DESC, key' : ''}`;
  return { sql };
}
