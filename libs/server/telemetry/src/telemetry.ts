import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * What the API counts and times, for `GET /metrics` (Prometheus text, prom-client). One registry per process: each
 * API process is scraped on its own, and Prometheus adds them up. Labels take values from closed lists (a route, a
 * source, a dataset, an error code) or, for names a caller chooses (a GraphQL operation name), from BoundedLabel,
 * so no caller can grow the registry without bound.
 */
export const registry = new Registry();

let collectingProcessMetrics = false;

/**
 * Adds prom-client's process metrics (CPU, memory, event-loop lag, …) to the registry: called by the API when it
 * serves /metrics, not on import, so the CLI, the seed and worker threads start no collectors they never report.
 */
export function collectProcessMetrics(): void {
  if (collectingProcessMetrics) return;
  collectingProcessMetrics = true;
  collectDefaultMetrics({ register: registry, prefix: 'amanah_' });
}

/** Latency buckets from a cached answer (~1 ms) to the query timeout (15 s). */
const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export const httpRequestSeconds = new Histogram({
  name: 'amanah_http_request_duration_seconds',
  help: 'HTTP requests by kind (graphql, rest), operation (a GraphQL operation name or a REST route) and status.',
  labelNames: ['kind', 'operation', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const storeQuerySeconds = new Histogram({
  name: 'amanah_store_query_duration_seconds',
  help: 'Engine statements of answers by source (rollup, raw, sketch); a batched statement counts once under each of its sources.',
  labelNames: ['source'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const answerCacheLookups = new Counter({
  name: 'amanah_answer_cache_lookups_total',
  help: 'Answer cache lookups by result (hit, miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const responseCacheLookups = new Counter({
  name: 'amanah_graphql_response_cache_lookups_total',
  help: 'GraphQL response cache lookups (whole answers of cacheable reads) by result (hit, miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const rowsIngested = new Counter({
  name: 'amanah_ingest_rows_total',
  help: 'Rows committed by ingest, by dataset.',
  labelNames: ['dataset'] as const,
  registers: [registry],
});

export const deliveryOutcomes = new Counter({
  name: 'amanah_deliveries_total',
  help: 'Delivery attempts of reports, alert e-mails and webhooks, by kind and outcome (sent, failed, retried).',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const alertFirings = new Counter({
  name: 'amanah_alert_firings_total',
  help: 'Alert rules that fired (became breached), by condition.',
  labelNames: ['condition'] as const,
  registers: [registry],
});

export const auditWriteFailures = new Counter({
  name: 'amanah_audit_write_failures_total',
  help: 'Audit log entries that could not be written (the audited action went ahead), by action.',
  labelNames: ['action'] as const,
  registers: [registry],
});

/**
 * A label value a caller chooses, bounded: a plain name (letters, digits, _) of at most 64 characters, and at most
 * `max` distinct ones per process; anything else is `other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: unknown): string {
    if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(value)) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
