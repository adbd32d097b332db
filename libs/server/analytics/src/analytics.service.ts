import { Inject, Injectable, Optional } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { todayInRiyadh, type Comparison, type Granularity } from '@amanah/calendar';
import { targetFor, type TargetDefinition } from '@amanah/dashboards';
import type { MetricDefinition } from '@amanah/metrics';
import {
  isAdditive, QueryInputError, QueryRunner, resolveDimension, resolveFilters, resolveMetric, resolveRange, type MetricQuery,
} from '@amanah/query';
import type { Kpi, Metric, Ranking, Series, BreakdownItem, HeatmapCell } from './graphql-types.js';
import { DashboardRegistry } from './dashboard-registry.js';

/** Today's date for presets; tests and the bench pin it. */
export const TODAY = Symbol('Today');
export type TodayProvider = () => string;

export interface QueryArgs {
  metric: string;
  range: { from?: string | null; to?: string | null; preset?: string | null };
  filters?: ReadonlyArray<{ dimension: string; values: readonly string[] }> | null;
  /** Amanahs the caller may see (set by the access layer); undefined = all. */
  scope?: readonly string[];
  approximate?: boolean;
}

/**
 * Turns GraphQL arguments into validated metric queries, runs them, and shapes the answers as the GraphQL types.
 * Every bad argument becomes BAD_USER_INPUT naming the argument (and the allowed values, where there is a list).
 */
@Injectable()
export class AnalyticsService {
  constructor(
    readonly runner: QueryRunner,
    private readonly dashboards: DashboardRegistry,
    @Optional() @Inject(TODAY) private readonly today: TodayProvider = () => todayInRiyadh(),
  ) {}

  metric(id: string): Metric {
    return toMetric(guard(() => resolveMetric(id)));
  }

  async kpi(args: QueryArgs, compare: Comparison): Promise<Kpi> {
    const query = this.query(args);
    const result = await this.runner.kpi(query, compare);
    return {
      ...result,
      metric: toMetric(query.metric),
      target: this.target(query, result.range, result.value),
    };
  }

  async series(args: QueryArgs, granularity: Granularity, breakdownBy?: string | null): Promise<Series> {
    const query = this.query(args);
    const dimension = breakdownBy ? guard(() => resolveDimension(query.metric, breakdownBy, 'breakdownBy')) : undefined;
    // The whole line: the members summed where the metric is additive, otherwise its own query, run alongside.
    const [byMember, whole] = await Promise.all([
      dimension ? this.runner.series(query, granularity, dimension) : undefined,
      dimension && isAdditive(query.metric) ? undefined : this.runner.series(query, granularity),
    ]);
    const answer = byMember ?? whole!;
    return {
      metric: query.metric.id,
      granularity: granularity as Series['granularity'],
      range: answer.range,
      points: byMember?.total ?? whole!.series[0]!.points,
      series: answer.series,
      provenance: answer.provenance,
    };
  }

  async breakdown(args: QueryArgs, dimension: string, limit: number | null | undefined, compare: Comparison): Promise<BreakdownItem[]> {
    const query = this.query(args);
    const resolved = guard(() => resolveDimension(query.metric, dimension, 'dimension'));
    if (limit !== undefined && limit !== null && (limit < 1 || limit > 1000)) {
      throw badInput(new QueryInputError('limit', `limit must be between 1 and 1000, got ${limit}`));
    }
    return (await this.runner.breakdown(query, resolved, { limit: limit ?? undefined, compare })).items;
  }

  async ranking(args: QueryArgs, compare: Comparison): Promise<Ranking> {
    const query = this.query(args);
    guard(() => resolveDimension(query.metric, 'amanah', 'metric'));
    const result = await this.runner.ranking(query, compare);
    return {
      metric: query.metric.id,
      previousRange: result.previousRange,
      provenance: result.provenance,
      items: result.items.map((item) => ({ ...item, rankChange: item.previousRank === null ? null : item.previousRank - item.rank })),
    };
  }

  async heatmap(args: QueryArgs): Promise<HeatmapCell[]> {
    const query = this.query(args);
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
    return targetFor(this.dashboards.targets as TargetDefinition[], query.metric, amanah, range, value);
  }

  private query(args: QueryArgs): MetricQuery & { range: ReturnType<typeof resolveRange> } {
    return guard(() => {
      const metric = resolveMetric(args.metric);
      return {
        metric,
        range: resolveRange(args.range ?? {}, this.today()),
        filters: resolveFilters(metric, args.filters),
        scope: args.scope,
        approximate: args.approximate,
      };
    });
  }
}

export function toMetric(metric: MetricDefinition): Metric {
  return {
    id: metric.id,
    label: metric.label,
    description: metric.description,
    unit: metric.unit,
    direction: metric.direction,
    dimensions: [...metric.dimensions],
    defaultGranularity: metric.defaultGranularity as Metric['defaultGranularity'],
    decimals: metric.decimals,
    dataset: metric.dataset,
    noun: metric.noun,
  };
}

/** Runs input validation; a QueryInputError becomes BAD_USER_INPUT naming the argument. */
export function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryInputError) throw badInput(error);
    throw error;
  }
}

export function badInput(error: QueryInputError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', argument: error.argument, ...(error.allowed ? { allowed: error.allowed } : {}) },
  });
}
