import { Logger, type Provider } from '@nestjs/common';
import type { Store } from '@amanah/store';
import { auditWriteFailures } from '@amanah/telemetry';
import type { Caller } from './principal.js';

/**
 * The audit log (table `audit_log`, migration 0080): who did what to which object, when, with what outcome. One
 * general table for every audited action; ingest requests keep their own, more detailed `ingest_audit`.
 */
export const AUDIT_ACTIONS = [
  'sign_in',
  'key_created',
  'key_revoked',
  'batch_withdrawn',
  'fact_sheet_certified',
  'fact_sheet_read',
  'exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** ok: done; refused: not allowed or bad input (the caller's side); failed: our side. */
export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** Who acted: a caller (key, session, ministry account), `cli` for the command line, or nobody identified. */
export type AuditActor = Pick<Caller, 'keyId' | 'label' | 'role'>;

export interface AuditEntry {
  actor: AuditActor | undefined;
  action: AuditAction;
  /** What kind of object: `session`, `api_key`, `ingest_batch`, `fact_sheet`, `dashboard`. */
  objectType: string;
  objectId: string;
  outcome: AuditOutcome;
  /** A short note: the format of an export, how a sign-in was made, why it was refused. */
  detail?: string;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'actor'>> {
  /** ISO 8601, UTC. */
  at: string;
  actorId: string;
  actorLabel: string;
  actorRole: string;
}

/** The command line as an actor (`kpi keys create|revoke`). */
export const CLI_ACTOR: AuditActor = { keyId: 'cli', label: 'kpi command line', role: 'admin' };

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;
const MAX_TEXT = 500;

export async function writeAuditEntry(store: Store, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await writeAuditRows(store, [auditRow(entry, now)]);
}

type AuditLogRow = ReturnType<typeof auditRow>;

function auditRow(entry: AuditEntry, at: Date) {
  return {
    at: at.toISOString(),
    actor_id: (entry.actor?.keyId ?? '').slice(0, MAX_TEXT),
    actor_label: (entry.actor?.label ?? '').slice(0, MAX_TEXT),
    actor_role: entry.actor?.role ?? '',
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId.slice(0, MAX_TEXT),
    outcome: entry.outcome,
    detail: (entry.detail ?? '').slice(0, MAX_TEXT),
  };
}

function writeAuditRows(store: Store, rows: readonly AuditLogRow[]): Promise<void> {
  // The rows carry ISO timestamps ('…Z'); best_effort parses them whatever the session's time zone.
  return store.insert('audit_log', rows, { date_time_input_format: 'best_effort' });
}

export interface AuditQuery {
  action?: AuditAction;
  /** ISO 8601 instant: only entries at or after it. */
  since?: string;
  /** 1 to MAX_AUDIT_LIMIT; default DEFAULT_AUDIT_LIMIT. */
  limit?: number;
}

/** Bad input to an audit query, naming the argument. */
export class AuditQueryError extends Error {
  override name = 'AuditQueryError';
  constructor(
    readonly argument: 'action' | 'since' | 'limit',
    message: string,
  ) {
    super(message);
  }
}

interface AuditRow {
  at_ms: string | number;
  actor_id: string;
  actor_label: string;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string;
  outcome: string;
  detail: string;
}

/** Audit entries, newest first, at most `limit`. */
export async function listAuditEntries(store: Store, query: AuditQuery = {}): Promise<AuditRecord[]> {
  const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT) {
    throw new AuditQueryError('limit', `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}, got ${limit}.`);
  }
  if (query.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(query.action)) {
    throw new AuditQueryError('action', `action must be one of ${AUDIT_ACTIONS.join(', ')}, got "${String(query.action).slice(0, 50)}".`);
  }
  const sinceMs = query.since === undefined ? undefined : Date.parse(query.since);
  if (sinceMs !== undefined && (Number.isNaN(sinceMs) || !/^\d{4}-\d{2}-\d{2}/.test(query.since!))) {
    throw new AuditQueryError('since', `since must be an ISO 8601 date or date-time (e.g. 2026-12-01T00:00:00Z), got "${query.since!.slice(0, 50)}".`);
  }
  const where = [
    ...(query.action ? ['action = {action:String}'] : []),
    ...(sinceMs !== undefined ? ['toUnixTimestamp64Milli(at) >= {sinceMs:Int64}'] : []),
  ];
  const rows = await store.select<AuditRow>(
    `SELECT toUnixTimestamp64Milli(at) AS at_ms, actor_id, actor_label, actor_role, action, object_type, object_id, outcome, detail
     FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at DESC LIMIT {limit:UInt32}`,
    { action: query.action ?? '', sinceMs: sinceMs ?? 0, limit },
  );
  return rows.map((row) => ({
    at: new Date(Number(row.at_ms)).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    actorRole: row.actor_role,
    action: row.action as AuditAction,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
  }));
}

/** An AuditLog writes at most one insert per this many milliseconds, or at once when AUDIT_BATCH_ROWS are waiting. */
export const AUDIT_FLUSH_MS = 1000;
export const AUDIT_BATCH_ROWS = 100;

/**
 * Records audit entries for the API: after the action, and never in its way. `record` returns at once; the entry
 * joins a batch, written as one insert (one part) when AUDIT_FLUSH_MS have passed since the last write (the first
 * entry after a quiet second goes at the next turn of the event loop) or when AUDIT_BATCH_ROWS are waiting, so a busy
 * API does not write a tiny part per request. ClickHouse's own `async_insert` would do this on a server, but the
 * embedded chDB accepts the setting and writes each insert at once (no AsyncInsertQuery events), hence the batch here.
 * A failed write is logged and counted per entry (`amanah_audit_write_failures_total`), never thrown into an action.
 * `settled()` writes what is waiting and waits for the writes under way (tests, shutdown).
 */
export class AuditLog {
  private readonly pending = new Set<Promise<void>>();
  private readonly logger = new Logger('Audit');
  private batch: AuditLogRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastWriteAt = -Infinity;

  constructor(private readonly store: Store) {}

  record(entry: AuditEntry): void {
    // The time of the action, not of the write.
    this.batch.push(auditRow(entry, new Date()));
    if (this.batch.length >= AUDIT_BATCH_ROWS) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastWriteAt + AUDIT_FLUSH_MS - performance.now()));
    this.timer.unref();
  }

  async settled(): Promise<void> {
    this.flush();
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Nest calls this when the app closes, before the store closes (StoreModule's onApplicationShutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    this.lastWriteAt = performance.now();
    const write = writeAuditRows(this.store, rows)
      .catch((error: unknown) => {
        for (const row of rows) auditWriteFailures.inc({ action: row.action });
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error({ msg: 'audit write failed', rows: rows.length, actions: [...new Set(rows.map((row) => row.action))], error: message });
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }
}

/** The provider a Nest module adds to record audit entries in the store behind `storeToken`. */
export function auditLogProvider(storeToken: symbol | string): Provider {
  return { provide: AuditLog, useFactory: (store: Store) => new AuditLog(store), inject: [storeToken] };
}
