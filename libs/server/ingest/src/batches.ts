import { DATASETS, type DatasetName } from '@amanah/domain';
import {
  DURATION_HISTOGRAMS, DURATION_TABLES, LEAN_DURATION_HISTOGRAMS, LEAN_MONTHLY_ROLLUPS, MONTHLY_ROLLUPS, recordDataChange, ROLLUPS, VISITOR_DAYS, type RollupDefinition, type Store,
} from '@amanah/store';
import type { LedgerRow } from './ledger.js';
import { stageTable } from './stage.js';

/**
 * Batch history and withdrawal (ingest_batch_log and withdrawn_<dataset>, migration 0060).
 *
 * Every committed batch has a row in ingest_batch_log, written in the commit's exclusive section. Every event row
 * carries its batch id (`ingest_batch`). Withdrawing a batch rebuilds, in one exclusive section, each month (raw
 * partition) the batch touched: the partition's rows are copied aside (`ingest_withdraw_<batch id>`), the partitions
 * are dropped from the table and their months removed from every rollup fed from it, the batch's rows go to
 * withdrawn_<dataset>, and the other rows are inserted back, which feeds the rollups through their own materialized
 * views. Rollups therefore stay exactly what the views make of the raw rows (sketches and `last_day` included,
 * which negated rows could not correct). The status WITHDRAWING is written once the copy is complete: recovery
 * redoes the rest from the copy (every step after it can be run again).
 */

export type BatchStatus = 'COMMITTED' | 'WITHDRAWING' | 'WITHDRAWN';

export interface BatchRecord {
  id: string;
  dataset: DatasetName;
  keyId: string;
  keyLabel: string;
  idempotencyKey: string;
  sourceFile: string;
  rows: number;
  rowsByAmanah: Record<string, number>;
  /** Riyadh local time `YYYY-MM-DD hh:mm:ss` of the oldest and newest event; null for an empty batch. */
  eventFrom: string | null;
  eventTo: string | null;
  /** ISO 8601, UTC. */
  committedAt: string;
  status: BatchStatus;
  withdrawnAt: string | null;
  withdrawnBy: string;
  withdrawReason: string;
  /** The batch that replaced this one (a replace = withdraw + ingest of the corrected file). */
  replacedBy: string;
}

/** Who sent a batch, and from which file: what the history shows besides the batch's effect. */
export interface BatchOrigin {
  keyLabel?: string;
  sourceFile?: string;
}

export interface BatchEffect {
  rowsByAmanah: Record<string, number>;
  eventFrom: string | null;
  eventTo: string | null;
}

/** The caller as the batch operations see it. */
export interface BatchCaller {
  keyId: string;
  role: string;
  label?: string;
  amanahs: readonly string[] | 'all';
}

export class BatchError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
  }
}

interface LogRow {
  batch_id: string;
  dataset: string;
  principal_key_id: string;
  key_label: string;
  idempotency_key: string;
  source_file: string;
  rows: number;
  rows_by_amanah: Record<string, number>;
  event_from: string | null;
  event_to: string | null;
  committed_ms: number | string;
  status: string;
  withdrawn_ms: number | string | null;
  withdrawn_by: string;
  withdraw_reason: string;
  replaced_by: string;
}

const LOG = 'ingest_batch_log';
const SELECT_LOG = `SELECT batch_id, dataset, principal_key_id, key_label, idempotency_key, source_file, rows, rows_by_amanah,
  event_from, event_to, toUnixTimestamp64Milli(committed_at) AS committed_ms, status,
  if(withdrawn_at IS NULL, NULL, toUnixTimestamp64Milli(assumeNotNull(withdrawn_at))) AS withdrawn_ms, withdrawn_by, withdraw_reason, replaced_by
  FROM ${LOG} FINAL`;
