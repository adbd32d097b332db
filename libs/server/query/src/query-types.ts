import type { DateRange, Granularity } from '@amanah/calendar';
import type { DimensionId, MetricDefinition } from '@amanah/metrics';

/** What the planner takes and gives: a metric query, the shape of its answer, and the planned SQL. */
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
  /** The tables read: one, or a monthly rollup and its daily one (whole months from the first, the days around from the second). */
  tables: readonly string[];
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
  /** The plan as one grouped scan (totals, breakdowns and series; its `sql` is printed from it): see batch.ts. */
  scan?: Scan;
}

/** A column of a SELECT: `expr AS alias`. */
export interface Column {
  expr: string;
  alias: string;
  /**
   * A measured column of a scan grouped by period too (Scan.period): the value of `expr` on the group's row of the
   * range (0) or of the comparison period (1), `empty` (the aggregate over no rows) when the group has no such row.
   * Only the range's columns are printed; a comparison period's column reads its twin of the same `expr`.
   */
  period?: { of: 0 | 1; empty: number | string | null };
}

/**
 * A query that groups the rows of one source: batch.ts fuses the scans of one request that read the same rows (same
 * source, conditions and parameters) into one query whose grouping sets are all of theirs.
 */
export interface Scan {
  from: string;
  where: readonly string[];
  /** The grouping keys. */
  keys: readonly Column[];
  /** The grouping sets, as lists of key aliases: `[[]]` is one row over all the rows. */
  sets: ReadonlyArray<readonly string[]>;
  /**
   * Columns that are 1 on a row whose set does not group by key `of` (the SQL's `grouping(of) AS alias`), else 0; `of`
   * may name several keys (`k0, k1`): then a bit per key, the first the highest.
   */
  flags: ReadonlyArray<{ alias: string; of: string }>;
  /** The measured columns. */
  columns: readonly Column[];
  /**
   * Columns computed from the keys, flags and columns of each grouped row, in an enclosing query whose answer is then
   * the keys, the flags and these (a histogram's median from its counts).
   */
  outer?: readonly Column[];
  /**
   * With a comparison period: the period of a row as a grouping key (the SQL's `<period> AS period`, in every set: 0
   * the range, 1 the comparison period), and the measured columns read per period (Column.period). The engine then
   * analyses each aggregate once, not once per period as -If combinators (~1 ms per query); `periodRows` turns the
   * rows back into one row per group with both periods' columns.
   */
  period?: string;
  /**
   * A scan of the range alone, written over the range and a comparison period (the conditions a scan with `previous`
   * has): `value` and `as_of` count the range's rows only, and a group with none has no `as_of`. batch.ts fuses it
   * into a scan of the same rows with a comparison period (a dashboard's series beside its cards).
   */
  widened?: Pick<Scan, 'where' | 'columns' | 'period'>;
}

/** The bucket that holds, in level series, the last value before the range starts. */
export const OPENING_BUCKET = '1970-01-01';

/** The comparison period a shape asks for in the same scan, if any. */
export function previousOf(shape: QueryShape): DateRange | undefined {
  return shape.kind === 'total' || shape.kind === 'breakdown' ? shape.previous : undefined;
}

/** `exact` is the absence of an error bound, said once. */
export function errorBound(relativeErrorPct: number | null): Pick<PlannedQuery, 'exact' | 'relativeErrorPct'> {
  return { exact: relativeErrorPct === null, relativeErrorPct };
}
