import { bucketsOf, comparisonRange, daysInclusive, type Comparison, type DateRange, type Granularity, type ResolvedRange } from '@amanah/calendar';
import { memberLabel, type DimensionId } from '@amanah/metrics';
import type { Store } from '@amanah/store';
import type { CardPart, Priced, Answer } from './batch.js';
import { QueryExecution, type RunnerOptions } from './execution.js';
import type { MetricQuery, PlannedQuery, QueryShape } from './planner.js';
import {
  carryLevels, isAdditive, isRatio, maxAsOf, memberCount, normaliseAsOf, OTHER_KEY, perDay, plainRange, provenance, sumOf, toNumber,
  type BreakdownItem, type BreakdownResult, type KpiResult, type Provenance, type RankingItem, type SeriesLine, type SeriesResult,
} from './shaping.js';

/**
 * QueryRunner: what callers ask for (a KPI, a series, a breakdown, a ranking, a heatmap), planned (planner.ts), run
 * (execution.ts: cache, coalescing, per-request batches, pricing) and shaped into answers (shaping.ts). A comparison
 * period is read in the same query (its rows grouped by period), and a KPI card's value and sparkline are fused into one query.
 */
export { type RunnerOptions, type RunnerTimings, type TimedBranch } from './execution.js';
export {
  isAdditive,
  type BreakdownItem, type BreakdownResult, type KpiResult, type Provenance, type RankingItem, type SeriesLine, type SeriesPoint, type SeriesResult,
} from './shaping.js';

export class QueryRunner {
  private readonly execution: QueryExecution;

  constructor(store: Store, options: RunnerOptions = {}) {
    this.execution = new QueryExecution(store, options);
  }

  /** The data version the current request's answers are computed at (see execution.ts). */
  dataVersion(): Promise<number> {
    return this.execution.dataVersion();
  }

  async kpi(query: MetricQuery & { range: ResolvedRange }, compare: Comparison): Promise<KpiResult> {
    const previousRange = comparisonRange(query.range, compare) ?? null;
    // One query answers both periods (the planner groups its rows by period too: measures.ts).
    const previous = previousRange ?? undefined;
    const plan = this.plan(query, { kind: 'total', previous });
    const priced = { query, ranges: previousRange ? [query.range, previousRange] : [query.range], points: 1 };
    const answer = await this.rows(plan, priced, query.metric.aggregate.fn === 'last_level' ? undefined : { part: 'kpi', query, previous });
    return this.execution.timed('shaped', () => this.shapeKpi(query, plan, answer, previousRange));
  }

  private shapeKpi(query: MetricQuery & { range: ResolvedRange }, plan: PlannedQuery, answer: Answer, previousRange: DateRange | null): KpiResult {
    // A total is one row, data or not (an aggregate without GROUP BY): anything else is not this query's answer.
    if (answer.rows.length !== 1) throw new Error(`${query.metric.id}: expected one row for a total, got ${answer.rows.length}`);
    const [row] = answer.rows;
    const value = perDay(plan, toNumber(row?.value), query.range);
    const previousValue = previousRange ? perDay(plan, toNumber(row?.previous), previousRange) : null;
    const asOf = row ? normaliseAsOf(row.as_of) : null;
    const change = value !== null && previousValue !== null ? value - previousValue : null;
    return {
      value,
      previous: previousValue,
      change,
      changePct: change !== null && previousValue ? (change / previousValue) * 100 : null,
      range: plainRange(query.range),
      previousRange,
      asOf,
      provenance: this.provenance(query, answer, asOf),
    };
  }

  series(query: MetricQuery, granularity: Granularity, breakdownBy?: DimensionId): Promise<SeriesResult> {
    return this.seriesOf(query, granularity, breakdownBy, breakdownBy ? undefined : { part: 'sparkline', query, granularity });
  }

  /**
   * The whole line of `query` over its comparison period: the series of `{ ...query, range: previous }`, which a KPI card
   * of `query` asked in the same batch answers from its own scan (batch.ts).
   */
  comparisonSeries(query: MetricQuery, previous: DateRange, granularity: Granularity): Promise<SeriesResult> {
    return this.seriesOf({ ...query, range: previous }, granularity, undefined, { part: 'comparison', query, previous, granularity });
  }

