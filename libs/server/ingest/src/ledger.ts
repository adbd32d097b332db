import { createHash } from 'node:crypto';
import type { Store } from '@amanah/store';

/**
 * The ingest ledger (ingest_ledger, migration 0011): one row per (dataset, API key, Idempotency-Key) with the batch's
 * state, so a retry finds its batch and recovery finds what a killed process left. Keys never see or squat each
 * other's batches. Rows are versioned; FINAL keeps the latest state.
 */
type BatchState = 'receiving' | 'committing' | 'committed' | 'rejected' | 'aborted';

export interface LedgerRow {
  dataset: string;
  idempotency_key: string;
  batch_id: string;
  state: BatchState;
  body_sha256: string;
  rows: number;
  chunks: number;
  principal_key_id: string;
}

const LEDGER_COLUMNS = 'dataset, idempotency_key, batch_id, state, body_sha256, rows, chunks, principal_key_id';
const LEDGER = 'ingest_ledger';

export class Ledger {
  private version = 0;

  constructor(private readonly store: Store) {}

  async entry(dataset: string, owner: string, key: string): Promise<LedgerRow | undefined> {
    const [row] = await this.store.select<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM ${LEDGER} FINAL
       WHERE dataset = {dataset:String} AND principal_key_id = {owner:String} AND idempotency_key = {key:String}`,
      { dataset, owner, key },
    );
    return row;
  }

  /** Batches a process left open: still receiving, or committing. */
  open(): Promise<LedgerRow[]> {
    return this.store.select<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ${LEDGER} FINAL WHERE state IN ('receiving', 'committing')`);
  }

  write(row: LedgerRow): Promise<void> {
    // Versions grow within a process and across restarts (milliseconds), so FINAL keeps the latest state.
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    return this.store.insert(LEDGER, [{ ...row, version: this.version }]);
  }
}

/**
 * Deterministic per (dataset, API key id, Idempotency-Key): a retry after a crash, with the same API key, finds the
 * same stage and replays the same tokens. (Batches recorded before 0011 keep the id they were given.)
 */
export function batchIdOf(dataset: string, owner: string, key: string): string {
  return createHash('sha256').update(`${dataset}\0${owner}\0${key}`).digest('hex').slice(0, 32);
}
