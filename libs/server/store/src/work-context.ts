import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whom the engine work being done now is for. The API opens one per HTTP request (its deadline), the access policy
 * names the lane (the caller's key), and the store reads it for every statement: to queue the statement in that
 * lane (fair scheduling, see EngineScheduler), to stop it at the deadline, and to let the query runner add up what
 * the request has cost. Work outside any request (start-up, migrations, the CLI) has no context and runs in the
 * `system` lane without a deadline.
 */
export type WorkKind = 'read' | 'write';

export interface WorkContext {
  /** The fairness lane: one per API key, so that one key's work waits behind its own, not behind everyone's. */
  lane: string;
  /** Writes (ingest) have engine slots of their own, so they never wait for reads (see EngineScheduler). */
  kind: WorkKind;
  /** Epoch milliseconds: queued statements are refused after it, running ones are stopped by the engine at it. */
  deadline?: number;
  /** Estimated cost of the queries this request has asked for so far (the query runner's unit). */
  cost: number;
  /**
   * Charges what a batch of this request's queries will cost to the caller's budget, throwing a refusal when the
   * budget is spent (set by the access layer; the query runner calls it before running the batch).
   */
  charge?: (cost: number) => void;
  /** Set while the store runs this work's exclusive section (see Store.exclusive). */
  exclusive?: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

/** Runs `work` (and everything it awaits) in `context`. */
export function runWithWork<T>(context: Omit<WorkContext, 'cost'> & { cost?: number }, work: () => T): T {
  return storage.run({ cost: 0, ...context }, work);
}

/** Runs `section` as the current work's exclusive section `lane` (see EngineScheduler.exclusive). */
export function runInExclusive<T>(lane: string, section: () => Promise<T>): Promise<T> {
  const current = storage.getStore();
  return storage.run({ ...(current ?? { lane: 'system', cost: 0 }), kind: 'write', exclusive: lane }, section);
}

/**
 * Runs `work` as no request's: in the system lane, without a deadline. For work whose result many requests share
 * (one request's deadline or refusal must not become the others').
 */
export function outsideRequests<T>(work: () => T): T {
  return storage.exit(work);
}

/** The context of the work being done now, or undefined outside a request. Mutable: the access policy names the lane. */
export function currentWork(): WorkContext | undefined {
  return storage.getStore();
}
