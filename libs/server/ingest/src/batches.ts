import { DATASETS, type DatasetName } from '@amanah/domain';
import { recordDataChange, ROLLUP_TABLES, rollupViewsOf, viewSelectFrom, type RollupView, type Store } from '@amanah/store';
import type { LedgerRow } from './ledger.js';
import { stageTable } from './stage.js';

/**
 * Batch history and withdrawal (ingest_batch_log and withdrawn_<dataset>, migration 0060).
 *
 * Every committed batch has a row in ingest_batch_log, written in the commit's exclusive section. Every event row
 * carries its batch id (`ingest_batch`). Withdrawing a batch rebuilds, in one exclusive section, each month (raw
 * partition) the batch touched: the partition's rows are copied aside (`ingest_withdraw_<batch id>`), the batch's rows
 * go to withdrawn_<dataset>, the partitions are replaced by the other rows, and every rollup fed from the table has
 * the partitions those months fall in refilled from the raw rows by its materialized view's own SELECT. Rollups
 * therefore stay exactly what the views make of the raw rows (sketches and `last_day` included, which negated rows
 * could not correct), whatever state a killed run left them in. The status WITHDRAWING is written once the copy is
 * complete: recovery redoes the rest from the copy (every step after it can be run again); the copy is dropped once
 * the status says WITHDRAWN.
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
// A withdrawal's copy (the batch id, dashes as underscores) and its work tables: the other rows (`_raw`), a rollup's refill (`_r<n>`).
const WORK_TABLE = /^[0-9a-f_]{1,64}(?:_raw|_r[0-9]+)?$/;
const MAX_LIST = 500;

/**
 * The steps of a withdrawal, in order, for test seams: the copy is complete (`copied`), the status says WITHDRAWING
 * (from here recovery finishes it), the batch's rows are kept aside (`kept`), the table's months hold the other rows
 * (`reinserted`), every rollup is refilled from them (`rollups`; within it, rollup n's work table is filled,
 * `rollup<n>:kept`, and its partitions replaced, `rollup<n>:replaced`), the status says WITHDRAWN.
 */