  private async seriesOf(query: MetricQuery, granularity: Granularity, breakdownBy: DimensionId | undefined, cardPart: CardPart | undefined): Promise<SeriesResult> {
    const plan = this.plan(query, { kind: 'series', granularity, breakdownBy });
    const card = plan.levelGroups !== undefined ? undefined : cardPart;
    const buckets = bucketsOf(query.range, granularity);
    const points = buckets.length * (breakdownBy ? memberCount(breakdownBy) : 1);
    const answer = await this.rows(plan, { query, ranges: [query.range], points }, card);
    return this.execution.timed('shaped', () => this.shapeSeries(query, granularity, breakdownBy, plan, buckets, answer));
  }

  private shapeSeries(
    query: MetricQuery,
    granularity: Granularity,
    breakdownBy: DimensionId | undefined,
    plan: PlannedQuery,
    buckets: ReturnType<typeof bucketsOf>,
    answer: Answer,
  ): SeriesResult {
    const { rows } = answer;
    const byMember = new Map<string | null, Map<string, number | null>>();
    const valuesOf = (member: string | null) => {
      let values = byMember.get(member);
      if (!values) byMember.set(member, (values = new Map()));
      return values;
    };
    if (plan.levelGroups !== undefined) {
      for (const [member, values] of carryLevels(rows, buckets.map((b) => b.start), plan.levelGroups, Boolean(breakdownBy))) {
        byMember.set(member, values);
      }
    } else {
      for (const row of rows) valuesOf(breakdownBy ? String(row.member) : null).set(String(row.bucket), toNumber(row.value));
    }
    if (!breakdownBy) valuesOf(null);
    const series = [...byMember.entries()]
      .map(([key, values]): SeriesLine => ({
        key,
        label: key !== null && breakdownBy ? memberLabel(breakdownBy, key) : null,
        points: buckets.map((bucket) => {
          const raw = values.get(bucket.start) ?? (isRatio(query.metric) ? null : 0);
          return { date: bucket.start, value: plan.perDay && raw !== null ? raw / daysInclusive(bucket.from, bucket.to) : raw };
        }),
      }))
      .sort((a, b) => sumOf(b.points) - sumOf(a.points));
    const asOf = rows.length ? maxAsOf(rows) : null;
    const whole =
      breakdownBy && isAdditive(query.metric)
        ? buckets.map((bucket, i) => ({ date: bucket.start, value: series.reduce((sum, line) => sum + (line.points[i]!.value ?? 0), 0) }))
        : null;
    return { granularity, range: plainRange(query.range), series, total: whole, provenance: this.provenance(query, answer, asOf) };
  }

  async breakdown(
    query: MetricQuery & { range: ResolvedRange },
    dimension: DimensionId,
    options: { limit?: number; compare?: Comparison } = {},
  ): Promise<BreakdownResult> {
    const previousRange = comparisonRange(query.range, options.compare ?? 'NONE') ?? null;
    const plan = this.plan(query, { kind: 'breakdown', dimension, previous: previousRange ?? undefined });
    const priced = { query, ranges: previousRange ? [query.range, previousRange] : [query.range], points: memberCount(dimension) };
    const answer = await this.rows(plan, priced);
    return this.execution.timed('shaped', () => this.shapeBreakdown(query, dimension, options.limit, plan, answer, previousRange));
  }

