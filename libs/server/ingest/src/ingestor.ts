import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DATASETS, type DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { BodyMeter, isPayloadTooLarge, readRecords, type IngestFormat } from './formats.js';
import { StageBuffers, encodeStageRow } from './stage-buffer.js';
import { compileDatasetSchema, type ColumnTypes, type DatasetSchema } from './schema.js';

/** The caller, as the access layer puts it on the request (`req.principal`). */
export interface IngestPrincipal {
  keyId: string;
  role: 'viewer' | 'press' | 'analyst' | 'ingest' | 'admin';
  amanahs: readonly string[] | 'all';
}

export interface IngestError {
  line: number;
  field: string;
  message: string;
}

/** The answer body of POST /api/ingest/:dataset (the contract's fields, plus errorsTotal and duplicate). */
export interface IngestAnswer {
  dataset: string;
  rowsReceived: number;
  rowsInserted: number;
  errors: IngestError[];
  errorsTotal: number;
  duplicate?: boolean;
  message?: string;
}

export interface IngestOutcome {
  status: number;
  answer: IngestAnswer;
  outcome: AuditOutcome;
  bytes: number;
}

export type AuditOutcome =
  | 'inserted' | 'duplicate' | 'rejected' | 'forbidden' | 'unauthenticated' | 'too_large' | 'unsupported'
  | 'conflict' | 'failed' | 'not_found' | 'bad_request';

export interface IngestRequest {
  dataset: DatasetName;
  format: IngestFormat;
  body: Readable;
  principal: IngestPrincipal;
  idempotencyKey?: string;
  maxBytes: number;
}

/** Test seams: where a crash test pauses a batch to kill the process at a known point. */
export interface IngestHooks {
  /**
   * After each stage insert, numbered from 0. A stage insert never spans two commit chunks, and a chunk of at most
   * STAGE_ROWS (50,000) rows is staged by one insert, so with such chunks this number is the chunk's.
   */
  chunkStaged?(insert: number): void | Promise<void>;
  committing?(batchId: string): void | Promise<void>;
  chunkCommitted?(chunk: number): void | Promise<void>;
}

export interface IngestorOptions {
  /** Rows per commit chunk: one commit INSERT, one deduplication token. At most MAX_CHUNK_ROWS. */
  chunkRows?: number;
  hooks?: IngestHooks;
}

export const MAX_LISTED_ERRORS = 1000;
/**
 * A commit chunk is one INSERT … SELECT with one deduplication token, so that a replay after a crash skips exactly
 * what had landed. That holds only if the replayed INSERT forms the same block, whatever merges did to the stage
 * meanwhile: the commit squashes the whole chunk into one block (COMMIT_SETTINGS), so a chunk must fit in one —
 * at most this many rows and CHUNK_TEXT_LIMIT characters. Big chunks are cheap: each commit INSERT writes a part per
 * month into the table and each rollup, and ten 50,000-row chunks cost ~3× one 500,000-row chunk.
 */
const MAX_CHUNK_ROWS = 1_000_000;
const CHUNK_TEXT_LIMIT = 128 * 1024 * 1024;
/** Rows per stage INSERT: the stage is written while the body is still being parsed, one insert in flight. */
const STAGE_ROWS = 50_000;
const STAGE_BYTES_LIMIT = 32 * 1024 * 1024;
// Squash each commit chunk into one block (see MAX_CHUNK_ROWS): thresholds far above a chunk's largest size (text
// in UTF-8 is up to 3 bytes a character, and the engine may count allocated rather than used bytes).
const COMMIT_SETTINGS = `min_insert_block_size_rows = ${2 * MAX_CHUNK_ROWS}, min_insert_block_size_bytes = ${16 * CHUNK_TEXT_LIMIT}`;
const STAGE_PREFIX = 'ingest_stage_';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const LEDGER_COLUMNS = 'dataset, idempotency_key, batch_id, state, body_sha256, rows, chunks, principal_key_id';

type BatchState = 'receiving' | 'committing' | 'committed' | 'rejected' | 'aborted';

