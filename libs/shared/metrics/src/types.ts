import type { DatasetName, Granularity, Localized } from '@amanah/domain';
import type { PressNoun } from './nouns.js';

export type { Lang, Localized } from '@amanah/domain';

export const UNITS = ['count', 'percent', 'hours', 'sar'] as const;
export type Unit = (typeof UNITS)[number];
export const DIRECTIONS = ['up_is_good', 'down_is_good'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DIMENSION_IDS = [
  'amanah', 'channel', 'service', 'status', 'license_type', 'category', 'priority', 'platform',
  'notification_kind', 'device', 'source', 'with_appointment', 'kind', 'indicator',
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

/** A fixed condition inside a metric's definition (never user input), e.g. status IN ('resolved', 'closed'). */
export interface Condition {
  dimension: DimensionId;
  op: 'in' | 'not_in';
  values: readonly string[];
}

/**
 * How a metric aggregates its dataset's rows over a range. The planner (libs/server/query) turns each kind into SQL,
 * once for raw tables and once for the daily rollups, and chooses the rollup only where it answers exactly.
 */
export type Aggregate =
  | { fn: 'count' } // rows
  | { fn: 'sum'; column: string } // a numeric column summed
  | { fn: 'distinct'; column: string } // exact distinct count (raw only); an approximate form reads a sketch
  | { fn: 'share'; where: Condition } // rows matching ÷ all rows, in percent
  | { fn: 'per_day'; of: { fn: 'count' } } // rows ÷ days in the range (or bucket)
  | { fn: 'median_hours'; start: string; end: string; where: Condition } // median of end − start, in hours
  | { fn: 'last_level'; column: string; per: readonly string[]; where?: Condition }; // last value on or before the end, summed over `per` groups

export interface MetricDefinition {
  id: string;
  dataset: DatasetName;
  aggregate: Aggregate;
  label: Localized;
  description: Localized;
  unit: Unit;
  direction: Direction;
  /** Dimensions a filter or breakdown of this metric may use. */
  dimensions: readonly DimensionId[];
  defaultGranularity: Granularity;
  /** Fraction digits when displayed (cards, tables, exports). */
  decimals: number;
  /**
   * How the press writes this metric; absent for none. `noun`: the counted noun with its Arabic forms (count and
   * sar metrics only; percentages and hours have none). `sentence`: the press sentence template, in which
   * `{amanah}`, `{figure}` and `{filters}` are filled in (without `{filters}` the filter clause follows the figure).
   */
  press?: { noun?: PressNoun; sentence?: Localized };
  /** The counted noun press sentences use (Arabic singular, English plural), e.g. مراجع / in-person visitors. */
  noun?: Localized;
}
