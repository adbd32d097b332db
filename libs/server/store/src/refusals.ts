/**
 * Work the engine was not asked to do, or stopped doing, on purpose: a request past its deadline, a lane with too
 * much waiting, a request or a key over its cost limit. These are answers to the caller (with what to do), never
 * failures of the product, so they are logged quietly and never cached.
 */
export type RefusalCode =
  /** The request ran out of time (waiting and running): narrow it. */
  | 'QUERY_TIMEOUT'
  /** Too much of this caller's work is already waiting: retry later. */
  | 'OVERLOADED'
  /** One request would cost more than the per-request ceiling: narrow it. */
  | 'COST_LIMIT'
  /** The key has spent its cost budget for now: retry after `retryAfterSeconds`. */
  | 'COST_BUDGET';

export class WorkRefusedError extends Error {
  override name = 'WorkRefusedError';
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** For OVERLOADED and COST_BUDGET: when trying again may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** ClickHouse's TIMEOUT_EXCEEDED (max_execution_time reached): the engine stopped the statement. */
export function isEngineTimeout(error: unknown): boolean {
  const err = error as { code?: unknown; message?: unknown } | null;
  return String(err?.code) === '159' || /^Timeout exceeded: elapsed/.test(String(err?.message ?? ''));
}