interface LedgerRow {
  dataset: string;
  idempotency_key: string;
  batch_id: string;
  state: BatchState;
  body_sha256: string;
  rows: number;
  chunks: number;
  principal_key_id: string;
}

/**
 * Validates a batch while it streams in, stages it chunk by chunk in a table of its own, and commits it into the
 * dataset table chunk by chunk with a deduplication token per chunk. The ledger (ingest_batches) records each
 * step, so that a process killed during the commit is finished by `recoverIngests` on the next start (replayed
 * chunks that had landed are dropped by the token), and a process killed before the commit leaves nothing.
 */
export class Ingestor {
  private readonly inFlight = new Set<string>();
  private readonly writeListeners: Array<() => void> = [];
  private readonly schemas = new Map<DatasetName, Promise<{ schema: DatasetSchema; columns: ColumnTypes }>>();
  private version = 0;

  constructor(
    private readonly store: Store,
    private readonly options: IngestorOptions = {},
  ) {}

  /** A callback for every write that made rows visible (the API bumps the query cache's data version there). */
  addWriteListener(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  private notifyWrite(): void {
    for (const listener of this.writeListeners) listener();
  }

  static isValidIdempotencyKey(key: string): boolean {
    return IDEMPOTENCY_KEY.test(key);
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    const { dataset } = request;
    const key = request.idempotencyKey ?? `auto-${randomUUID()}`;
    const batchId = batchIdOf(dataset, key);
    const meter = new BodyMeter(request.maxBytes);
    // Its errors (the size limit, a client that went away) reach the reader that iterates it; this listener only
    // keeps a late second error from becoming an unhandled 'error' event.
    meter.on('error', () => undefined);
    request.body.once('error', (error) => meter.destroy(error));
    request.body.pipe(meter);

    if (this.inFlight.has(batchId)) {
      meter.resume();
      return this.answer(409, 'conflict', dataset, meter, { message: `a batch with Idempotency-Key ${key} is being ingested right now` });
    }
    this.inFlight.add(batchId);
    try {
      const previous = await this.ledgerEntry(dataset, key);
      if (previous?.state === 'committing') await this.finishCommit(previous);
      if (previous?.state === 'committed' || previous?.state === 'committing') {
        return await this.answerRetry(previous, meter);
      }
      return await this.receive(request, key, batchId, meter);
    } finally {
      this.inFlight.delete(batchId);
    }
  }

  /** Finishes what a killed process left: commits batches that were committing, discards those still receiving. */
  async recover(): Promise<{ committed: string[]; discarded: string[] }> {
    const open = await this.store.select<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM ingest_batches FINAL WHERE state IN ('receiving', 'committing')`,
    );
    const report = { committed: [] as string[], discarded: [] as string[] };
    for (const batch of open) {
      if (this.inFlight.has(batch.batch_id)) continue;
      if (batch.state === 'committing') {
        await this.finishCommit(batch);
        report.committed.push(`${batch.dataset}/${batch.idempotency_key}`);
      } else {
        await this.dropStage(batch.batch_id);
        await this.writeLedger({ ...batch, state: 'aborted' });
        report.discarded.push(`${batch.dataset}/${batch.idempotency_key}`);
      }
    }
    // Stage tables without an open ledger row (a crash between creating the stage and recording it).
    const stages = await this.store.select<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})`,
      { prefix: STAGE_PREFIX },
    );
    const active = new Set([...this.inFlight].map((id) => STAGE_PREFIX + id));
    for (const { name } of stages) {
      if (!active.has(name) && /^ingest_stage_[0-9a-f]{32}$/.test(name)) await this.store.command(`DROP TABLE IF EXISTS ${name}`);
    }
    if (report.committed.length > 0) this.notifyWrite();
    return report;
  }