// Batch ids are the ledger's: 32 hex digits (older ledgers: hex with dashes). Checked before a name is built from one.
const BATCH_ID = /^[0-9a-f-]{1,64}$/;
const WITHDRAW_PREFIX = 'ingest_withdraw_';
const MAX_LIST = 500;

/**
 * The steps of a withdrawal, in order, for test seams: the copy is complete (`copied`), the status says WITHDRAWING
 * (from here recovery finishes it), the months are gone from the table (`dropped`) and from the rollups
 * (`rollups`; within it, rollup n's kept rows are copied, `rollup<n>:kept`, and its partitions replaced,
 * `rollup<n>:replaced`), the batch's rows are kept aside (`kept`), the others are back (`reinserted`), the status says
 * WITHDRAWN.
 */
export type WithdrawStep =
  | 'copied' | 'withdrawing' | 'dropped' | `rollup${number}:kept` | `rollup${number}:replaced` | 'rollups' | 'kept' | 'reinserted' | 'withdrawn';

export class IngestBatches {
  private version = 0;

  /** `step`: a test seam called after each step of a withdrawal (a crash test pauses there to kill the process). */
  constructor(
    private readonly store: Store,
    private readonly step: (step: WithdrawStep) => void | Promise<void> = () => undefined,
  ) {}

  /** The batch's effect, read from its stages before the commit: rows per amanah (given) and the event-time span. */
  async effectOf(batch: LedgerRow, rowsByAmanah: Record<string, number>): Promise<BatchEffect> {
    if (batch.chunks === 0) return { rowsByAmanah, eventFrom: null, eventTo: null };
    const time = DATASETS[batch.dataset as DatasetName].time;
    const stages = Array.from({ length: batch.chunks }, (_, chunk) => `SELECT ${time} AS t FROM ${stageTable(batch.batch_id, chunk)}`).join(' UNION ALL ');
    const [span] = await this.store.select<{ from: string | null; to: string | null }>(
      `SELECT toString(toDateTime(min(t), 'Asia/Riyadh')) AS from, toString(toDateTime(max(t), 'Asia/Riyadh')) AS to FROM (${stages})`,
    );
    return { rowsByAmanah, eventFrom: span?.from ?? null, eventTo: span?.to ?? null };
  }

  /** The history row of a batch just committed (called inside the commit's exclusive section). */
  recordCommitted(batch: LedgerRow, effect: BatchEffect, origin: BatchOrigin): Promise<void> {
    return this.write({
      batch_id: batch.batch_id, dataset: batch.dataset, principal_key_id: batch.principal_key_id,
      key_label: (origin.keyLabel ?? '').slice(0, 200), idempotency_key: batch.idempotency_key.startsWith('auto-') ? '' : batch.idempotency_key,
      source_file: (origin.sourceFile ?? '').slice(0, 255), rows: Number(batch.rows), rows_by_amanah: effect.rowsByAmanah,
      event_from: effect.eventFrom, event_to: effect.eventTo, committed_ms: Date.now(), status: 'COMMITTED',
      withdrawn_ms: null, withdrawn_by: '', withdraw_reason: '', replaced_by: '',
    });
  }

  async find(id: string): Promise<BatchRecord | undefined> {
    const [row] = await this.store.select<LogRow>(`${SELECT_LOG} WHERE batch_id = {id:String}`, { id });
    return row ? recordOf(row) : undefined;
  }