export type WithdrawStep =
  | 'copied' | 'withdrawing' | 'kept' | 'reinserted' | `rollup${number}:kept` | `rollup${number}:replaced` | 'rollups' | 'withdrawn';

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
    await this.rebuild(batch, 'months');
    await this.write({ ...rowOf(batch), ...withdrawn, status: 'WITHDRAWN' });
    await this.step('withdrawn');
    // Only now: until the status says WITHDRAWN, recovery redoes the rebuild from the copy.
    await this.store.command(`DROP TABLE IF EXISTS ${copyTable(id)}`);
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
        await this.rebuild(batch, 'partitions');
        await this.write({ ...rowOf(batch), status: 'WITHDRAWN' });
        await recordDataChange(this.store, 'withdrawal', batch.id);
        finished.push(batch.id);
      }
      const copies = await this.store.select<{ name: string }>(
        'SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})',
        { prefix: WITHDRAW_PREFIX },
      );
      for (const { name } of copies) {
        if (WORK_TABLE.test(name.slice(WITHDRAW_PREFIX.length))) await this.store.command(`DROP TABLE IF EXISTS ${name}`);
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
   * From the copy, each step a function of the copy and the raw table alone, so that any of them can run again over
   * whatever a killed run left: the batch's rows go to withdrawn_<dataset>; each raw partition (month) the batch
   * touched is replaced by the copy's other rows (REPLACE PARTITION: no view fires); then every rollup fed from the
   * table is refilled from those rows (`refill`): in a withdrawal the copied months, in recovery whole partitions.
   */
  private async rebuild(batch: BatchRecord, scope: 'months' | 'partitions'): Promise<void> {
    const dataset = datasetOf(batch.dataset);
    const copy = copyTable(batch.id);
    await this.store.command(`ALTER TABLE withdrawn_${dataset} DELETE WHERE ingest_batch = {id:String} SETTINGS mutations_sync = 2`, { id: batch.id });
    await this.store.command(
      `INSERT INTO withdrawn_${dataset} SELECT * FROM ${copy} WHERE ingest_batch = {id:String} SETTINGS insert_deduplicate = 0`,
      { id: batch.id },
    );
    await this.step('kept');
    const others = `${copy}_raw`;
    await this.store.command(`DROP TABLE IF EXISTS ${others}`);
    await this.store.command(`CREATE TABLE ${others} AS ${dataset}`);
    await this.store.command(
      `INSERT INTO ${others} SELECT * FROM ${copy} WHERE ingest_batch != {id:String} SETTINGS insert_deduplicate = 0`,
      { id: batch.id },
    );
    await this.replacePartitions(dataset, others, await this.partitionIds(copy));
    await this.step('reinserted');
    const [months] = await this.store.select<{ months: string[] }>(
      `SELECT groupUniqArray(toString(toStartOfMonth(${DATASETS[dataset].time}))) AS months FROM ${copy}`,
    );
    const from = { copy, others, months: scope === 'months' ? months?.months ?? [] : undefined };
    for (const [i, view] of rollupViewsOf(dataset).entries()) await this.refill(view, from, `${copy}_r${i}`, i);
    await this.step('rollups');
    await this.store.command(`DROP TABLE IF EXISTS ${others}`);
  }

  /**
   * Makes the rollup's partitions that the copied months fall in exactly what its view makes of the raw rows, with the
   * view's own SELECT (the migrations' definition, `rollupViewsOf`): a work table `keep` is filled, then replaces each
   * of those partitions (or the partition is dropped when no row is left).
   * - Whole partitions (recovery, or a rollup the registry does not describe): the view over the raw table's rows of
   *   those partitions. A rollup is left right whatever a killed run left in it (a partition replaced twice, a part
   *   back after a restart, rows doubled), the months the batch did not touch included.
   * - The copied months (`from.months`, a withdrawal): the partitions' rows of other months as they are, and the view
   *   over the months' rows left (`from.others`); a year of raw rows is not read per rollup. (A rollup's time, `day`,
   *   `month` or a visitor's `days`, is that of its event table's time column: the registry, rollups.ts.)
   */
  private async refill(view: RollupView, from: { copy: string; others: string; months: readonly string[] | undefined }, keep: string, n: number): Promise<void> {
    const [table] = await this.store.select<{ partition_key: string }>(
      'SELECT partition_key FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
      { table: view.table },
    );
    if (!table?.partition_key) throw new Error(`rollup ${view.table}: no partition key`);
    const key = table.partition_key;
    const columns = (await this.store.select<{ name: string }>(
      'SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
      { table: view.table },
    )).map(({ name }) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`rollup ${view.table}: unexpected column ${name}`);
      return name;
    }).join(', ');
    // The rollup's partitions that the copied months fall in, by the view itself.
    const touched = `(SELECT DISTINCT ${key} FROM (${viewSelectFrom(view, from.copy)}))`;
    await this.store.command(`DROP TABLE IF EXISTS ${keep}`);
    await this.store.command(`CREATE TABLE ${keep} AS ${view.table}`);
    const rollup = from.months && ROLLUP_TABLES.find((r) => r.table === view.table);
    if (rollup) {
      const months = from.months;
      const keptColumns = rollup.days
        ? `* REPLACE (arrayFilter(d -> toStartOfMonth(d) NOT IN {months:Array(Date)}, ${rollup.days}) AS ${rollup.days})`
        : '*';
      const keptRows = rollup.days
        ? `NOT arrayAll(d -> toStartOfMonth(d) IN {months:Array(Date)}, ${rollup.days})`
        : `toStartOfMonth(${rollup.time}) NOT IN {months:Array(Date)}`;
      await this.store.command(
        `INSERT INTO ${keep} SELECT ${keptColumns} FROM ${view.table} WHERE ${key} IN ${touched} AND ${keptRows} SETTINGS insert_deduplicate = 0`,
        { months },
      );
      await this.store.command(
        `INSERT INTO ${keep} (${columns}) SELECT ${columns} FROM (${viewSelectFrom(view, from.others)}) SETTINGS insert_deduplicate = 0`,
      );
    } else {
      await this.store.command(
        `INSERT INTO ${keep} (${columns}) SELECT ${columns} FROM (${view.select}) WHERE ${key} IN ${touched} SETTINGS insert_deduplicate = 0`,
      );
    }
    await this.step(`rollup${n}:kept`);
    const ids = [...new Set([
      ...await this.partitionIds(view.table, `${key} IN ${touched}`),
      ...await this.partitionIds(keep),
    ])];
    await this.replacePartitions(view.table, keep, ids);
    await this.step(`rollup${n}:replaced`);
    await this.store.command(`DROP TABLE IF EXISTS ${keep}`);
  }

  private async partitionIds(table: string, where = '1'): Promise<string[]> {
    const rows = await this.store.select<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${table} WHERE ${where}`);
    return rows.map(({ id }) => {
      if (!/^[0-9a-f_-]+$/.test(id)) throw new Error(`unexpected partition id ${id} of ${table}`);
      return id;
    });
  }

  /** Each partition of `table` in `ids` becomes the same partition of `from`, or is dropped when `from` has none. */
  private async replacePartitions(table: string, from: string, ids: readonly string[]): Promise<void> {
    const present = new Set(await this.partitionIds(from));
    for (const id of ids) {
      await this.store.command(present.has(id) ? `ALTER TABLE ${table} REPLACE PARTITION ID '${id}' FROM ${from}` : `ALTER TABLE ${table} DROP PARTITION ID '${id}'`);
    }
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
