import { Args, Context, Field, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DashboardDefinition, WidgetDefinition } from '@amanah/dashboards';
import { findMetric } from '@amanah/metrics';
import { AnalyticsService, toMetric, type QueryArgs } from './analytics.service.js';
import { scopeOf, type ScopedRequest } from './analytics.resolver.js';
import { DashboardRegistry } from './dashboard-registry.js';
import {
  AppliedFilter, BreakdownItem, Comparison, DateRangeInput, FilterInput, Granularity, HeatmapCell, Kpi, LocalizedText, Metric, Ranking, Series,
} from './graphql-types.js';

@ObjectType({ description: 'Defaults a dashboard opens with.' })
export class DashboardDefaults {
  @Field({ description: 'Range preset.' }) preset!: string;
  @Field(() => Comparison, { description: 'Comparison.' }) compare!: Comparison;
  @Field(() => Granularity, { description: 'Granularity of trends.' }) granularity!: Granularity;
}

@ObjectType({ description: 'One widget of a dashboard; its data fields take the dashboard’s global range and filters.' })
export class Widget {
  @Field(() => ID, { description: 'Widget id, unique in its dashboard.' }) id!: string;
  @Field({ description: 'kpi, trend, bar, donut, ranking or heatmap.' }) type!: string;
  @Field(() => LocalizedText, { nullable: true, description: 'Title; the metric label when absent.' }) title?: LocalizedText;
  @Field(() => [AppliedFilter], { description: 'The widget’s own filters, applied on top of the global ones.' }) filters!: AppliedFilter[];
  @Field(() => Int, { description: 'Grid columns of 12.' }) span!: number;
  @Field(() => ID, { nullable: true, description: 'bar/donut: the dimension.' }) dimension?: string;
  @Field(() => ID, { nullable: true, description: 'trend: one line per member of this dimension.' }) breakdownBy?: string;
  @Field(() => Int, { nullable: true, description: 'bar/donut: how many members.' }) limit?: number;
  @Field({ nullable: true, description: 'trend: line or area.' }) chart?: string;
  @Field({ description: 'kpi: ask for the fast approximate form (shown with ≈).' }) approximate!: boolean;
  metricId!: string;
}

@ObjectType({ description: 'A dashboard, defined as a file in dashboards/.' })
export class Dashboard {
  @Field(() => ID, { description: 'Id (the file name).' }) id!: string;
  @Field(() => LocalizedText, { description: 'Title.' }) title!: LocalizedText;
  @Field(() => LocalizedText, { description: 'What it is for.' }) description!: LocalizedText;
  @Field({ description: 'decision_makers, it or press.' }) audience!: string;
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
 * in one request and the runner runs them concurrently (identical queries coalesced).
 */
@Resolver(() => Widget)
export class WidgetResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @ResolveField(() => Metric, { description: 'The metric.' })
  metric(@Parent() widget: Widget): Metric {
    return toMetric(findMetric(widget.metricId)!);
  }

  @ResolveField(() => Kpi, { nullable: true, description: 'kpi widgets: the value, comparison and target.' })
  kpi(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'Comparison.' }) compare: Comparison,
    @Context('req') req: ScopedRequest,
  ): Promise<Kpi> | null {
    if (widget.type !== 'kpi') return null;
    return this.analytics.kpi(this.args(widget, range, filters, req), compare);
  }

  @ResolveField(() => Series, { nullable: true, description: 'trend widgets (and kpi sparklines): the series.' })
  series(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('granularity', { type: () => Granularity, description: 'Bucket size.' }) granularity: Granularity,
    @Context('req') req: ScopedRequest,
  ): Promise<Series> | null {
    if (widget.type !== 'trend' && widget.type !== 'kpi') return null;
    return this.analytics.series(this.args(widget, range, filters, req), granularity, widget.type === 'trend' ? widget.breakdownBy : null);
  }

  @ResolveField(() => [BreakdownItem], { nullable: true, description: 'bar and donut widgets.' })
  breakdown(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.NONE, description: 'Comparison.' }) compare: Comparison,
    @Context('req') req: ScopedRequest,
  ): Promise<BreakdownItem[]> | null {
    if (widget.type !== 'bar' && widget.type !== 'donut') return null;
    return this.analytics.breakdown(this.args(widget, range, filters, req), widget.dimension!, widget.limit, compare);
  }

  @ResolveField(() => Ranking, { nullable: true, description: 'ranking widgets.' })
  ranking(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Args('compare', { type: () => Comparison, defaultValue: Comparison.PREVIOUS_PERIOD, description: 'Comparison.' }) compare: Comparison,
    @Context('req') req: ScopedRequest,
  ): Promise<Ranking> | null {
    if (widget.type !== 'ranking') return null;
    // A ranking compares amanahs: a global amanah filter would leave one row, so only the widget's own filters apply.
    return this.analytics.ranking(this.args(widget, range, (filters ?? []).filter((f) => f.dimension !== 'amanah'), req), compare);
  }

  @ResolveField(() => [HeatmapCell], { nullable: true, description: 'heatmap widgets: weekday × hour.' })
  heatmap(
    @Parent() widget: Widget,
    @Args('range', globalArgs.range) range: DateRangeInput,
    @Args('filters', globalArgs.filters) filters: FilterInput[] | null,
    @Context('req') req: ScopedRequest,
  ): Promise<HeatmapCell[]> | null {
    if (widget.type !== 'heatmap') return null;
    return this.analytics.heatmap(this.args(widget, range, filters, req));
  }

  /** The widget's query; `approximate` is only ever set on kpi widgets, so a card's sparkline is as approximate as its value. */
  private args(widget: Widget, range: DateRangeInput, filters: FilterInput[] | null, req: ScopedRequest): QueryArgs {
    return { metric: widget.metricId, range, filters: [...widget.filters, ...(filters ?? [])], scope: scopeOf(req), approximate: widget.approximate };
  }
}

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
