import type { Caller } from '@amanah/access';
import type { Store } from '@amanah/store';

/** ingest_audit: one row per ingest request, whatever its outcome (written by the controller after it answers). */
export type AuditOutcome =
  | 'inserted' | 'duplicate' | 'rejected' | 'forbidden' | 'unauthenticated' | 'too_large' | 'unsupported'
  | 'conflict' | 'failed' | 'not_found' | 'bad_request';

export interface AuditEntry {
  principal?: Pick<Caller, 'keyId' | 'role'>;
  dataset: string;
  idempotencyKey?: string;
  contentType?: string;
  outcome: AuditOutcome;
  status: number;
  rowsReceived: number;
  rowsInserted: number;
  rowsByAmanah?: Record<string, number>;
  errorsTotal: number;
  bytes: number;
  durationMs: number;
}

export async function writeAudit(store: Store, entry: AuditEntry): Promise<void> {
  await store.insert('ingest_audit', [
    {
      principal_key_id: entry.principal?.keyId ?? '',
      principal_role: entry.principal?.role ?? '',
      dataset: entry.dataset,
      idempotency_key: entry.idempotencyKey ?? '',
      content_type: (entry.contentType ?? '').slice(0, 100),
      outcome: entry.outcome,
      status: entry.status,
      rows_received: entry.rowsReceived,
      rows_inserted: entry.rowsInserted,
      rows_by_amanah: entry.rowsByAmanah ?? {},
      errors_total: entry.errorsTotal,
      bytes: entry.bytes,
      duration_ms: Math.round(entry.durationMs),
    },
  ]);
}
