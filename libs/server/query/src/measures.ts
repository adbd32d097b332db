import { DATASETS } from '@amanah/domain';
import { HISTOGRAM_BUCKETS, HISTOGRAM_ERROR_PCT, HISTOGRAM_RATIO, SKETCH_ERROR_PCT } from '@amanah/store';
import type { Conditions } from './conditions.js';
import type { DateRange } from '@amanah/calendar';
import type { Column, MetricQuery } from './query-types.js';
import type { Reading } from './source.js';

/**
 * The measured columns of a total, series or breakdown (all aggregates but levels): `value`, with a comparison period
 * `previous` (-If combinators over the one scan), and `as_of`; the period conditions they need go into `conditions`.
 */
export interface Measure {
  /** `value`, and with a comparison period `previous`; or, with `outer`, the grouped columns those are computed from. */
  values: Column[];
  /** `value` (and `previous`) computed over the grouped columns, in an enclosing query (the histogram median). */
  outer?: Column[];
  /** The newest time with data in the range, as a string expression (without its alias). */
  asOf: string;
  /** With a comparison period: the newest time with data in it, likewise. */
  previousAsOf?: string;
  relativeErrorPct: number | null;
}

/** The names of the range's and the comparison period's conditions (see measureOf). */
const IN_RANGE = 'in_range';
const IN_PREVIOUS = 'in_previous';

export function measureOf(query: MetricQuery, reading: Reading, conditions: Conditions, previous: DateRange | undefined): Measure {
  const { metric } = query;
  const dataset = DATASETS[metric.dataset];
  const { rollup, histogram, day } = reading;
  const { where } = conditions;
  const aggregate = metric.aggregate;
  if (aggregate.fn === 'last_level') throw new Error(`${metric.id} is a level: see printLevels`);
  const inRange = `${day} >= {from:Date} AND ${day} <= {to:Date}`;
  const inPrevious = `${day} >= {pfrom:Date} AND ${day} <= {pto:Date}`;
  // With a comparison period, each period's condition is written once, named in WHERE, and the -If combinators name
  // it: the engine then analyses two conditions, not two per aggregate (about a millisecond of a card's query).
  where.unshift(previous ? `((${inRange} AS ${IN_RANGE}) OR (${inPrevious} AS ${IN_PREVIOUS}))` : inRange);
  let matching = '';
  if (aggregate.fn === 'share') matching = conditions.condition(aggregate.where, 'c0');
  // A duration table holds only the rows that meet the median's condition, with the duration computed.
  if (aggregate.fn === 'median_hours' && !rollup) where.push(conditions.condition(aggregate.where, 'c0'), `${aggregate.end} IS NOT NULL`);
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
        // Exact median (interpolating between the two middle values), not the sampling `median()`.
        const seconds = rollup ? rollup.durationSeconds! : `dateDiff('second', ${aggregate.start}, assumeNotNull(${aggregate.end}))`;
        return `quantileExactInclusive${If}(0.5)(${seconds}${periodArg}) / 3600`;
      }
    }
  };
  const periods = previous ? [{ period: IN_RANGE, alias: 'value' }, { period: IN_PREVIOUS, alias: 'previous' }] : [{ period: undefined, alias: 'value' }];
  const medians = histogram ? periods.map(({ period, alias }) => histogramMedianHours(histogram.rows!, period, alias)) : undefined;
  const values = medians ? medians.flatMap((median) => median.inner) : periods.map(({ period, alias }) => ({ expr: over(period), alias }));
  const relativeErrorPct = aggregate.fn === 'distinct' && rollup ? SKETCH_ERROR_PCT : histogram ? HISTOGRAM_ERROR_PCT : null;
  const timeField = dataset.fields.find((f) => f.name === dataset.time)!;
  const newest = reading.newest ?? (rollup || timeField.kind.type === 'date' ? day : dataset.time);
  const asOf = previous ? `toString(maxIf(${newest}, ${IN_RANGE}))` : `toString(max(${newest}))`;
  const previousAsOf = previous ? `toString(maxIf(${newest}, ${IN_PREVIOUS}))` : undefined;
  return { values, outer: medians?.map((median) => median.outer), asOf, previousAsOf, relativeErrorPct };
}

/**
 * The median of a duration histogram, in hours: the counts per bucket as one array (sumResample: bucket b at index
 * b + 1) and their total, grouped (`inner`); then, over those (`outer`), the bucket where the running count reaches
 * half the total, and within it a log-linear interpolation by rank (bucket b spans log_γ from b − ½ to b + ½). The
 * array arithmetic is outside the grouped query: the engine analyses it once per row of the answer's shape instead of
 * within the aggregation (~3 ms less per median on 2 cores). No rows is no median (NaN reads as null), not one second.
 */
function histogramMedianHours(rows: string, period: string | undefined, alias: string): { inner: Column[]; outer: Column } {
  const If = period ? 'If' : '';
  const periodArg = period ? `, ${period}` : '';
  const [counts, total, i] = [`h_${alias}`, `n_${alias}`, `i_${alias}`];
  const inner = [
    { expr: `sumResample${If}(0, ${HISTOGRAM_BUCKETS}, 1)(${rows}, log_bucket${periodArg})`, alias: counts },
    { expr: `sum${If}(${rows}${periodArg})`, alias: total },
  ];
  const index = `arrayFirstIndex(c -> c * 2 >= arraySum(${counts}), arrayCumSum(${counts})) AS ${i}`;
  // arrayCumSum(…)[0] is 0: the count before the first bucket.
  const rank = `(arraySum(${counts}) / 2 - arrayCumSum(${counts})[${i} - 1]) / ${counts}[${i}]`;
  return { inner, outer: { expr: `if(${total} = 0, nan, pow(${HISTOGRAM_RATIO}, (${index}) - 1.5 + ${rank}) / 3600)`, alias } };
}
