import type { DateRange } from '@amanah/calendar';
import { currentWork, outsideRequests, WorkRefusedError, type Store, type WorkContext } from '@amanah/store';
import { answerCacheLookups, storeQuerySeconds } from '@amanah/telemetry';
import { batchStatement, fuseCards, fuseScans, splitBatch, statementSettings, type Answer, type CardPart, type PendingQuery, type Priced } from './batch.js';
import { estimateCostMs, TableSizes } from './cost.js';
import { PlanCache } from './plan-cache.js';
import type { PlannedQuery } from './planner.js';
import { periodRows } from './printers.js';
import type { Row } from './shaping.js';

/**
 * Runs planned queries: answers cached under the store's data version (read once per request, so a write through
 * any process is seen by the next request here), identical queries in flight coalesced, one request's queries of one
 * turn of the event loop run as one batch (batch.ts), and each batch priced before it runs (admit, with cost.ts).
 */
export interface RunnerOptions {
  /** Cache answers until the data version changes (default true). The bench turns it off. */
  cache?: boolean;
  /**
   * The most one request may cost, in estimated engine milliseconds (see cost.ts): a request above it is refused
   * (COST_LIMIT) before any of its queries runs. Default 10,000.
   */
  maxRequestCostMs?: number;
  /** Told where a request's time goes (the bench's breakdown); nothing is timed without it. */
  timings?: RunnerTimings;
}

/** A query of a statement: the metric and range it answers, and its own SQL. */
export interface TimedBranch {
  metric: string;
  range: DateRange;
  sql: string;
  params: Record<string, unknown>;
}

/** The stages of answering, as they end, in milliseconds. */
export interface RunnerTimings {
  /** planQuery, and a batch's fused plans and UNION ALL. */
  planned(ms: number): void;
  /** One engine statement from asking the store to its rows (waiting for a slot included), with what it answers. */
  statement(statement: { sql: string; params: Record<string, unknown>; settings: Record<string, number>; branches: TimedBranch[]; ms: number }): void;
  /** Rows into answers: a batch split per branch, and the runner's shaping. */
  shaped(ms: number): void;
}

export const DEFAULT_MAX_REQUEST_COST_MS = 10_000;

/** Answers are small (a few hundred rows at most); this bounds the cache between two writes. */
const MAX_CACHED_ANSWERS = 10_000;

