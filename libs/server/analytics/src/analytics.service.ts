import { Inject, Injectable, Optional } from '@nestjs/common';
import { scopeOf, type Caller } from '@amanah/access';
import { comparisonRange, todayInRiyadh, type DateRange, type ResolvedRange } from '@amanah/calendar';
import { comparedDays, targetFor, targetLine, type DashboardDefinition, type ResolvedTarget } from '@amanah/dashboards';
import { EARLIEST_DAY } from '@amanah/domain';
import { METRICS, targetFiltersKey } from '@amanah/metrics';
import {
  isAdditive, QueryInputError, QueryRunner, resolveDimension, resolveFilters, resolveMetric, resolveRange, type MetricQuery,
  type Provenance as QueryProvenance, type RankingItem as RankingItemAnswer,
} from '@amanah/query';
import { badInput, guard } from './analytics-error.js';
import {
  toMetric, type BreakdownArgs, type BreakdownItem, type HeatmapCell, type Kpi, type KpiArgs, type MetricInfo, type QueryArgs,
  type Provenance, type Ranking, type RankingArgs, type Series, type SeriesArgs,
} from './answers.js';
import { DashboardRegistry } from './dashboard-registry.js';
import { UploadTimes } from './freshness.js';
import { DataArrivals, type MissingData } from './missing-data.js';
import { POPULATION_REFERENCE, withPerCapita } from './fair-ranking.js';
import { TargetsService } from './targets/targets.service.js';

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
    private readonly uploads: UploadTimes,
    private readonly arrivals: DataArrivals,
    private readonly targets: TargetsService,
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
    const [provenance, missingData, target] = await Promise.all([
      this.provenance(query, result.provenance, [result.range, result.previousRange]),
      this.missingData(query, result.range, result.provenance.dataVersion),
      this.target(query, result.range, result.value),
    ]);
    return { ...result, provenance, missingData, metric: toMetric(query.metric), target };
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
    const points = byMember?.total ?? whole!.series[0]!.points;
    const [provenance, missingData, targets] = await Promise.all([
      this.provenance(query, answer.provenance, [answer.range, previous?.range]),
      this.missingData(query, answer.range, answer.provenance.dataVersion),
      this.targetsFor(query),
    ]);
    const line = targets && targetLine(targets, query.metric, answer.range, points.map((p) => p.date));
    return {
      metric: query.metric.id,
      granularity,
      range: answer.range,
      points,
      series: answer.series,
      comparison: previous ? { range: previous.range, points: previous.series[0]!.points } : null,
      provenance,
      missingData,
      target: line ? { points: line } : null,
    };
  }

  async breakdown(caller: Caller, args: BreakdownArgs): Promise<BreakdownItem[]> {
    return (await this.breakdownAnswer(caller, args)).items;
  }

  /** The breakdown with its provenance (what a dashboard's header and an export say about a bar or donut widget). */
  async breakdownAnswer(caller: Caller, args: BreakdownArgs): Promise<{ items: BreakdownItem[]; provenance: Provenance }> {
    const { dimension, limit } = args;
    const query = this.query(caller, args);
    const resolved = guard(() => resolveDimension(query.metric, dimension, 'dimension'));
    if (limit !== undefined && limit !== null && (limit < 1 || limit > 1000)) {
      throw badInput(new QueryInputError('limit', `limit must be between 1 and 1000, got ${limit}`));
    }
    const result = await this.runner.breakdown(query, resolved, { limit: limit ?? undefined, compare: args.compare ?? 'NONE' });
    return { items: result.items, provenance: await this.provenance(query, result.provenance, [query.range, result.previousRange]) };
  }

  async ranking(caller: Caller, args: RankingArgs): Promise<Ranking> {
    const query = this.query(caller, args);
    guard(() => resolveDimension(query.metric, 'amanah', 'metric'));
    const by = args.by ?? 'VALUE';
    const result = await this.runner.ranking(query, args.compare ?? 'PREVIOUS_PERIOD');
    // Beside the raw totals, per 100,000 residents (fair-ranking.ts).
    const items = withPerCapita(result.items, query.metric).map((item) => ({ ...item, rankChange: item.previousRank === null ? null : item.previousRank - item.rank }));
    return {
      metric: query.metric.id,
      by,
      previousRange: result.previousRange,
      provenance: await this.provenance(query, result.provenance, [query.range, result.previousRange]),
      population: POPULATION_REFERENCE,
      items: by === 'ATTAINMENT' ? await this.byAttainment(query, items) : items.map((item) => ({ ...item, target: null, attainmentRank: null })),
    };
  }

  /**
   * A ranking by attainment: each amanah against its own target (the one overlapping the range, set for the
   * question's filters), like for like as a KPI's (the days inside the target's period, counted again when the range
   * reaches past it: one more ranking query per distinct span of such days). Best attainment first; amanahs without a
   * target (or without a value to compare) after them, in their value order, with no attainment rank.
   */
  private async byAttainment<T extends RankingItemAnswer>(query: MetricQuery & { range: ResolvedRange }, items: readonly T[]) {
    const targets = await this.targetsMatching(query);
    const { range } = query;
    const found = items.map((item) => {
      const target = targets.find((t) => t.amanah === item.amanah && t.from <= range.to && t.to >= range.from);
      return { item, target, compared: target && comparedDays(target, range) };
    });
    const spanKey = (days: DateRange) => `${days.from}…${days.to}`;
    const spans = new Map(found.flatMap(({ compared }) => (compared && spanKey(compared) !== spanKey(range) ? [[spanKey(compared), compared] as const] : [])));
    // A span's ranking lists only the amanahs with rows in it: one with a target there but no rows takes what its KPI
    // card compares, the KPI over those days (0 for a count; whatever the metric answers over no rows otherwise).
    const inside = new Map(await Promise.all([...spans].map(async ([key, days]) => {
      const answer = await this.runner.ranking({ ...query, range: days }, 'NONE');
      const values = new Map<string, number | null>(answer.items.map((i) => [i.amanah, i.value]));
      const missing = found.filter(({ compared }) => compared && spanKey(compared) === key).map(({ item }) => item.amanah).filter((a) => !values.has(a));
      for (const [amanah, value] of await Promise.all(missing.map(async (amanah) => [amanah, await this.kpiOf(query, amanah, days)] as const))) values.set(amanah, value);
      return [key, values] as const;
    })));
    const withTargets = found.map(({ item, target, compared }) => ({
      ...item,
      target: target && compared
        ? targetFor(target, query.metric, compared, spanKey(compared) === spanKey(range) ? item.value : inside.get(spanKey(compared))!.get(item.amanah) ?? null)
        : null,
    }));
    const attained = withTargets
      .filter((item) => item.target?.attainmentPct != null)
      .sort((a, b) => b.target!.attainmentPct! - a.target!.attainmentPct! || a.rank - b.rank);
    const rest = withTargets.filter((item) => item.target?.attainmentPct == null);
    return [...attained.map((item, i) => ({ ...item, attainmentRank: i + 1 })), ...rest.map((item) => ({ ...item, attainmentRank: null }))];
  }

  /** The KPI of one amanah of `query` over `days`: what that amanah's card compares with its target there. */
  private async kpiOf(query: MetricQuery, amanah: string, days: DateRange): Promise<number | null> {
    const filters = [...query.filters.filter((f) => f.dimension !== 'amanah'), { dimension: 'amanah' as const, values: [amanah] }];
    return (await this.runner.kpi({ ...query, filters, range: days }, 'NONE')).value;
  }

  async heatmap(caller: Caller, args: QueryArgs): Promise<HeatmapCell[]> {
    return (await this.heatmapAnswer(caller, args)).cells;
  }

  /** The heatmap with its provenance (`asOf` is null: the weekday × hour counts carry no event time). */
  async heatmapAnswer(caller: Caller, args: QueryArgs): Promise<{ cells: HeatmapCell[]; provenance: Provenance }> {
    const query = this.query(caller, args);
    if (query.metric.dataset !== 'portal_visits' || query.metric.aggregate.fn !== 'count') {
      throw badInput(new QueryInputError('metric', `a weekday × hour heatmap is for portal.visits, not ${query.metric.id}`, ['portal.visits']));
    }
    const result = await this.runner.heatmap(query);
    return { cells: result.cells, provenance: await this.provenance(query, result.provenance, [query.range]) };
  }

  /** The amanahs the query covers that sent no data for some periods of the range (cached per data version). */
  private missingData(query: MetricQuery, range: DateRange, version: number): Promise<MissingData | null> {
    const covered = coveredAmanahs(query);
    return this.arrivals.missing(version, query.metric.dataset, covered && [...covered], range, this.today());
  }

  /** The query's provenance with the last upload of the data it counted (cached per data version, see freshness.ts). */
  private async provenance(query: MetricQuery, provenance: QueryProvenance, ranges: ReadonlyArray<DateRange | null | undefined>): Promise<Provenance> {
    const covered = coveredAmanahs(query);
    // A level counts the last row on or before the range's end, however old: any upload up to that end can move it.
    const level = query.metric.aggregate.fn === 'last_level';
    const counted = ranges
      .filter((range): range is DateRange => Boolean(range))
      .map((range) => (level ? { from: EARLIEST_DAY, to: range.to } : range));
    const lastUploadAt = await this.uploads.lastUploadAt(provenance.dataVersion, query.metric.dataset, covered && [...covered], counted);
    return { ...provenance, lastUploadAt };
  }

  /**
   * The targets that may apply to a question: those of its metric for the amanahs it actually covers (the amanah
   * filter intersected with the caller's scope). One amanah → its targets; all amanahs (no filter, no scope) → the
   * national ones; anything else → none (null), so a scoped key never sees another amanah's target.
   */
  private async targetsFor(query: MetricQuery) {
    const covered = coveredAmanahs(query);
    if (covered && covered.size !== 1) return null;
    const amanah = covered ? [...covered][0] : undefined;
    return (await this.targetsMatching(query)).filter((t) => t.amanah === amanah);
  }

  /**
   * The targets of the question's metric set for exactly its filters (other than the amanah), of any amanah: a
   * channel = app target answers the app-filtered question only, and an unfiltered one no filtered question.
   */
  private async targetsMatching(query: MetricQuery) {
    const key = targetFiltersKey(query.filters);
    return (await this.targets.current()).filter((t) => t.metric === query.metric.id && targetFiltersKey(t.filters) === key);
  }

  /**
   * A KPI's target: the one overlapping its range (targetsFor). Like for like: when the range reaches past the
   * target's period, the KPI is counted again over the days inside the period and only those are compared.
   */
  private async target(query: MetricQuery & { range: DateRange }, range: DateRange, value: number | null): Promise<ResolvedTarget | null> {
    const targets = await this.targetsFor(query);
    const target = targets?.find((t) => t.from <= range.to && t.to >= range.from);
    if (!target) return null;
    const compared = comparedDays(target, range);
    const inside = compared.from === range.from && compared.to === range.to
      ? value
      : (await this.runner.kpi({ ...query, range: compared }, 'NONE')).value;
    return targetFor(target, query.metric, compared, inside);
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

/** The amanahs a query covers: its amanah filters intersected with the caller's scope; undefined for every amanah. */
function coveredAmanahs(query: MetricQuery): Set<string> | undefined {
  const filtered = query.filters.filter((f) => f.dimension === 'amanah').map((f) => new Set(f.values));
  return (query.scope ? [new Set(query.scope), ...filtered] : filtered).reduce<Set<string> | undefined>(
    (acc, set) => (acc ? new Set([...acc].filter((a) => set.has(a))) : set),
    undefined,
  );
}