  /** One audit row per request, whatever its outcome. A failing audit write is reported, never hides the answer. */
  async audit(entry: {
    principal?: IngestPrincipal;
    dataset: string;
    idempotencyKey?: string;
    contentType?: string;
    outcome: AuditOutcome;
    status: number;
    rowsReceived: number;
    rowsInserted: number;
    errorsTotal: number;
    bytes: number;
    durationMs: number;
  }): Promise<void> {
    await this.store.insert('ingest_audit', [
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
        errors_total: entry.errorsTotal,
        bytes: entry.bytes,
        duration_ms: Math.round(entry.durationMs),
      },
    ]);
  }

  private async receive(request: IngestRequest, key: string, batchId: string, meter: BodyMeter): Promise<IngestOutcome> {
    const { dataset, principal } = request;
    const { schema, columns } = await this.schemaOf(dataset);
    const stage = STAGE_PREFIX + batchId;
    const ledger: LedgerRow = {
      dataset, idempotency_key: key, batch_id: batchId, state: 'receiving', body_sha256: '', rows: 0, chunks: 0,
      principal_key_id: principal.keyId,
    };
    // The ledger row comes first: a crash after it leaves a stage that recovery knows to drop.
    await this.writeLedger(ledger);
    await this.createStage(stage, schema, columns);

    const scope = principal.amanahs === 'all' ? undefined : new Set(principal.amanahs);
    const errors: IngestError[] = [];
    let errorsTotal = 0;
    let scopeViolations = 0;
    let rowsReceived = 0;
    const chunkRows = Math.min(this.options.chunkRows ?? MAX_CHUNK_ROWS, MAX_CHUNK_ROWS);
    const stageRows = Math.min(STAGE_ROWS, chunkRows);
    // Filled while the previous stage insert runs; at most one insert is in flight, so two buffers suffice.
    const pending = new StageBuffers();
    let chunk = 0; // the commit chunk the next row belongs to
    let chunkRowCount = 0;
    let chunkText = 0;
    let stageInserts = 0;
    let staging: Promise<void> | undefined;
    const report = (line: number, field: string, message: string) => {
      errorsTotal += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, field, message });
    };
    // One chunk is inserted while the next is parsed; at most one insert is in flight.
    const flush = async () => {
      const insert = stageInserts++;
      if (staging) await staging; // the buffer take() hands out next was the previous insert's
      staging = this.stageInsert(stage, pending.take()).then(() => this.options.hooks?.chunkStaged?.(insert));
      staging.catch(() => undefined); // awaited at the next flush or at the end
    };
    // A stage insert never spans two commit chunks, so the crash hooks see whole chunks staged.
    const closeChunk = async () => {
      if (pending.rows > 0) await flush();
      chunk += 1;
      chunkRowCount = 0;
      chunkText = 0;
    };

    try {
      for await (const batch of readRecords(request.format, meter, schema)) {
        for (const item of batch) {
          if (item.problem) {
            report(item.line, item.problem.field, item.problem.message);
            continue;
          }
          rowsReceived += 1;
          const checked = schema.checkRecord(item.record);
          if (!checked.row) {
            for (const problem of checked.problems) report(item.line, problem.field, problem.message);
            continue;
          }
          const row = checked.row;
          if (scope && !scope.has(row.amanah as string)) {
            scopeViolations += 1;
            report(item.line, 'amanah', `amanah ${String(row.amanah)} is outside the scope of this key`);
            continue;
          }
          if (errorsTotal > 0) continue; // the batch is rejected: keep checking, stop staging
          let encoded = encodeStageRow(chunk, schema.fieldNames, row);
          if (chunkRowCount > 0 && chunkText + encoded.length > CHUNK_TEXT_LIMIT) {
            // This row would take the chunk past one block: it opens the next chunk (a lone row is one block anyway).
            await closeChunk();
            encoded = encodeStageRow(chunk, schema.fieldNames, row);
          }
          pending.append(encoded);
          chunkRowCount += 1;
          chunkText += encoded.length;
          if (chunkRowCount >= chunkRows) await closeChunk();
          else if (pending.rows >= stageRows || pending.bytes >= STAGE_BYTES_LIMIT) await flush();
        }
      }
      if (errorsTotal === 0 && pending.rows > 0) await flush();
      if (staging) await staging;
    } catch (error) {
      await staging?.catch(() => undefined);
      await this.abandon(ledger);
      if (isPayloadTooLarge(error)) {
        return this.answer(413, 'too_large', dataset, meter, {
          message: `the body is larger than the limit of ${request.maxBytes} bytes (KPI_INGEST_MAX_BYTES)`,
          rowsReceived,
        });
      }
      throw error;
    }

    if (errorsTotal > 0) {
      await this.abandon(ledger, 'rejected');
      const forbidden = scopeViolations > 0;
      return this.answer(forbidden ? 403 : 422, forbidden ? 'forbidden' : 'rejected', dataset, meter, {
        rowsReceived, errors, errorsTotal,
        message: forbidden
          ? `${scopeViolations} row(s) belong to amanahs outside the scope of this key; nothing was inserted`
          : `${errorsTotal} problem(s) found; nothing was inserted`,
      });
    }

    const chunks = chunkRowCount > 0 ? chunk + 1 : chunk;
    const committing: LedgerRow = { ...ledger, state: 'committing', rows: rowsReceived, chunks, body_sha256: meter.digest() };
    await this.writeLedger(committing);
    await this.options.hooks?.committing?.(batchId);
    await this.finishCommit(committing);
    if (rowsReceived > 0) this.notifyWrite();
    return { status: 200, outcome: 'inserted', bytes: meter.bytes, answer: { dataset, rowsReceived, rowsInserted: rowsReceived, errors: [], errorsTotal: 0 } };
  }

  /**
   * One stage insert, a JSONCompactEachRow data block (one JSON array per row, by JSON.stringify). Through
   * `Store.insertEncoded` the bytes are the INSERT's data as they are (over HTTP, the request body). Nothing in a
   * stage insert depends on session settings: timestamps are Unix seconds, dates plain YYYY-MM-DD.
   */
  private stageInsert(stage: string, body: Buffer): Promise<void> {
    return this.store.insertEncoded(stage, 'JSONCompactEachRow', body);
  }

  /**
   * Inserts every chunk of a staged batch into its dataset table, each with its own deduplication token, then marks
   * the batch committed and drops the stage. Safe to run again on a batch that was interrupted half-way: chunks that
   * had landed are recognised by their token (in the table and in the rollups fed by its materialized views).
   */
  private async finishCommit(batch: LedgerRow): Promise<void> {
    const dataset = batch.dataset as DatasetName;
    const stage = STAGE_PREFIX + batch.batch_id;
    const columns = DATASETS[dataset].fields.map((field) => field.name).join(', ');
    for (let chunk = 0; chunk < batch.chunks; chunk += 1) {
      // The token is hex and the chunk a number: both safe to inline. They go in the query's own SETTINGS clause,
      // not in the client's settings, because chDB applies client settings with SET and they would outlive the query.
      await this.store.command(
        `INSERT INTO ${dataset} (${columns}) SELECT ${columns} FROM ${stage} WHERE _ingest_chunk = ${chunk}
         SETTINGS insert_deduplicate = 1, insert_deduplication_token = '${batch.batch_id}_${chunk}',
           deduplicate_blocks_in_dependent_materialized_views = 1, max_threads = 1, max_insert_threads = 1, ${COMMIT_SETTINGS}`,
      );
      await this.options.hooks?.chunkCommitted?.(chunk);
    }
    await this.writeLedger({ ...batch, state: 'committed' });
    await this.dropStage(batch.batch_id);
  }

  private async answerRetry(previous: LedgerRow, meter: BodyMeter): Promise<IngestOutcome> {
    try {
      for await (const chunk of meter) void chunk; // read the body to compare it with the first one
    } catch (error) {
      if (isPayloadTooLarge(error)) return this.answer(413, 'too_large', previous.dataset, meter, { message: error instanceof Error ? error.message : '' });
      throw error;
    }
    if (previous.body_sha256 !== meter.digest()) {
      return this.answer(409, 'conflict', previous.dataset, meter, {
        message: `Idempotency-Key ${previous.idempotency_key} was already used for a different body; use a new key`,
      });
    }
    return this.answer(200, 'duplicate', previous.dataset, meter, {
      rowsReceived: Number(previous.rows), duplicate: true,
      message: `this batch was already ingested with Idempotency-Key ${previous.idempotency_key}; nothing was inserted`,
    });
  }

  private answer(
    status: number,
    outcome: AuditOutcome,
    dataset: string,
    meter: BodyMeter,
    fields: Partial<IngestAnswer>,
  ): IngestOutcome {
    return {
      status,
      outcome,
      bytes: meter.bytes,
      answer: { dataset, rowsReceived: 0, rowsInserted: 0, errors: [], errorsTotal: 0, ...fields },
    };
  }

  private async abandon(ledger: LedgerRow, state: BatchState = 'aborted'): Promise<void> {
    await this.dropStage(ledger.batch_id);
    await this.writeLedger({ ...ledger, state });
  }

  private dropStage(batchId: string): Promise<void> {
    return this.store.command(`DROP TABLE IF EXISTS ${STAGE_PREFIX}${batchId}`);
  }

  private async createStage(stage: string, schema: DatasetSchema, columns: ColumnTypes): Promise<void> {
    const definitions = schema.fieldNames.map((name) => `${name} ${columns[name]}`).join(', ');
    // A stage left by an earlier attempt with this key that died while receiving: nothing of it had landed.
    await this.store.command(`DROP TABLE IF EXISTS ${stage}`);
    await this.store.command(
      `CREATE TABLE ${stage} (_ingest_chunk UInt32, ${definitions}) ENGINE = MergeTree ORDER BY _ingest_chunk`,
    );
  }

  private async ledgerEntry(dataset: string, key: string): Promise<LedgerRow | undefined> {
    const [row] = await this.store.select<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM ingest_batches FINAL WHERE dataset = {dataset:String} AND idempotency_key = {key:String}`,
      { dataset, key },
    );
    return row;
  }

  private writeLedger(row: LedgerRow): Promise<void> {
    // Versions grow within a process and across restarts (milliseconds), so FINAL keeps the latest state.
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    return this.store.insert('ingest_batches', [{ ...row, version: this.version }]);
  }

  /** The dataset's schema, with column widths and types read from the store (the stage copies them). */
  private schemaOf(dataset: DatasetName): Promise<{ schema: DatasetSchema; columns: ColumnTypes }> {
    let loaded = this.schemas.get(dataset);
    if (!loaded) {
      loaded = this.loadSchema(dataset);
      loaded.catch(() => this.schemas.delete(dataset));
      this.schemas.set(dataset, loaded);
    }
    return loaded;
  }

  private async loadSchema(dataset: DatasetName): Promise<{ schema: DatasetSchema; columns: ColumnTypes }> {
    const rows = await this.store.select<{ name: string; type: string }>(
      'SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
      { table: dataset },
    );
    const columns: Record<string, string> = {};
    for (const row of rows) {
      // Types come from the store itself; the pattern only guards the DDL they are copied into.
      if (!/^[A-Za-z0-9_(), '/]+$/.test(row.type) || row.type.includes("''")) throw new Error(`unexpected column type ${row.type}`);
      columns[row.name] = row.type;
    }
    const missing = DATASETS[dataset].fields.filter((field) => !columns[field.name]).map((field) => field.name);
    if (missing.length > 0) {
      throw new Error(`table ${dataset} lacks column(s) ${missing.join(', ')} of its definition: run the migrations`);
    }
    return { schema: compileDatasetSchema(dataset, columns), columns };
  }
}

/** Recovery at start-up, before the API accepts requests. */
export function recoverIngests(store: Store): Promise<{ committed: string[]; discarded: string[] }> {
  return new Ingestor(store).recover();
}

/** Deterministic per (dataset, key): a retry after a crash finds the same stage and replays the same tokens. */
export function batchIdOf(dataset: string, key: string): string {
  return createHash('sha256').update(`${dataset}\0${key}`).digest('hex').slice(0, 32);
}
