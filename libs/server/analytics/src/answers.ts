import type { Comparison, DateRange, Granularity } from '@amanah/calendar';
import type { ResolvedTarget, TargetLinePoint } from '@amanah/dashboards';
import type { DatasetName } from '@amanah/domain';
import type { MissingData } from './missing-data.js';
import { describeMetric, type Direction, type Localized, type MetricDefinition, type Unit } from '@amanah/metrics';
import type { BreakdownItem, KpiResult, Provenance as QueryProvenance, RankingItem, SeriesLine, SeriesPoint } from '@amanah/query';
import type { PerCapitaFields } from './fair-ranking.js';

/**
 * What the analytics service takes and answers: plain objects, the same for every transport. The GraphQL types of
 * @amanah/analytics-graphql have these shapes field for field.
 */
export interface RangeArgs {
  from?: string | null;
  to?: string | null;
  preset?: string | null;
  /** A season preset's Hijri year (the query's range input checks the pair). */
  hijriYear?: number | null;
}

export interface FilterArgs {
  dimension: string;
  values: readonly string[];
}

/** What every question names: the metric, the days, and the rows kept. The caller's scope comes from the Caller. */
export interface QueryArgs {
  metric: string;
  range: RangeArgs;
  filters?: readonly FilterArgs[] | null;
  /** Accept a fast approximate answer (distinct visitors ±1 %, medians ±2 %; the bound is in provenance). */
  approximate?: boolean;
}

export interface KpiArgs extends QueryArgs {
  /** Default PREVIOUS_PERIOD. */
  compare?: Comparison;
}

export interface SeriesArgs extends QueryArgs {
  granularity: Granularity;
  /** A dimension: one line per member. */
  breakdownBy?: string | null;
  /** Also answer the whole line over this comparison period (`Series.comparison`). Default NONE. */
  compare?: Comparison;
}

export interface BreakdownArgs extends QueryArgs {
  dimension: string;
  /** Keep the largest N (1–1000); the rest become one "__other__" item. */
  limit?: number | null;
  /** Default NONE. */
  compare?: Comparison;
}

/** What a ranking orders by: the value (by the metric's direction), or attainment of each amanah's own target. */
export type RankingBy = 'VALUE' | 'ATTAINMENT';

export interface RankingArgs extends QueryArgs {
  /** Default PREVIOUS_PERIOD. */
  compare?: Comparison;
  /** Default VALUE. */
  by?: RankingBy;
}

export interface MetricInfo {
  id: string;
  label: Localized;
  description: Localized;
  unit: Unit;
  direction: Direction;
  dimensions: string[];
  defaultGranularity: Granularity;
  decimals: number;
  dataset: DatasetName;
  /** How it is computed, in words (describeMetric): what provenance calls `definition`. */
  definition: string;
  noun?: Localized;
}

/** Where an answer came from (the query's provenance), and when the data it counted was last uploaded. */
export interface Provenance extends QueryProvenance {
  /**
   * ISO 8601 (UTC): the last upload (a committed batch, or its withdrawal; the demo seeding) with rows of the
   * answer's dataset and amanahs and events in its days (comparison period included); null when none is known.
   * `asOf` is the newest event counted: an upload of old-dated events moves this, not `asOf`.
   */
  lastUploadAt: string | null;
}

export interface Kpi extends Omit<KpiResult, 'provenance'> {
  provenance: Provenance;
  /** Amanahs and periods of the range without data (missing-data.ts); null when none. */
  missingData: MissingData | null;
  metric: MetricInfo;
  target: ResolvedTarget | null;
}

export interface Series {
  metric: string;
  granularity: Granularity;
  range: DateRange;
  points: SeriesPoint[];
  series: SeriesLine[];
  /**
   * With a comparison: the whole line over the comparison period (the KPI's previousRange), bucketed alike. Its
   * buckets need not be as many as the range's (a leap year's 366 days before start on 31 December). Null for NONE.
   */
  comparison: { range: DateRange; points: SeriesPoint[] } | null;
  /**
   * The target line of the whole (`points`): per bucket, the target over the bucket's days in the range (a count or
   * sum prorated to them), null for a bucket not wholly inside one target's period; null when no bucket has one.
   */
  target: { points: TargetLinePoint[] } | null;
  provenance: Provenance;
  /** Amanahs and periods of the range without data; null when none. */
  missingData: MissingData | null;
}

export interface Ranking {
  metric: string;
  /** The order of `items`. */
  by: RankingBy;
  previousRange: DateRange | null;
  provenance: Provenance;
  /**
   * By VALUE: best value first. By ATTAINMENT: best attainment of each amanah's own target first (`attainmentRank`),
   * then the amanahs without a target or a value to compare (`target` or its `attainmentPct` null, `attainmentRank`
   * null) in their value order. `target` and `attainmentRank` are null by VALUE.
   */
  items: Array<RankingItem & PerCapitaFields & { rankChange: number | null; target: ResolvedTarget | null; attainmentRank: number | null }>;
  /** The source and year of the residents behind perCapita. */
  population: { source: Localized; year: number };
}

export interface HeatmapCell {
  weekday: number;
  hour: number;
  value: number;
}

export type { BreakdownItem };

export function toMetric(metric: MetricDefinition): MetricInfo {
  return {
    id: metric.id,
    label: metric.label,
    description: metric.description,
    unit: metric.unit,
    direction: metric.direction,
    dimensions: [...metric.dimensions],
    defaultGranularity: metric.defaultGranularity as Granularity,
    decimals: metric.decimals,
    dataset: metric.dataset,
    definition: describeMetric(metric),
    noun: metric.noun,
  };
}
