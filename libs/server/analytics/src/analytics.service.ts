import { Inject, Injectable, Optional } from '@nestjs/common';
import { scopeOf, type Caller } from '@amanah/access';
import { comparisonRange, todayInRiyadh } from '@amanah/calendar';
import { targetFor, type DashboardDefinition } from '@amanah/dashboards';
import { METRICS } from '@amanah/metrics';
import {
  isAdditive, QueryInputError, QueryRunner, resolveDimension, resolveFilters, resolveMetric, resolveRange, type MetricQuery,
} from '@amanah/query';
import { badInput, guard } from './analytics-error.js';
import {
  toMetric, type BreakdownArgs, type BreakdownItem, type HeatmapCell, type Kpi, type KpiArgs, type MetricInfo, type QueryArgs,
  type Ranking, type RankingArgs, type Series, type SeriesArgs,
} from './answers.js';
import { DashboardRegistry } from './dashboard-registry.js';

/** Today's date for presets; tests and the bench pin it. */
export const TODAY = Symbol('Today');
export type TodayProvider = () => string;

/**
 * The analytics answers, for any caller and any transport: resolves the arguments (metric, range, filters, the
 * caller's scope) into validated metric queries, runs them through the QueryRunner, and attaches targets. Every bad
 * argument is an AnalyticsError BAD_USER_INPUT naming the argument (and the allowed values, where there is a list).
 * Plain Node code uses it without a request: `analytics.kpi(caller, { metric: 'office.visits', range, compare })`.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    readonly runner: QueryRunner,
    private readonly dashboards: DashboardRegistry,
    @Optional() @Inject(TODAY) private readonly today: TodayProvider = () => todayInRiyadh(),
  ) {}

  /** The metric catalogue. */
  metrics(): MetricInfo[] {
    return [...METRICS.values()].map(toMetric);
  }

  /** A dashboard file's definition (dashboards/*.json): what an export of a dashboard view asks for. */
  dashboard(id: string): DashboardDefinition | undefined {
    return this.dashboards.find(id);
  }

  metric(id: string): MetricInfo {
    return toMetric(guard(() => resolveMetric(id)));
  }

  async kpi(caller: Caller, args: KpiArgs): Promise<Kpi> {
    const query = this.query(caller, args);
    const result = await this.runner.kpi(query, args.compare ?? 'PREVIOUS_PERIOD');
    return {
      ...result,
      metric: toMetric(query.metric),
      target: this.target(query, result.range, result.value),
    };
  }

  async series(caller: Caller, args: SeriesArgs): Promise<Series> {
    const { granularity, breakdownBy } = args;
    const query = this.query(caller, args);
    const dimension = breakdownBy ? guard(() => resolveDimension(query.metric, breakdownBy, 'breakdownBy')) : undefined;
    // The comparison period is the calendar's, as for a KPI (the same range the KPI's previousRange answers).
    const previousRange = comparisonRange(query.range, args.compare ?? 'NONE');
    // The whole line: the members summed where the metric is additive, otherwise its own query; the comparison
    // period's whole line beside it. All run alongside.
    const [byMember, whole, previous] = await Promise.all([
      dimension ? this.runner.series(query, granularity, dimension) : undefined,
      dimension && isAdditive(query.metric) ? undefined : this.runner.series(query, granularity),
      previousRange ? this.runner.comparisonSeries(query, previousRange, granularity) : undefined,
    ]);
    const answer = byMember ?? whole!;
    return {
      metric: query.metric.id,
      granularity,
      range: answer.range,
      points: byMember?.total ?? whole!.series[0]!.points,
      series: answer.series,
      comparison: previous ? { range: previous.range, points: previous.series[0]!.points } : null,
      provenance: answer.provenance,
    };
  }

  async breakdown(caller: Caller, args: BreakdownArgs): Promise<BreakdownItem[]> {
    const { dimension, limit } = args;
    const query = this.query(caller, args);
    const resolved = guard(() => resolveDimension(query.metric, dimension, 'dimension'));
    if (limit !== undefined && limit !== null && (limit < 1 || limit > 1000)) {
      throw badInput(new QueryInputError('limit', `limit must be between 1 and 1000, got ${limit}`));
    }
    return (await this.runner.breakdown(query, resolved, { limit: limit ?? undefined, compare: args.compare ?? 'NONE' })).items;
  }

  async ranking(caller: Caller, args: RankingArgs): Promise<Ranking> {
    const query = this.query(caller, args);
    guard(() => resolveDimension(query.metric, 'amanah', 'metric'));
    const result = await this.runner.ranking(query, args.compare ?? 'PREVIOUS_PERIOD');
    return {
      metric: query.metric.id,
      previousRange: result.previousRange,
      provenance: result.provenance,
      items: result.items.map((item) => ({ ...item, rankChange: item.previousRank === null ? null : item.previousRank - item.rank })),
    };
  }

  async heatmap(caller: Caller, args: QueryArgs): Promise<HeatmapCell[]> {
    const query = this.query(caller, args);
    if (query.metric.dataset !== 'portal_visits' || query.metric.aggregate.fn !== 'count') {
      throw badInput(new QueryInputError('metric', `a weekday × hour heatmap is for portal.visits, not ${query.metric.id}`, ['portal.visits']));
    }
    return (await this.runner.heatmap(query)).cells;
  }

  /**
   * A KPI's target is the one for the amanahs it actually covers: the amanah filter intersected with the caller's
   * scope. One amanah → its target; all amanahs (no filter, no scope) → the national target; anything else → none,
   * so a scoped key never sees another amanah's target.
   */
  private target(query: MetricQuery, range: { from: string; to: string }, value: number | null) {
    const filtered = query.filters.filter((f) => f.dimension === 'amanah').map((f) => new Set(f.values));
    const covered = (query.scope ? [new Set(query.scope), ...filtered] : filtered).reduce<Set<string> | undefined>(
      (acc, set) => (acc ? new Set([...acc].filter((a) => set.has(a))) : set),
      undefined,
    );
    if (covered && covered.size !== 1) return null;
    const amanah = covered ? [...covered][0] : undefined;
    return targetFor(this.dashboards.targets, query.metric, amanah, range, value);
  }

  private query(caller: Caller, args: QueryArgs): MetricQuery & { range: ReturnType<typeof resolveRange> } {
    return guard(() => {
      const metric = resolveMetric(args.metric);
      return {
        metric,
        range: resolveRange(args.range ?? {}, this.today()),
        filters: resolveFilters(metric, args.filters),
        scope: scopeOf(caller),
        approximate: args.approximate,
      };
    });
  }
}
