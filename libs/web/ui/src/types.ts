/**
 * The shapes widgets render. They are structural: the web app's generated GraphQL types fit them as they are, and
 * tests build them by hand. Nothing here knows where the data comes from.
 */
export interface LocalizedText {
  ar: string;
  en: string;
}

export interface MetricInfo {
  id: string;
  label: LocalizedText;
  unit: string;
  /** up_is_good or down_is_good: which way a change is an improvement. */
  direction: string;
  decimals: number;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface KpiData {
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  range: DateRange;
  previousRange?: DateRange | null;
  asOf: string | null;
  target?: { value: number; attainmentPct: number | null } | null;
  /** relativeErrorPct: the bound of an approximate value (a sketch, a histogram), null when exact. */
  provenance?: { relativeErrorPct: number | null } | null;
}

export interface SeriesPoint {
  date: string;
  value: number | null;
}

export interface SeriesLine {
  key: string | null;
  label: LocalizedText | null;
  points: readonly SeriesPoint[];
}

export interface BreakdownEntry {
  key: string;
  label: LocalizedText;
  value: number | null;
  share: number | null;
  previous?: number | null;
}

export interface RankingEntry {
  amanah: string;
  label: LocalizedText;
  value: number | null;
  rank: number;
  previousRank?: number | null;
  rankChange?: number | null;
  /** Value per 100,000 residents (GASTAT census 2022) and its rank; null for shares and medians. */
  perCapita?: number | null;
  perCapitaRank?: number | null;
  perCapitaRankChange?: number | null;
  /** False: the residents figure is not checked against GASTAT's table; the per-capita cells are marked. */
  populationVerified?: boolean | null;
  /** A ranking by attainment: the amanah's own target and attainment (null: none), its rank by attainment. */
  target?: { value: number; attainmentPct: number | null } | null;
  attainmentRank?: number | null;
}

/** What a ranking is ordered by: the metric's value, or attainment of each amanah's own target. */
export type RankingOrder = 'VALUE' | 'ATTAINMENT';

export interface HeatmapCellData {
  weekday: number;
  hour: number;
  value: number;
}

export type { Granularity } from '@amanah/web-format';
