import { bucketsOf, comparisonRange, daysInclusive, type Comparison, type DateRange, type Granularity, type ResolvedRange } from '@amanah/calendar';
import { describeMetric, DIMENSIONS, memberLabel, type DimensionId, type Localized, type MetricDefinition } from '@amanah/metrics';
import { currentWork, outsideRequests, WorkRefusedError, type Store, type WorkContext } from '@amanah/store';
import { estimateCostMs, TableSizes } from './cost.js';
import { planQuery, OPENING_BUCKET, type Filter, type MetricQuery, type PlannedQuery } from './planner.js';

/**
 * Runs planned queries against the store and shapes the answers: comparison periods (a second column of the same
 * query), zero-filled series, shares, rankings, provenance. Identical queries in flight are coalesced, answers are
 * cached until the data version changes (every write through this process bumps it), and a request's queries are
 * priced before any of them runs (see admit).
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

export interface RunnerOptions {
  /** Cache answers until the data version changes (default true). The bench turns it off. */
  cache?: boolean;
  /**
   * The most one request may cost, in estimated engine milliseconds (see cost.ts): a request above it is refused
   * (COST_LIMIT) before any of its queries runs. Default 10,000.
   */
  maxRequestCostMs?: number;
}

export const DEFAULT_MAX_REQUEST_COST_MS = 10_000;

type Row = Record<string, unknown>;
/** Rows and the query that produced them (for a KPI card, possibly the card's one query: see fuseCards). */
interface Answer {
  rows: Row[];
  plan: PlannedQuery;
}
/** The two queries of a KPI card, its value and its sparkline, which the batch runs as one. */
type CardPart =
  | { part: 'kpi'; query: MetricQuery; previous?: DateRange }
  | { part: 'sparkline'; query: MetricQuery; granularity: Granularity };
/** What a query reads and answers, for its price: the query, the periods it covers, the points of its answer. */
interface Priced {
  query: MetricQuery;
  ranges: DateRange[];
  points: number;
}
interface PendingQuery {
  plan: PlannedQuery;
  priced: Priced;
  card?: CardPart;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

export const OTHER_KEY = '__other__';
/** Answers are small (a few hundred rows at most); this bounds the cache between two writes. */
const MAX_CACHED_ANSWERS = 10_000;

export class QueryRunner {
  private dataVersion = 1;
  /** Queries running now, by key, with the request that asked first (see rows). */
  private readonly inFlight = new Map<string, { answer: Promise<Answer>; work: WorkContext | undefined }>();
  private readonly cache = new Map<string, Answer>();
  /** Queries waiting for the next turn of the event loop, one batch per request (its WorkContext). */
  private readonly batches = new Map<WorkContext | undefined, PendingQuery[]>();
  /** Row counts for pricing, read once per data version. */
  private sizes: { version: number; sizes: Promise<TableSizes> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions = {},
  ) {}

  /** Called after every write: cached answers are dropped. */
  bumpDataVersion(): number {
    this.cache.clear();
    return ++this.dataVersion;
  }

  get version(): number {
    return this.dataVersion;
  }

  async kpi(query: MetricQuery & { range: ResolvedRange }, compare: Comparison): Promise<KpiResult> {
    const previousRange = comparisonRange(query.range, compare) ?? null;
    // One query answers both periods (the planner adds the comparison period as a second column).
    const previous = previousRange ?? undefined;
    const plan = planQuery(query, { kind: 'total', previous });
    const priced = { query, ranges: previousRange ? [query.range, previousRange] : [query.range], points: 1 };
    const answer = await this.rows(plan, priced, query.metric.aggregate.fn === 'last_level' ? undefined : { part: 'kpi', query, previous });
    // A total is one row, data or not (an aggregate without GROUP BY): anything else is not this query's answer.
    if (answer.rows.length !== 1) throw new Error(`${query.metric.id}: expected one row for a total, got ${answer.rows.length}`);
    const [row] = answer.rows;
    const value = this.perDay(plan, toNumber(row?.value), query.range);
    const previousValue = previousRange ? this.perDay(plan, toNumber(row?.previous), previousRange) : null;
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
      provenance: this.provenance(query, answer.plan, asOf),
    };
  }

  async series(query: MetricQuery, granularity: Granularity, breakdownBy?: DimensionId): Promise<SeriesResult> {
    const plan = planQuery(query, { kind: 'series', granularity, breakdownBy });
    const card = breakdownBy || plan.levelGroups !== undefined ? undefined : ({ part: 'sparkline', query, granularity } as const);
    const buckets = bucketsOf(query.range, granularity);
    const points = buckets.length * (breakdownBy ? memberCount(breakdownBy) : 1);
    const { rows, plan: ran } = await this.rows(plan, { query, ranges: [query.range], points }, card);
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
    return { granularity, range: plainRange(query.range), series, total: whole, provenance: this.provenance(query, ran, asOf) };
  }

