import { Args, Context, Field, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { callerOf } from '@amanah/access';
import {
  AnalyticsService, DashboardRegistry, rankingWidgetQuery, splitGlobalFilters, toMetric, widgetQuery, type BreakdownItem as BreakdownItemAnswer,
  type HeatmapCell as HeatmapCellAnswer, type Kpi as KpiAnswer, type MetricInfo, type Provenance as ProvenanceAnswer, type Ranking as RankingAnswer,
  type Series as SeriesAnswer,
} from '@amanah/analytics';
import type { DashboardDefinition, WidgetDefinition, WidgetType as WidgetTypeValue } from '@amanah/dashboards';
import { findMetric } from '@amanah/metrics';
import { rankingByArg, seriesCompareArg } from './analytics.resolver.js';
import {
  AppliedFilter, Audience, BreakdownItem, Comparison, DateRangeInput, FilterInput, Granularity, HeatmapCell, Kpi, LocalizedText, Metric, Provenance,
  Ranking, RankingBy, RangePreset, Series, TrendChart, WidgetType,
} from '@amanah/graphql-types';

@ObjectType({ description: 'Defaults a dashboard opens with.' })
export class DashboardDefaults {
  @Field(() => RangePreset, { description: 'Range preset.' }) preset!: string;
  @Field(() => Comparison, { description: 'Comparison.' }) compare!: Comparison;
  @Field(() => Granularity, { description: 'Granularity of trends.' }) granularity!: Granularity;
}

@ObjectType({ description: 'One widget of a dashboard; its data fields take the dashboard’s global range and filters.' })
export class Widget {
  @Field(() => ID, { description: 'Widget id, unique in its dashboard.' }) id!: string;
  @Field(() => WidgetType, { description: 'What the widget shows.' }) type!: WidgetTypeValue;
  @Field(() => LocalizedText, { nullable: true, description: 'Title; the metric label when absent.' }) title?: LocalizedText;
  @Field(() => [AppliedFilter], { description: 'The widget’s own filters, applied on top of the global ones.' }) filters!: AppliedFilter[];
  @Field(() => Int, { description: 'Grid columns of 12.' }) span!: number;
  @Field(() => ID, { nullable: true, description: 'bar/donut: the dimension.' }) dimension?: string;
  @Field(() => ID, { nullable: true, description: 'trend: one line per member of this dimension.' }) breakdownBy?: string;
  @Field(() => Int, { nullable: true, description: 'bar/donut: how many members.' }) limit?: number;
  @Field(() => TrendChart, { nullable: true, description: 'trend: line or area.' }) chart?: string;
  @Field({ description: 'kpi: ask for the fast approximate form (shown with ≈).' }) approximate!: boolean;
  metricId!: string;
}

@ObjectType({ description: 'A dashboard, defined as a file in dashboards/.' })
export class Dashboard {
  @Field(() => ID, { description: 'Id (the file name).' }) id!: string;
  @Field(() => LocalizedText, { description: 'Title.' }) title!: LocalizedText;
  @Field(() => LocalizedText, { description: 'What it is for.' }) description!: LocalizedText;
  @Field(() => Audience, { description: 'Who it is for.' }) audience!: string;
  @Field(() => DashboardDefaults, { description: 'Defaults.' }) defaults!: DashboardDefaults;
  @Field(() => [Widget], { description: 'Widgets in display order.' }) widgets!: Widget[];
}

@Resolver(() => Dashboard)
export class DashboardsResolver {
  constructor(private readonly registry: DashboardRegistry) {}

  @Query(() => [Dashboard], { description: 'Every dashboard.' })
  dashboards(): Dashboard[] {
    return this.registry.dashboards.map(toDashboard);
  }

  @Query(() => Dashboard, { nullable: true, description: 'One dashboard, with every widget’s data resolvable in the same request.' })
  dashboard(@Args('id', { type: () => ID, description: 'Dashboard id.' }) id: string): Dashboard | null {
    const found = this.registry.find(id);
    return found ? toDashboard(found) : null;
  }
}

const globalArgs = {
  range: { type: () => DateRangeInput, description: 'The dashboard’s range.' },
  filters: { type: () => [FilterInput], nullable: true, description: 'Global filters (e.g. the amanah), added to the widget’s own.' },
} as const;

/**
 * A widget's data, one field per widget kind, each null for widgets of another kind: a client asks for all of them
 * in one request and the runner runs them concurrently (identical queries coalesced). The queries are the
 * analytics lib's (`widgetQuery`, `rankingWidgetQuery`); this class only says which field answers which kind.
 */
@Resolver(() => Widget)
export class WidgetResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @ResolveField(() => Metric, { description: 'The metric.' })
  metric(@Parent() widget: Widget): MetricInfo {
    return toMetric(findMetric(widget.metricId)!);
  }

  @ResolveField(() => [AppliedFilter], {
    description: 'The global filters (or some of their values) this widget could not apply: its metric lacks the dimension, or its dataset those values. A ranking never takes the amanah filter (it compares amanahs), so that one is not listed.',
  })
  unappliedFilters(@Parent() widget: Widget, @Args('filters', globalArgs.filters) filters: FilterInput[] | null): AppliedFilter[] {
    const global = widget.type === 'ranking' ? (filters ?? []).filter((f) => f.dimension !== 'amanah') : filters;
    return splitGlobalFilters(widget.metricId, global).unapplied;
  }

  @ResolveField(() => Kpi, { nullable: true, description: 'kpi widgets: the value, comparison and target.' })
  kpi(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'Comparison.' }) compare: Comparison,
    @Context('req') req: unknown,
  ): Promise<KpiAnswer> | null {
    if (widget.type !== 'kpi') return null;
    return this.analytics.kpi(callerOf(req), { ...widgetQuery(source(widget), { range, filters }), compare });
  }

  @ResolveField(() => Series, { nullable: true, description: 'trend widgets (and kpi sparklines): the series.' })
  series(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('granularity', { type: () => Granularity, description: 'Bucket size.' }) granularity: Granularity,
    @Args('compare', seriesCompareArg) compare: Comparison,
    @Context('req') req: unknown,
  ): Promise<SeriesAnswer> | null {
    if (widget.type !== 'trend' && widget.type !== 'kpi') return null;
    const breakdownBy = widget.type === 'trend' ? widget.breakdownBy : null;
    return this.analytics.series(callerOf(req), { ...widgetQuery(source(widget), { range, filters }), granularity, breakdownBy, compare });
  }

  @ResolveField(() => [BreakdownItem], { nullable: true, description: 'bar and donut widgets.' })
  breakdown(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.NONE, description: 'Comparison.' }) compare: Comparison,
    @Context('req') req: unknown,
  ): Promise<BreakdownItemAnswer[]> | null {
    if (widget.type !== 'bar' && widget.type !== 'donut') return null;
    const { dimension, limit } = widget;
    return this.analytics.breakdown(callerOf(req), { ...widgetQuery(source(widget), { range, filters }), dimension: dimension!, limit, compare });
  }

  @ResolveField(() => Ranking, { nullable: true, description: 'ranking widgets.' })
  ranking(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'Comparison.' }) compare: Comparison,
    @Args('by', rankingByArg) by: RankingBy,
    @Context('req') req: unknown,
  ): Promise<RankingAnswer> | null {
    if (widget.type !== 'ranking') return null;
    return this.analytics.ranking(callerOf(req), { ...rankingWidgetQuery(source(widget), { range, filters }), compare, by });
  }

  @ResolveField(() => [HeatmapCell], { nullable: true, description: 'heatmap widgets: weekday × hour.' })
  heatmap(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Context('req') req: unknown,
  ): Promise<HeatmapCellAnswer[]> | null {
    if (widget.type !== 'heatmap') return null;
    return this.analytics.heatmap(callerOf(req), widgetQuery(source(widget), { range, filters }));
  }

  /**
   * Every widget's provenance, whatever its kind (bar, donut and heatmap answers are lists without one): what the
   * dashboard's header compares to show its oldest data. Asked with the same arguments as the widget's data field, it
   * is the same query, run once per request (coalesced) and cached.
   */
  @ResolveField(() => Provenance, { description: 'Where the widget’s answer came from: asOf (newest event counted), lastUploadAt, data version.' })
  async provenance(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'The comparison the widget’s data field was asked with.' }) compare: Comparison,
    @Args('granularity', { type: () => Granularity, defaultValue: 'MONTH', description: 'trend widgets: the bucket size their series was asked with.' }) granularity: Granularity,
    @Context('req') req: unknown,
  ): Promise<ProvenanceAnswer> {
    const caller = callerOf(req);
    const query = widgetQuery(source(widget), { range, filters });
    switch (widget.type) {
      case 'kpi': return (await this.analytics.kpi(caller, { ...query, compare })).provenance;
      case 'trend': return (await this.analytics.series(caller, { ...query, granularity, breakdownBy: widget.breakdownBy, compare })).provenance;
      case 'bar':
      case 'donut': return (await this.analytics.breakdownAnswer(caller, { ...query, dimension: widget.dimension!, limit: widget.limit, compare })).provenance;
      case 'ranking': return (await this.analytics.ranking(caller, { ...rankingWidgetQuery(source(widget), { range, filters }), compare })).provenance;
      case 'heatmap': return (await this.analytics.heatmapAnswer(caller, query)).provenance;
    }
  }
}

const source = (widget: Widget) => ({ metric: widget.metricId, filters: widget.filters, approximate: widget.approximate });

function toDashboard(definition: DashboardDefinition): Dashboard {
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    audience: definition.audience,
    defaults: definition.defaults as DashboardDefaults,
    widgets: definition.widgets.map(toWidget),
  };
}

function toWidget(widget: WidgetDefinition): Widget {
  return {
    id: widget.id,
    type: widget.type,
    title: widget.title,
    filters: widget.filters,
    span: widget.span,
    metricId: widget.metric,
    dimension: 'dimension' in widget ? widget.dimension : undefined,
    breakdownBy: 'breakdownBy' in widget ? widget.breakdownBy : undefined,
    limit: 'limit' in widget ? widget.limit : undefined,
    chart: 'chart' in widget ? widget.chart : undefined,
    approximate: 'approximate' in widget ? widget.approximate : false,
  };
}
