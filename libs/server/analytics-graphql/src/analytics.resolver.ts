import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { callerOf } from '@amanah/access';
import {
  AnalyticsService, type BreakdownItem as BreakdownItemAnswer, type HeatmapCell as HeatmapCellAnswer, type Kpi as KpiAnswer, type MetricInfo,
  type Ranking as RankingAnswer, type Series as SeriesAnswer,
} from '@amanah/analytics';
import {
  BreakdownItem, Comparison, DateRangeInput, FilterInput, Granularity, HeatmapCell, Kpi, Metric, Ranking, RankingBy, Series,
} from '@amanah/graphql-types';

const metricArg = { type: () => ID, description: 'Metric id.' } as const;
const filtersArg = { type: () => [FilterInput], nullable: true, description: 'Keep only rows matching every filter.' } as const;
const rangeArg = { type: () => DateRangeInput, description: 'The days to compute over.' } as const;
/** Series.comparison's period; the dashboard's widgets take the same argument. */
/** Ranking's order; the dashboard's ranking widgets take the same argument. */
export const rankingByArg = {
  type: () => RankingBy, defaultValue: RankingBy.VALUE, description: 'VALUE: by the metric; ATTAINMENT: by attainment of each amanah’s own target, those without one last.',
} as const;
export const seriesCompareArg = {
  type: () => Comparison, defaultValue: Comparison.NONE, description: 'Also answer the whole over this comparison period (Series.comparison).',
} as const;

/** The analytics queries: arguments in, AnalyticsService, answers out (its AnalyticsErrors answered as `errorAnswer` says). */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => [Metric], { description: 'The metric catalogue.' })
  metrics(): MetricInfo[] {
    return this.analytics.metrics();
  }

  @Query(() => Kpi, { description: 'One value over a range, compared with another period, with its target.' })
  kpi(
    @Args('metric', metricArg) metric: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('filters', filtersArg) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'The comparison period.' }) compare: Comparison,
    @Args('approximate', { defaultValue: false, description: 'Accept a fast approximate answer (distinct visitors ±1 %, medians ±2 %; the bound is in provenance).' }) approximate: boolean,
    @Context('req') req: unknown,
  ): Promise<KpiAnswer> {
    return this.analytics.kpi(callerOf(req), { metric, range, filters, approximate, compare });
  }

  @Query(() => Series, { description: 'A metric over time, every bucket present; optionally one line per member of a dimension.' })
  series(
    @Args('metric', metricArg) metric: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('granularity', { type: () => Granularity, description: 'Bucket size.' }) granularity: Granularity,
    @Args('filters', filtersArg) filters: FilterInput[] | null,
    @Args('breakdownBy', { type: () => ID, nullable: true, description: 'A dimension: one line per member.' }) breakdownBy: string | null,
    @Args('compare', seriesCompareArg) compare: Comparison,
    @Context('req') req: unknown,
  ): Promise<SeriesAnswer> {
    return this.analytics.series(callerOf(req), { metric, range, filters, granularity, breakdownBy, compare });
  }

  @Query(() => [BreakdownItem], { description: 'A metric split by the members of a dimension, largest first.' })
  breakdown(
    @Args('metric', metricArg) metric: string,
    @Args('dimension', { type: () => ID, description: 'The dimension to split by.' }) dimension: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('filters', filtersArg) filters: FilterInput[] | null,
    @Args('limit', { type: () => Int, nullable: true, description: 'Keep the largest N; the rest become one "__other__" item.' }) limit: number | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.NONE, description: 'Add each member’s previous value.' }) compare: Comparison,
    @Context('req') req: unknown,
  ): Promise<BreakdownItemAnswer[]> {
    return this.analytics.breakdown(callerOf(req), { metric, range, filters, dimension, limit, compare });
  }

  @Query(() => Ranking, { description: 'Amanahs ranked by a metric (by its direction), with each one’s rank in the comparison period.' })
  ranking(
    @Args('metric', metricArg) metric: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('filters', filtersArg) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'The comparison period.' }) compare: Comparison,
    @Args('by', rankingByArg) by: RankingBy,
    @Context('req') req: unknown,
  ): Promise<RankingAnswer> {
    return this.analytics.ranking(callerOf(req), { metric, range, filters, compare, by });
  }

  @Query(() => [HeatmapCell], { description: 'Portal visits by weekday × hour of day (Asia/Riyadh), all 168 cells.' })
  heatmap(
    @Args('metric', { type: () => ID, defaultValue: 'portal.visits', description: 'portal.visits.' }) metric: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('filters', filtersArg) filters: FilterInput[] | null,
    @Context('req') req: unknown,
  ): Promise<HeatmapCellAnswer[]> {
    return this.analytics.heatmap(callerOf(req), { metric, range, filters });
  }
}