export class QueryExecution {
  /** The data version last seen: the cache holds answers of this version only. */
  private cacheVersion = -1;
  private readonly versions: DataVersionReads;
  /** Each request's data version, read once when its first query is asked. */
  private readonly requestVersions = new WeakMap<WorkContext, Promise<number>>();
  /** Outside requests (the CLI, scheduled work): one read for the queries asked in one turn of the event loop. */
  private turnVersion: Promise<number> | undefined;
  /** Queries running now, by key, with the request that asked first (see rows). */
  private readonly inFlight = new Map<string, { answer: Promise<Answer>; work: WorkContext | undefined }>();
  private readonly cache = new Map<string, Answer>();
  /** Queries waiting for the next turn of the event loop, one batch per request (its WorkContext). */
  private readonly batches = new Map<WorkContext | undefined, PendingQuery[]>();
  /** Row counts for pricing, read once per data version. */
  private sizes: { version: number; sizes: Promise<TableSizes> } | undefined;
  /** Plans of recent queries (plan-cache.ts): the runner's and a batch's fused cards'. */
  readonly plans = new PlanCache();

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions = {},
  ) {
    this.versions = new DataVersionReads(store);
  }

  /** Runs `step` and tells options.timings how long it took, under `stage`. */
  timed<T>(stage: 'planned' | 'shaped', step: () => T): T {
    const timings = this.options.timings;
    if (!timings) return step();
    const started = performance.now();
    try {
      return step();
    } finally {
      timings[stage](performance.now() - started);
    }
  }

  /** The data version the current request's answers are computed at (outside requests: read now). */
  dataVersion(): Promise<number> {
    const work = currentWork();
    if (!work) {
      if (!this.turnVersion) {
        this.turnVersion = this.versions.read();
        setImmediate(() => (this.turnVersion = undefined));
      }
      return this.turnVersion;
    }
    let version = this.requestVersions.get(work);
    if (!version) this.requestVersions.set(work, (version = this.versions.read()));
    return version;
  }

  /**
   * One query, coalesced with an identical one in flight and cached until the data version changes. A KPI card fused
   * with its sparkline is cached under the card's own key with the fused plan: a later card asked alone reports, in
   * its provenance, the query that actually produced its numbers (say the daily table of a by-day sparkline).
   */
  async rows(plan: PlannedQuery, priced: Priced, card?: CardPart): Promise<Answer> {
    const version = await this.dataVersion();
    // Any other version, older too: a store restored from a backup counts its changes again from an older version,
    // and answers kept under a version it reaches again would be answers of other data.
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    const key = `${version}\n${plan.sql}\n${JSON.stringify(plan.params)}`;
    const cached = this.options.cache === false ? undefined : this.cache.get(key);
    if (this.options.cache !== false) answerCacheLookups.inc({ result: cached ? 'hit' : 'miss' });
    if (cached) return cached;
    const work = currentWork();
    const running = this.inFlight.get(key);
    if (running) {
      // A refusal is the answer of the request that asked first (its cost, its deadline), not of this one: then this
      // request asks on its own account.
      if (running.work === work) return running.answer;
      return running.answer.catch((error: unknown) => {
        if (error instanceof WorkRefusedError) return this.run(key, version, plan, priced, card, work);
        throw error;
      });
    }
    return this.run(key, version, plan, priced, card, work);
  }

  private run(key: string, version: number, plan: PlannedQuery, priced: Priced, card: CardPart | undefined, work: WorkContext | undefined): Promise<Answer> {
    const answer = this.select(plan, priced, card, version)
      .then((answer) => {
        if (this.options.cache !== false && version === this.cacheVersion) this.remember(key, answer);
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
  private select(plan: PlannedQuery, priced: Priced, card: CardPart | undefined, version: number): Promise<Answer> {
    const work = currentWork();
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(work);
      if (!batch) {
        this.batches.set(work, (batch = []));
        setImmediate(() => void this.flush(work, version));
      }
      batch.push({ plan, priced, card, resolve, reject });
    });
  }

  private async flush(work: WorkContext | undefined, dataVersion: number): Promise<void> {
    const batch = this.timed('planned', () => fuseCards(this.batches.get(work)!, (query, shape) => this.plans.plan(query, shape)));
    this.batches.delete(work);
    try {
      await this.admit(work, batch, dataVersion);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // Shaping that throws rejects its query too: a query neither resolved nor rejected would hold its request forever.
    const one = (item: PendingQuery) =>
      this.statement([item], item.plan.sql, item.plan.params, (settings) => this.store.select<Row>(item.plan.sql, item.plan.params, settings))
        .then((rows) => item.resolve({ rows: this.timed('shaped', () => periodRows(item.plan.scan, rows)), plan: item.plan, dataVersion }))
        .catch(item.reject);
    if (batch.length === 1) return one(batch[0]!);
    // Queries over the same rows as one query each (see fuseScans), then all of them as one statement.
    const statements = this.timed('planned', () => fuseScans(batch));
    const { sql, params } = this.timed('planned', () => batchStatement(statements.map((item) => item.plan)));
    let answers: Row[][];
    try {
      const rows = await this.statement(statements, sql, params, (settings) => this.store.select<{ q: number; row: string }>(sql, params, settings));
      answers = this.timed('shaped', () => splitBatch(rows, statements.length));
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
    this.timed('shaped', () =>
      statements.forEach((item, i) => {
        try {
          item.resolve({ rows: periodRows(item.plan.scan, answers[i]!), plan: item.plan, dataVersion });
        } catch (error) {
          item.reject(error);
        }
      }),
    );
  }

  /**
   * Prices a request's batch before it runs: adds it to what the request has already cost, refuses the request above
   * the ceiling (naming what costs most, so the caller knows what to narrow), and charges the rest to the caller's
   * budget (`work.charge`, set by the access layer). Work outside requests (start-up, the CLI) is not priced.
   */
  private async admit(work: WorkContext | undefined, batch: PendingQuery[], dataVersion: number): Promise<void> {
    if (!work) return;
    const sizes = await this.tableSizes(dataVersion);
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

  /** Times one engine statement into amanah_store_query_duration_seconds (once under each source its plans read), and options.timings. */
  private async statement<T>(items: readonly PendingQuery[], sql: string, params: Record<string, unknown>, run: (settings: Record<string, number>) => Promise<T>): Promise<T> {
    const settings = statementSettings(items.map((item) => item.plan));
    const started = performance.now();
    const result = await run(settings);
    const ms = performance.now() - started;
    const queries = items.flatMap((item) => item.fused ?? [item]);
    for (const source of new Set(queries.map(({ plan }) => (plan.exact ? plan.source : 'sketch')))) storeQuerySeconds.observe({ source }, ms / 1000);
    const branches = () =>
      items.map(({ plan, priced, fused }) => ({
        metric: fused ? fused.map((item) => item.priced.query.metric.id).join(' + ') : priced.query.metric.id,
        range: priced.query.range,
        sql: plan.sql,
        params: plan.params,
      }));
    this.options.timings?.statement({ sql, params, settings, branches: branches(), ms });
    return result;
  }

  private tableSizes(dataVersion: number): Promise<TableSizes> {
    if (this.sizes === undefined || this.sizes.version < dataVersion) {
      // Shared by every request until the next write: read as no request's, so that none's deadline is the others'.
      const sizes = outsideRequests(() => TableSizes.read(this.store));
      this.sizes = { version: dataVersion, sizes };
      // A failed read is not kept: the next request reads again.
      sizes.catch(() => {
        if (this.sizes?.sizes === sizes) this.sizes = undefined;
      });
    }
    return this.sizes.sizes;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Reads of the data version (Store.readDataVersion), shared: a caller joins the read that starts next (never one
 * already running, which may have begun before the caller's request arrived, and before a write it must see).
 */
class DataVersionReads {
  private running: Promise<number> | undefined;
  private next: Promise<number> | undefined;

  constructor(private readonly store: Store) {}

  read(): Promise<number> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(noop, noop).then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<number> {
    const read = this.store.readDataVersion();
    this.running = read;
    void read.then(noop, noop).then(() => {
      if (this.running === read) this.running = undefined;
    });
    return read;
  }
}

const noop = (): undefined => undefined;