  private shapeBreakdown(
    query: MetricQuery & { range: ResolvedRange },
    dimension: DimensionId,
    limit: number | undefined,
    plan: PlannedQuery,
    answer: Answer,
    previousRange: DateRange | null,
  ): BreakdownResult {
    // Largest first, then by key (sorted here: a batched query does not keep its branches' ORDER BY).
    const rows = [...answer.rows].sort(
      (a, b) => (toNumber(b.value) ?? -Infinity) - (toNumber(a.value) ?? -Infinity) || (String(a.key) < String(b.key) ? -1 : 1),
    );
    let items: BreakdownItem[] = rows.map((row) => {
      const key = String(row.key);
      return {
        key,
        label: memberLabel(dimension, key),
        value: perDay(plan, toNumber(row.value), query.range),
        share: null,
        previous: previousRange ? perDay(plan, toNumber(row.previous), previousRange) : null,
      };
    });
    if (limit !== undefined && items.length > limit && !isRatio(query.metric)) {
      // What the limit cuts off is kept as one "other" item, so shares still add up to 100.
      const rest = items.slice(limit);
      items = [
        ...items.slice(0, limit),
        {
          key: OTHER_KEY,
          label: { ar: 'أخرى', en: 'Other' },
          value: rest.reduce((sum, item) => sum + (item.value ?? 0), 0),
          share: null,
          previous: previousRange ? rest.reduce((sum, item) => sum + (item.previous ?? 0), 0) : null,
        },
      ];
    } else if (limit !== undefined) {
      items = items.slice(0, limit);
    }
    const sum = items.reduce((acc, item) => acc + (item.value ?? 0), 0);
    for (const item of items) item.share = item.value !== null && sum > 0 ? (item.value / sum) * 100 : null;
    return { items, previousRange, provenance: this.provenance(query, answer, rows.length ? maxAsOf(rows) : null) };
  }

  /** Every amanah in scope ranked by the metric (1 = best by the metric's direction), with its rank before. */
  async ranking(query: MetricQuery & { range: ResolvedRange }, compare: Comparison): Promise<{ items: RankingItem[]; provenance: Provenance; previousRange: DateRange | null }> {
    const result = await this.breakdown(query, 'amanah', { compare });
    const rankBy = (values: Array<{ key: string; value: number | null }>) => {
      const sorted = values
        .filter((v) => v.value !== null)
        .sort((a, b) => (query.metric.direction === 'down_is_good' ? a.value! - b.value! : b.value! - a.value!));
      return new Map(sorted.map((v, i) => [v.key, i + 1]));
    };
    const ranks = rankBy(result.items);
    const previousRanks = result.previousRange ? rankBy(result.items.map((i) => ({ key: i.key, value: i.previous }))) : new Map<string, number>();
    const items = result.items
      .filter((item) => ranks.has(item.key))
      .map((item) => ({
        amanah: item.key,
        label: item.label,
        value: item.value,
        rank: ranks.get(item.key)!,
        previousValue: item.previous,
        previousRank: previousRanks.get(item.key) ?? null,
      }))
      .sort((a, b) => a.rank - b.rank);
    return { items, provenance: result.provenance, previousRange: result.previousRange };
  }

  /** Counts by weekday (0 = Sunday) and hour of day, Asia/Riyadh; every one of the 7 × 24 cells present. */
  async heatmap(query: MetricQuery): Promise<{ cells: Array<{ weekday: number; hour: number; value: number }>; provenance: Provenance }> {
    const plan = this.plan(query, { kind: 'heatmap' });
    const answer = await this.rows(plan, { query, ranges: [query.range], points: 7 * 24 });
    const { rows } = answer;
    const counts = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, toNumber(row.value) ?? 0]));
    const cells = Array.from({ length: 7 * 24 }, (_, i) => {
      const weekday = Math.floor(i / 24);
      const hour = i % 24;
      return { weekday, hour, value: counts.get(`${weekday}:${hour}`) ?? 0 };
    });
    return { cells, provenance: this.provenance(query, answer, null) };
  }

  private plan(query: MetricQuery, shape: QueryShape): PlannedQuery {
    return this.execution.timed('planned', () => this.execution.plans.plan(query, shape));
  }

  private rows(plan: PlannedQuery, priced: Priced, card?: CardPart): Promise<Answer> {
    return this.execution.rows(plan, priced, card);
  }

  /** Where an answer came from: the query that produced its rows (a fused card's, say) and the data version. */
  private provenance(query: MetricQuery, answer: Answer, asOf: string | null): Provenance {
    return provenance(query, answer.plan, asOf, answer.dataVersion);
  }
}
