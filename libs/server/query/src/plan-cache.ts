import type { MetricDefinition } from '@amanah/metrics';
import { planQuery, type MetricQuery, type PlannedQuery, type QueryShape } from './planner.js';

/**
 * Plans of recent queries, so that a dashboard asked again (the same widgets, range and filters: most requests) is not
 * planned again: planning is a few milliseconds of each cold dashboard request (source choice, whole months, SQL text).
 *
 * What it holds is plans, never answers: rows are always read at the request's data version (execution.ts). A plan is
 * a pure function of the query and its shape (planner.ts reads nothing else but the store's rollup registry and the
 * metric catalogue, both code: a new rollup is a new release, a new process, an empty cache), so the key is the
 * whole query — the metric's whole definition, not only its id — and the shape. A data version is not in the key: no
 * write changes which SQL answers a question. Plans are frozen: one is shared by every request
 * that asks the same question, and none may change it for the others.
 */
export class PlanCache {
  /** Least recently used first (a Map iterates in insertion order; a hit is moved to the end). */
  private readonly plans = new Map<string, PlannedQuery>();

  /**
   * `maxPlans` bounds memory: a plan is its SQL text (1–4 KB), its parameters and its scan, so the default 1,000 hold a
   * few megabytes: every widget of every dashboard under hundreds of ranges and filters.
   */
  constructor(readonly maxPlans = 1000) {
    if (!(Number.isInteger(maxPlans) && maxPlans > 0)) throw new Error(`maxPlans must be a positive integer, got ${maxPlans}`);
  }

  plan(query: MetricQuery, shape: QueryShape): PlannedQuery {
    const key = planKey(query, shape);
    const cached = this.plans.get(key);
    if (cached) {
      this.plans.delete(key);
      this.plans.set(key, cached);
      return cached;
    }
    const plan = deepFreeze(planQuery(query, shape));
    if (this.plans.size >= this.maxPlans) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, plan);
    return plan;
  }

  get size(): number {
    return this.plans.size;
  }
}

/**
 * Every field of the query (a field added to MetricQuery later is in the key without a change here), of its range
 * only the days (a resolved range also carries its preset and Hijri comparison, which planQuery does not read), and the shape.
 */
function planKey({ metric, range, ...rest }: MetricQuery, shape: QueryShape): string {
  return `${metricKey(metric)}\n${range.from}…${range.to}\n${JSON.stringify(rest)}\n${JSON.stringify(shape)}`;
}

/**
 * A metric's whole definition as text, written once per definition object (definitions are never changed in place):
 * written for every question, it was the cache's own largest cost (its labels and descriptions are most of a key).
 */
const METRIC_KEYS = new WeakMap<MetricDefinition, string>();
function metricKey(metric: MetricDefinition): string {
  let key = METRIC_KEYS.get(metric);
  if (key === undefined) METRIC_KEYS.set(metric, (key = JSON.stringify(metric)));
  return key;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
