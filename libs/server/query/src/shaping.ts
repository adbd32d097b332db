import { daysInclusive, type DateRange, type Granularity } from '@amanah/calendar';
import { describeMetric, DIMENSIONS, type DimensionId, type Localized, type MetricDefinition } from '@amanah/metrics';
import { OPENING_BUCKET, type Filter, type MetricQuery, type PlannedQuery } from './planner.js';

/**
 * The answers' shapes and the pure helpers that build them from rows: provenance, per-day division, level carrying,
 * as-of times. No I/O; the runner calls these after execution.ts has the rows.
 */
export interface Provenance {
  metric: string;
  definition: string;
  source: 'raw' | 'rollup';
  table: string;
  exact: boolean;
  /** For approximate answers, the relative error bound in percent; null when exact. */
  relativeErrorPct: number | null;
  range: DateRange;
  filters: Filter[];
  asOf: string | null;
  dataVersion: number;
}

export interface KpiResult {
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  range: DateRange;
  previousRange: DateRange | null;
  asOf: string | null;
  provenance: Provenance;
}

export interface SeriesPoint { date: string; value: number | null }
export interface SeriesLine { key: string | null; label: Localized | null; points: SeriesPoint[] }
export interface SeriesResult {
  granularity: Granularity;
  range: DateRange;
  series: SeriesLine[];
  /** With a breakdown of an additive metric, the whole (the members summed, bucket by bucket); null otherwise. */
  total: SeriesPoint[] | null;
  provenance: Provenance;
}

export interface BreakdownItem {
  key: string;
  label: Localized;
  value: number | null;
  share: number | null;
  previous: number | null;
}
export interface BreakdownResult { items: BreakdownItem[]; provenance: Provenance; previousRange: DateRange | null }

export interface RankingItem {
  amanah: string;
  label: Localized;
  value: number | null;
  rank: number;
  previousValue: number | null;
  previousRank: number | null;
}

export type Row = Record<string, unknown>;

export const OTHER_KEY = '__other__';

/** per_day metrics: a count divided by the days of the range it covers. */
export function perDay(plan: PlannedQuery, value: number | null, range: DateRange): number | null {
  return value !== null && plan.perDay ? value / daysInclusive(range.from, range.to) : value;
}

export function provenance(query: MetricQuery, plan: PlannedQuery, asOf: string | null, dataVersion: number): Provenance {
  return {
    metric: query.metric.id,
    definition: describeMetric(query.metric),
    source: plan.source,
    table: plan.tables.join(' + '),
    exact: plan.exact,
    relativeErrorPct: plan.relativeErrorPct,
    range: plainRange(query.range),
    // The caller's scope is part of what was computed, so it is listed like any other filter.
    filters: query.scope ? [...query.filters, { dimension: 'amanah', values: [...query.scope] }] : [...query.filters],
    asOf,
    dataVersion,
  };
}

/** Members a breakdown by `dimension` may answer: the catalogue's known ones (open lists such as offices: a guess). */
export function memberCount(dimension: DimensionId): number {
  return Object.keys(DIMENSIONS[dimension].members).length || 50;
}

export function plainRange(range: DateRange): DateRange {
  return { from: range.from, to: range.to };
}

/** Metrics whose value over a set of members is the sum of the members' values (so the whole need not be queried). */
export function isAdditive(metric: MetricDefinition): boolean {
  return ['count', 'sum', 'per_day', 'last_level'].includes(metric.aggregate.fn);
}

export function isRatio(metric: MetricDefinition): boolean {
  return metric.aggregate.fn === 'share' || metric.aggregate.fn === 'median_hours';
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function sumOf(points: SeriesPoint[]): number {
  return points.reduce((sum, p) => sum + (p.value ?? 0), 0);
}

/** An empty aggregate reports the epoch as its newest time: that means "no data", not 1970. */
export function normaliseAsOf(value: unknown): string | null {
  const text = value == null ? '' : String(value);
  return text === '' || text.startsWith('1970-01-01') ? null : text;
}

export function maxAsOf(rows: Row[]): string | null {
  return rows.map((r) => normaliseAsOf(r.as_of)).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

/**
 * Level series: each group's level is carried forward through buckets where it has no new value (starting from its
 * level before the range), then groups are summed per bucket (and per member with a breakdown).
 */
export function carryLevels(rows: Row[], buckets: string[], groups: number, byMember: boolean): Map<string | null, Map<string, number>> {
  const perGroup = new Map<string, { member: string | null; values: Map<string, number> }>();
  for (const row of rows) {
    const groupKey = Array.from({ length: groups }, (_, i) => String(row[`g${i}`])).join('\u0000');
    let group = perGroup.get(groupKey);
    if (!group) perGroup.set(groupKey, (group = { member: byMember ? String(row.member) : null, values: new Map() }));
    group.values.set(String(row.bucket), toNumber(row.value) ?? 0);
  }
  const result = new Map<string | null, Map<string, number>>();
  for (const { member, values } of perGroup.values()) {
    let level = values.get(OPENING_BUCKET) ?? 0;
    let sums = result.get(member);
    if (!sums) result.set(member, (sums = new Map()));
    for (const bucket of buckets) {
      level = values.get(bucket) ?? level;
      sums.set(bucket, (sums.get(bucket) ?? 0) + level);
    }
  }
  return result;
}