  /**
   * Newest first. A caller limited to some amanahs sees the batches whose rows all belong to its amanahs (and the
   * empty batches its own key sent): another amanah's batch, even a mixed one, is not its to see.
   */
  async list(caller: BatchCaller, filter: { dataset?: string | null; amanah?: string | null; limit?: number | null }): Promise<BatchRecord[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: Math.min(Math.max(filter.limit ?? 100, 1), MAX_LIST) };
    if (filter.dataset) {
      where.push('dataset = {dataset:String}');
      params.dataset = filter.dataset;
    }
    if (filter.amanah) {
      where.push('rows_by_amanah[{amanah:String}] > 0');
      params.amanah = filter.amanah;
    }
    if (caller.amanahs !== 'all') {
      where.push(`(notEmpty(mapKeys(rows_by_amanah)) AND arrayAll(a -> has({scope:Array(String)}, a), mapKeys(rows_by_amanah))
        OR (empty(mapKeys(rows_by_amanah)) AND principal_key_id = {keyId:String}))`);
      params.scope = caller.amanahs;
      params.keyId = caller.keyId;
    }
    const rows = await this.store.select<LogRow>(
      `${SELECT_LOG} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY committed_at DESC, batch_id LIMIT {limit:UInt32}`,
      params,
    );
    return rows.map(recordOf);
  }

  /**
   * Checks that the caller may withdraw the batch (an admin's key any batch within its scope, an ingest key the
   * batches it sent, within its scope) and that it is committed; returns it. The withdrawal itself is `withdrawNow`.
   */
  async checkWithdrawal(caller: BatchCaller, id: string, reason: string): Promise<BatchRecord> {
    this.refuseOnCluster();
    const text = reason.trim();
    if (text.length < 3 || text.length > 500) throw new BatchError('BAD_REQUEST', 'reason must be 3 to 500 characters: say why the batch is withdrawn');
    const batch = await this.find(id);
    if (!batch || !mayTouch(caller, batch, 'see')) throw new BatchError('NOT_FOUND', `no batch ${id}`);
    if (!mayTouch(caller, batch, 'withdraw')) {
      throw new BatchError('FORBIDDEN', 'only an admin key, or the ingest key that sent the batch, may withdraw it');
    }
    if (batch.status !== 'COMMITTED') throw new BatchError('BAD_REQUEST', `batch ${id} is already ${batch.status.toLowerCase()}`);
    return batch;
  }

  /**
   * The withdrawal, to run inside an exclusive section of the store (the caller's: a replace runs it in the commit's
   * section of the corrected batch). `replacedBy` names the batch that replaces it.
   */
  async withdrawNow(caller: BatchCaller, id: string, reason: string, replacedBy = ''): Promise<void> {
    this.refuseOnCluster();
    const batch = await this.find(id); // read again: another withdrawal may have run since the check
    if (batch?.status !== 'COMMITTED') throw new BatchError('BAD_REQUEST', `batch ${id} is already ${batch?.status.toLowerCase() ?? 'gone'}`);
    const by = caller.label ? `${caller.label} (${caller.keyId})` : caller.keyId;
    const withdrawn = { withdrawn_ms: Date.now(), withdrawn_by: by.slice(0, 300), withdraw_reason: reason.trim(), replaced_by: replacedBy };
    await this.copyAside(batch);
    await this.step('copied');
    await this.write({ ...rowOf(batch), ...withdrawn, status: 'WITHDRAWING' });
    await this.step('withdrawing');
    await this.rebuild(batch);
    await this.write({ ...rowOf(batch), ...withdrawn, status: 'WITHDRAWN' });
    await this.step('withdrawn');
    await recordDataChange(this.store, 'withdrawal', id);
  }

  /**
   * Withdrawal rebuilds partitions in place (a copy `AS` the table, DROP/REPLACE PARTITION), which on a cluster would
   * copy the Distributed engine (the copy's rows land in the table's shards, and the re-insert doubles them) and
   * address partitions through a Distributed table, which has none. Until it works on the shards' local tables
   * `ON CLUSTER`, a cluster refuses it before anything is read or written.
   */
  private refuseOnCluster(): void {
    if (this.store.config.kind === 'server' && this.store.config.cluster) {
      throw new BatchError('BAD_REQUEST', `withdrawing or replacing a batch is not supported on a cluster (CLICKHOUSE_CLUSTER=${this.store.config.cluster}) yet: nothing was changed`);
    }
  }

  /**
   * Finishes withdrawals a killed process left (status WITHDRAWING: the copy was complete) and drops copies of
   * withdrawals that never reached it. Returns the batch ids finished.
   */
  async recover(): Promise<string[]> {
    const finished: string[] = [];
    await this.store.exclusive(async () => {
      const open = await this.store.select<LogRow>(`${SELECT_LOG} WHERE status = 'WITHDRAWING'`);
      for (const row of open) {
        const batch = recordOf(row);
        await this.rebuild(batch);
        await this.write({ ...rowOf(batch), status: 'WITHDRAWN' });
        await recordDataChange(this.store, 'withdrawal', batch.id);
        finished.push(batch.id);
      }
      const copies = await this.store.select<{ name: string }>(
        'SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})',
        { prefix: WITHDRAW_PREFIX },
      );
      for (const { name } of copies) {
        if (BATCH_ID.test(name.slice(WITHDRAW_PREFIX.length))) await this.store.command(`DROP TABLE IF EXISTS ${name}`);
      }
    });
    return finished;
  }

  /** Deletes the rows of withdrawn batches for good (an admin's explicit command). Returns the rows deleted per batch. */
  async purge(filter: { batchIds?: readonly string[]; withdrawnBefore?: string }): Promise<Array<{ id: string; rows: number }>> {
    const where = ["status = 'WITHDRAWN'", 'purged_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (filter.batchIds) {
      where.push('batch_id IN {ids:Array(String)}');
      params.ids = filter.batchIds;
    }
    if (filter.withdrawnBefore) {
      where.push('withdrawn_at < parseDateTime64BestEffort({before:String}, 3)');
      params.before = filter.withdrawnBefore;
    }
    const rows = await this.store.select<LogRow>(`${SELECT_LOG} WHERE ${where.join(' AND ')}`, params);
    const purged: Array<{ id: string; rows: number }> = [];
    for (const row of rows) {
      const table = `withdrawn_${datasetOf(row.dataset)}`;
      const [count] = await this.store.select<{ n: number }>(`SELECT count() AS n FROM ${table} WHERE ingest_batch = {id:String}`, { id: row.batch_id });
      await this.store.command(`ALTER TABLE ${table} DELETE WHERE ingest_batch = {id:String} SETTINGS mutations_sync = 2`, { id: row.batch_id });
      await this.write({ ...row, purged_ms: Date.now() });
      purged.push({ id: row.batch_id, rows: Number(count?.n ?? 0) });
    }
    return purged;
  }

  /** Copies every row of the partitions the batch touched aside (the batch's rows too): what the rebuild works from. */
  private async copyAside(batch: BatchRecord): Promise<void> {
    const dataset = datasetOf(batch.dataset);
    const copy = copyTable(batch.id);
    await this.store.command(`DROP TABLE IF EXISTS ${copy}`);
    await this.store.command(`CREATE TABLE ${copy} AS ${dataset}`);
    await this.store.command(
      `INSERT INTO ${copy} SELECT * FROM ${dataset}
       WHERE _partition_id IN (SELECT DISTINCT _partition_id FROM ${dataset} WHERE ingest_batch = {id:String})
       SETTINGS insert_deduplicate = 0`,
      { id: batch.id },
    );
  }

  /**
   * From the copy: drops the partitions from the table, deletes their months from every rollup of the dataset, moves
   * the batch's rows to withdrawn_<dataset> and inserts the others back (the views refill the rollups). Every step can
   * be run again: recovery redoes them all after a crash.
   */
  private async rebuild(batch: BatchRecord): Promise<void> {
    const dataset = datasetOf(batch.dataset);
    const copy = copyTable(batch.id);
    const time = DATASETS[dataset].time;
    const partitions = await this.store.select<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${copy}`);
    const [months] = await this.store.select<{ months: string[] }>(
      `SELECT groupUniqArray(toString(toStartOfMonth(${time}))) AS months FROM ${copy}`,
    );
    for (const { id } of partitions) {
      if (!/^[0-9]+$/.test(id)) throw new Error(`unexpected partition id ${id} of ${dataset}`);
      await this.store.command(`ALTER TABLE ${dataset} DROP PARTITION ID '${id}'`);
    }
    await this.step('dropped');
    for (const [i, rollup] of rollupsOf(dataset).entries()) await this.clearMonths(rollup, `${copy}_r${i}`, months?.months ?? [], i);
    await this.step('rollups');
    await this.store.command(`ALTER TABLE withdrawn_${dataset} DELETE WHERE ingest_batch = {id:String} SETTINGS mutations_sync = 2`, { id: batch.id });
    await this.store.command(
      `INSERT INTO withdrawn_${dataset} SELECT * FROM ${copy} WHERE ingest_batch = {id:String} SETTINGS insert_deduplicate = 0`,
      { id: batch.id },
    );
    await this.step('kept');
    await this.store.command(
      `INSERT INTO ${dataset} SELECT * FROM ${copy} WHERE ingest_batch != {id:String}
       SETTINGS insert_deduplicate = 0, max_insert_threads = 1, max_threads = 2, parallel_view_processing = 1`,
      { id: batch.id },
    );
    await this.step('reinserted');
    await this.store.command(`DROP TABLE IF EXISTS ${copy}`);
  }

  /**
   * Removes the months from a rollup without a mutation (each ALTER … DELETE cost ~1 s even on a small table): the
   * rows of the partitions (years) holding those months, less the months, are copied to `keep`, which then replaces
   * each partition. A visitor-days table keeps its rows less those months' days (rows left with none are dropped).
   */
  private async clearMonths(rollup: RollupDefinition, keep: string, months: readonly string[], n: number): Promise<void> {
    // A keep table a killed run left (its months already gone, so nothing below would drop it).
    await this.store.command(`DROP TABLE IF EXISTS ${keep}`);
    if (months.length === 0) return;
    const inMonths = rollup.days
      ? `arrayExists(d -> toStartOfMonth(d) IN {months:Array(Date)}, ${rollup.days})`
      : `toStartOfMonth(${rollup.time}) IN {months:Array(Date)}`;
    const keptColumns = rollup.days
      ? `* REPLACE (arrayFilter(d -> toStartOfMonth(d) NOT IN {months:Array(Date)}, ${rollup.days}) AS ${rollup.days})`
      : '*';
    const keptRows = rollup.days ? `NOT arrayAll(d -> toStartOfMonth(d) IN {months:Array(Date)}, ${rollup.days})` : `NOT ${inMonths}`;
    const partitions = await this.store.select<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${rollup.table} WHERE ${inMonths}`, { months });
    if (partitions.length === 0) return;
    const ids = partitions.map(({ id }) => {
      if (!/^[0-9]+$/.test(id)) throw new Error(`unexpected partition id ${id} of ${rollup.table}`);
      return id;
    });
    await this.store.command(`CREATE TABLE ${keep} AS ${rollup.table}`);
    await this.store.command(
      `INSERT INTO ${keep} SELECT ${keptColumns} FROM ${rollup.table} WHERE _partition_id IN {ids:Array(String)} AND ${keptRows} SETTINGS insert_deduplicate = 0`,
      { ids, months },
    );
    await this.step(`rollup${n}:kept`);
    const kept = new Set((await this.store.select<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${keep}`)).map(({ id }) => id));
    for (const id of ids) {
      await this.store.command(
        kept.has(id) ? `ALTER TABLE ${rollup.table} REPLACE PARTITION ID '${id}' FROM ${keep}` : `ALTER TABLE ${rollup.table} DROP PARTITION ID '${id}'`,
      );
    }
    await this.step(`rollup${n}:replaced`);
    await this.store.command(`DROP TABLE IF EXISTS ${keep}`);
  }

  private write(row: LogRow & { purged_ms?: number }): Promise<void> {
    // Versions grow within a process and across restarts (microseconds of the clock), so FINAL keeps the latest row.
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    const { committed_ms, withdrawn_ms, purged_ms, ...rest } = row;
    return this.store.insert(
      LOG,
      [{
        ...rest,
        committed_at: new Date(Number(committed_ms)).toISOString(),
        withdrawn_at: withdrawn_ms === null ? null : new Date(Number(withdrawn_ms)).toISOString(),
        purged_at: purged_ms === undefined ? null : new Date(purged_ms).toISOString(),
        version: this.version,
      }],
      { date_time_input_format: 'best_effort' },
    );
  }
}

/**
 * The daily, monthly, duration, histogram, lean monthly, visitor-days and lean histogram tables fed from a dataset's table
 * (the registry of @amanah/store). New ones go last: a killed run's keep tables are numbered by this order.
 */
function rollupsOf(dataset: DatasetName): RollupDefinition[] {
  return [ROLLUPS, MONTHLY_ROLLUPS, DURATION_TABLES, DURATION_HISTOGRAMS, LEAN_MONTHLY_ROLLUPS, VISITOR_DAYS, LEAN_DURATION_HISTOGRAMS].flatMap(
    (tables) => (tables[dataset] ? [tables[dataset]] : []),
  );
}

function copyTable(batchId: string): string {
  if (!BATCH_ID.test(batchId)) throw new Error(`unexpected batch id ${batchId}`);
  return `${WITHDRAW_PREFIX}${batchId.replaceAll('-', '_')}`;
}

function datasetOf(name: string): DatasetName {
  if (!(name in DATASETS)) throw new Error(`unknown dataset ${name}`);
  return name as DatasetName;
}

function mayTouch(caller: BatchCaller, batch: BatchRecord, what: 'see' | 'withdraw'): boolean {
  const amanahs = Object.keys(batch.rowsByAmanah);
  const inScope = caller.amanahs === 'all' || (amanahs.length > 0 ? amanahs.every((a) => caller.amanahs.includes(a)) : caller.keyId === batch.keyId);
  if (!inScope) return false;
  if (what === 'see' || caller.role === 'admin') return true;
  return caller.role === 'ingest' && caller.keyId === batch.keyId;
}

function recordOf(row: LogRow): BatchRecord {
  return {
    id: row.batch_id,
    dataset: row.dataset as DatasetName,
    keyId: row.principal_key_id,
    keyLabel: row.key_label,
    idempotencyKey: row.idempotency_key,
    sourceFile: row.source_file,
    rows: Number(row.rows),
    rowsByAmanah: Object.fromEntries(Object.entries(row.rows_by_amanah).map(([a, n]) => [a, Number(n)])),
    eventFrom: row.event_from,
    eventTo: row.event_to,
    committedAt: new Date(Number(row.committed_ms)).toISOString(),
    status: row.status as BatchStatus,
    withdrawnAt: row.withdrawn_ms === null ? null : new Date(Number(row.withdrawn_ms)).toISOString(),
    withdrawnBy: row.withdrawn_by,
    withdrawReason: row.withdraw_reason,
    replacedBy: row.replaced_by,
  };
}

function rowOf(batch: BatchRecord): LogRow {
  return {
    batch_id: batch.id, dataset: batch.dataset, principal_key_id: batch.keyId, key_label: batch.keyLabel,
    idempotency_key: batch.idempotencyKey, source_file: batch.sourceFile, rows: batch.rows, rows_by_amanah: batch.rowsByAmanah,
    event_from: batch.eventFrom, event_to: batch.eventTo, committed_ms: Date.parse(batch.committedAt), status: batch.status,
    withdrawn_ms: batch.withdrawnAt === null ? null : Date.parse(batch.withdrawnAt), withdrawn_by: batch.withdrawnBy,
    withdraw_reason: batch.withdrawReason, replaced_by: batch.replacedBy,
  };
}