  async breakdown(
    query: MetricQuery & { range: ResolvedRange },
    dimension: DimensionId,
    options: { limit?: number; compare?: Comparison } = {},
  ): Promise<BreakdownResult> {
    const previousRange = comparisonRange(query.range, options.compare ?? 'NONE') ?? null;
    const plan = planQuery(query, { kind: 'breakdown', dimension, previous: previousRange ?? undefined });
    // Largest first, then by key (sorted here: a batched query does not keep its branches' ORDER BY).
    const priced = { query, ranges: previousRange ? [query.range, previousRange] : [query.range], points: memberCount(dimension) };
    const rows = [...(await this.rows(plan, priced)).rows].sort(
      (a, b) => (toNumber(b.value) ?? -Infinity) - (toNumber(a.value) ?? -Infinity) || (String(a.key) < String(b.key) ? -1 : 1),
    );
    let items: BreakdownItem[] = rows.map((row) => {
      const key = String(row.key);
      return {
        key,
        label: memberLabel(dimension, key),
        value: this.perDay(plan, toNumber(row.value), query.range),
        share: null,
        previous: previousRange ? this.perDay(plan, toNumber(row.previous), previousRange) : null,
      };
    });
    if (options.limit !== undefined && items.length > options.limit && !isRatio(query.metric)) {
      // What the limit cuts off is kept as one "other" item, so shares still add up to 100.
      const rest = items.slice(options.limit);
      items = [
        ...items.slice(0, options.limit),
        {
          key: OTHER_KEY,
          label: { ar: 'أخرى', en: 'Other' },
          value: rest.reduce((sum, item) => sum + (item.value ?? 0), 0),
          share: null,
          previous: previousRange ? rest.reduce((sum, item) => sum + (item.previous ?? 0), 0) : null,
        },
      ];
    } else if (options.limit !== undefined) {
      items = items.slice(0, options.limit);
    }
    const sum = items.reduce((acc, item) => acc + (item.value ?? 0), 0);
    for (const item of items) item.share = item.value !== null && sum > 0 ? (item.value / sum) * 100 : null;
    return { items, previousRange, provenance: this.provenance(query, plan, rows.length ? maxAsOf(rows) : null) };
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
    const plan = planQuery(query, { kind: 'heatmap' });
    const { rows } = await this.rows(plan, { query, ranges: [query.range], points: 7 * 24 });
    const counts = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, toNumber(row.value) ?? 0]));
    const cells = Array.from({ length: 7 * 24 }, (_, i) => {
      const weekday = Math.floor(i / 24);
      const hour = i % 24;
      return { weekday, hour, value: counts.get(`${weekday}:${hour}`) ?? 0 };
    });
    return { cells, provenance: this.provenance(query, plan, null) };
  }

  /** per_day metrics: a count divided by the days of the range it covers. */
  private perDay(plan: PlannedQuery, value: number | null, range: DateRange): number | null {
    return value !== null && plan.perDay ? value / daysInclusive(range.from, range.to) : value;
  }

  /**
   * One query, coalesced with an identical one in flight and cached until the data version changes. A KPI card fused
   * with its sparkline is cached under the card's own key with the fused plan: a later card asked alone reports, in
   * its provenance, the query that actually produced its numbers (say the daily table of a by-day sparkline).
   */
  private rows(plan: PlannedQuery, priced: Priced, card?: CardPart): Promise<Answer> {
    const key = `${this.dataVersion}\n${plan.sql}\n${JSON.stringify(plan.params)}`;
    const cached = this.options.cache === false ? undefined : this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const work = currentWork();
    const running = this.inFlight.get(key);
    if (running) {
      // A refusal is the answer of the request that asked first (its cost, its deadline), not of this one: then this
      // request asks on its own account.
      if (running.work === work) return running.answer;
      return running.answer.catch((error: unknown) => {
        if (error instanceof WorkRefusedError) return this.run(key, plan, priced, card, work);
        throw error;
      });
    }
    return this.run(key, plan, priced, card, work);
  }

  private run(key: string, plan: PlannedQuery, priced: Priced, card: CardPart | undefined, work: WorkContext | undefined): Promise<Answer> {
    const answer = this.select(plan, priced, card)
      .then((answer) => {
        if (this.options.cache !== false && key.startsWith(`${this.dataVersion}\n`)) this.remember(key, answer);
        return answer;
      })
      .finally(() => {
        if (this.inFlight.get(key)?.answer === answer) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { answer, work });
    return answer;
  }

  /** Keeps at most MAX_CACHED_ANSWERS, dropping the oldest first (a Map iterates in insertion order). */
  private remember(key: string, answer: Answer): void {
    if (this.cache.size >= MAX_CACHED_ANSWERS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, answer);
  }

  /**
   * Queries asked for in the same turn of the event loop by one request (the widgets of one dashboard request) reach
   * ClickHouse as one UNION ALL, each branch's rows tagged with its number: every query costs a few milliseconds of
   * fixed overhead, so twenty widgets cost one round trip instead of twenty. Batches are per request, never across
   * callers: one caller's slow query cannot hold another's answer, and a refusal reaches only the request it is for.
   */
  private select(plan: PlannedQuery, priced: Priced, card?: CardPart): Promise<Answer> {
    const work = currentWork();
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(work);
      if (!batch) {
        this.batches.set(work, (batch = []));
        setImmediate(() => void this.flush(work));
      }
      batch.push({ plan, priced, card, resolve, reject });
    });
  }

  private async flush(work: WorkContext | undefined): Promise<void> {
    const batch = fuseCards(this.batches.get(work)!);
    this.batches.delete(work);
    try {
      await this.admit(work, batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const one = (item: PendingQuery) =>
      this.store.select<Row>(item.plan.sql, item.plan.params).then((rows) => item.resolve({ rows, plan: item.plan }), item.reject);
    if (batch.length === 1) return one(batch[0]!);
    const params: Record<string, unknown> = {};
    const sql = batch
      .map(({ plan }, i) => {
        for (const [name, value] of Object.entries(plan.params)) params[`q${i}_${name}`] = value;
        // Each branch gets its own parameter names; the names are the planner's own identifiers, never input.
        return `SELECT ${i} AS q, formatRowNoNewline('JSONEachRow', *) AS row FROM (\n${plan.sql.replace(/\{(\w+):/g, `{q${i}_$1:`)}\n)`;
      })
      .join('\nUNION ALL\n');
    let answers: Row[][];
    try {
      answers = splitBatch(await this.store.select<{ q: number; row: string }>(sql, params), batch.length);
    } catch (error) {
      // A refusal (timeout, overload) is the request's answer: running the queries again one by one would only
      // spend more of what was refused.
      if (error instanceof WorkRefusedError) {
        for (const item of batch) item.reject(error);
        return;
      }
      // A failing query must fail alone, with its own error: run the batch's queries one by one.
      await Promise.all(batch.map(one));
      return;
    }
    batch.forEach((item, i) => item.resolve({ rows: answers[i]!, plan: item.plan }));
  }

  /**
   * Prices a request's batch before it runs: adds it to what the request has already cost, refuses the request above
   * the ceiling (naming what costs most, so the caller knows what to narrow), and charges the rest to the caller's
   * budget (`work.charge`, set by the access layer). Work outside requests (start-up, the CLI) is not priced.
   */
  private async admit(work: WorkContext | undefined, batch: PendingQuery[]): Promise<void> {
    if (!work) return;
    const sizes = await this.tableSizes();
    const costs = batch.map((item) => ({ item, ms: estimateCostMs(item.priced.query, item.plan, item.priced.ranges, item.priced.points, sizes) }));
    const cost = costs.reduce((sum, c) => sum + c.ms, 0);
    work.cost += cost;
    const ceiling = this.options.maxRequestCostMs ?? DEFAULT_MAX_REQUEST_COST_MS;
    if (work.cost > ceiling) {
      const worst = costs.reduce((a, b) => (b.ms > a.ms ? b : a));
      const { metric, range } = worst.item.priced.query;
      throw new WorkRefusedError(
        'COST_LIMIT',
        `This request would cost about ${formatSeconds(work.cost)} of work, more than the ${formatSeconds(ceiling)} one request may use. ` +
          `The most expensive part is ${metric.id} from ${range.from} to ${range.to} (about ${formatSeconds(worst.ms)}): ` +
          `ask for fewer fields, a shorter range, a coarser granularity or one amanah${metric.aggregate.fn === 'distinct' ? ', or approximate: true' : ''}.`,
      );
    }
    work.charge?.(cost);
  }

  private tableSizes(): Promise<TableSizes> {
    if (this.sizes?.version !== this.dataVersion) {
      // Shared by every request until the next write: read as no request's, so that none's deadline is the others'.
      const sizes = outsideRequests(() => TableSizes.read(this.store));
      this.sizes = { version: this.dataVersion, sizes };
      // A failed read is not kept: the next request reads again.
      sizes.catch(() => {
        if (this.sizes?.sizes === sizes) this.sizes = undefined;
      });
    }
    return this.sizes.sizes;
  }

  private provenance(query: MetricQuery, plan: PlannedQuery, asOf: string | null): Provenance {
    return {
      metric: query.metric.id,
      definition: describeAggregate(query.metric),
      source: plan.source,
      table: plan.table,
      exact: plan.exact,
      relativeErrorPct: plan.relativeErrorPct,
      range: plainRange(query.range),
      // The caller's scope is part of what was computed, so it is listed like any other filter.
      filters: query.scope ? [...query.filters, { dimension: 'amanah', values: [...query.scope] }] : [...query.filters],
      asOf,
      dataVersion: this.dataVersion,
    };
  }
}

/**
 * A KPI card asks for its value and its sparkline over the same query: when both are in one batch they become one
 * query (the total and its buckets in one scan, GROUPING SETS), whose rows are handed back split.
 */
function fuseCards(batch: PendingQuery[]): PendingQuery[] {
  const cardKey = ({ metric, range, filters, scope, approximate, forceRaw }: MetricQuery) =>
    JSON.stringify([metric.id, range.from, range.to, filters, scope, approximate, forceRaw]);
  const kpis = new Map<string, PendingQuery & { card: CardPart & { part: 'kpi' } }>();
  for (const item of batch) if (item.card?.part === 'kpi') kpis.set(cardKey(item.card.query), item as PendingQuery & { card: CardPart & { part: 'kpi' } });
  const fused = new Set<PendingQuery>();
  const cards: PendingQuery[] = [];
  for (const sparkline of batch) {
    if (sparkline.card?.part !== 'sparkline') continue;
    const kpi = kpis.get(cardKey(sparkline.card.query));
    if (!kpi || fused.has(kpi)) continue;
    fused.add(kpi).add(sparkline);
    const plan = planQuery(kpi.card.query, { kind: 'total', previous: kpi.card.previous, by: sparkline.card.granularity });
    cards.push({
      plan,
      priced: { ...kpi.priced, points: kpi.priced.points + sparkline.priced.points },
      resolve: ({ rows }) => {
        kpi.resolve({ rows: rows.filter((row) => Number(row.is_total) === 1), plan });
        sparkline.resolve({ rows: rows.filter((row) => Number(row.is_total) === 0), plan });
      },
      reject: (error) => {
        kpi.reject(error);
        sparkline.reject(error);
      },
    });
  }
  return [...batch.filter((item) => !fused.has(item)), ...cards];
}

/**
 * The rows of a batched query, per branch. Every row must name a branch of this batch: anything else means the rows
 * are not this query's, and no answer is better than a wrong one.
 */
function splitBatch(rows: ReadonlyArray<{ q: number; row: string }>, branches: number): Row[][] {
  const answers = Array.from({ length: branches }, (): Row[] => []);
  for (const { q, row } of rows) {
    const branch = answers[q];
    if (!Number.isInteger(q) || !branch || typeof row !== 'string') throw new Error(`a batched query answered a row of another shape: ${JSON.stringify({ q, row }).slice(0, 200)}`);
    branch.push(JSON.parse(row) as Row);
  }
  return answers;
}

/** Members a breakdown by `dimension` may answer: the catalogue's known ones (open lists such as offices: a guess). */
function memberCount(dimension: DimensionId): number {
  return Object.keys(DIMENSIONS[dimension].members).length || 50;
}

function formatSeconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function plainRange(range: DateRange): DateRange {
  return { from: range.from, to: range.to };
}

/** Metrics whose value over a set of members is the sum of the members' values (so the whole need not be queried). */
export function isAdditive(metric: MetricDefinition): boolean {
  return ['count', 'sum', 'per_day', 'last_level'].includes(metric.aggregate.fn);
}

function isRatio(metric: MetricDefinition): boolean {
  return metric.aggregate.fn === 'share' || metric.aggregate.fn === 'median_hours';
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function sumOf(points: SeriesPoint[]): number {
  return points.reduce((sum, p) => sum + (p.value ?? 0), 0);
}

/** An empty aggregate reports the epoch as its newest time: that means "no data", not 1970. */
function normaliseAsOf(value: unknown): string | null {
  const text = value == null ? '' : String(value);
  return text === '' || text.startsWith('1970-01-01') ? null : text;
}

function maxAsOf(rows: Row[]): string | null {
  return rows.map((r) => normaliseAsOf(r.as_of)).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

/**
 * Level series: each group's level is carried forward through buckets where it has no new value (starting from its
 * level before the range), then groups are summed per bucket (and per member with a breakdown).
 */
function carryLevels(rows: Row[], buckets: string[], groups: number, byMember: boolean): Map<string | null, Map<string, number>> {
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

function describeAggregate(metric: MetricDefinition): string { return describeMetric(metric); }
