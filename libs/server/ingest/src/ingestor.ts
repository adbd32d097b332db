import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DATASETS, type DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { BatchStager, CHUNK_BYTES_LIMIT, MAX_CHUNK_ROWS } from './batch-stager.js';
import { BodyMeter, isPayloadTooLarge, readRecords, type IngestFormat } from './formats.js';
import { MAX_LISTED_ERRORS, validateRecordBatches, type IngestError, type ValidatedPiece } from './record-validator.js';
import { compileIngestSchema, type ColumnTypes, type DatasetSchema, type IngestSchema } from './schema.js';
import { ValidationPool, type ValidationThreads } from './validation-pool.js';

/** The caller, as the access layer puts it on the request (`req.principal`). */
export interface IngestPrincipal {
  keyId: string;
  role: 'viewer' | 'press' | 'analyst' | 'ingest' | 'admin';
  amanahs: readonly string[] | 'all';
}

export type { IngestError } from './record-validator.js';

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
  /** The inserted rows per amanah (for the audit row); only on an insert. */
  rowsByAmanah?: Record<string, number>;
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
   * 50,000 rows is staged by one insert, so with such chunks this number is the chunk's.
   */
  chunkStaged?(insert: number): void | Promise<void>;
  committing?(batchId: string): void | Promise<void>;
  chunkCommitted?(chunk: number): void | Promise<void>;
}

export interface IngestorOptions {
  /** Rows per commit chunk: one commit INSERT, one deduplication token. At most MAX_CHUNK_ROWS. */
  chunkRows?: number;
  hooks?: IngestHooks;
  /** Worker threads that validate NDJSON and CSV pieces in parallel; without them the event loop validates. */
  validation?: ValidationThreads;
}

// Squash each commit chunk into one block (see MAX_CHUNK_ROWS): one insert stream, whose squashing thresholds are far
// above a chunk's largest size (the engine may count allocated rather than used bytes). The stage may be read by two
// threads (the order of rows in the block does not matter to a token) and the rollups' views fed in parallel: the
// commit takes ~0.25 s per 500,000 rows instead of ~0.4 s.
const COMMIT_SETTINGS =
  `max_insert_threads = 1, min_insert_block_size_rows = ${2 * MAX_CHUNK_ROWS}, min_insert_block_size_bytes = ${16 * CHUNK_BYTES_LIMIT}, ` +
  'max_threads = 2, parallel_view_processing = 1';
const STAGE_PREFIX = 'ingest_stage_';
// The chunk's number; without one, the single stage of a batch staged by an earlier version (dropped by recovery).
const STAGE_TABLE = /^ingest_stage_[0-9a-f]{32}(_[0-9]+)?$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const LEDGER_COLUMNS = 'dataset, idempotency_key, batch_id, state, body_sha256, rows, chunks, principal_key_id';
/** One row per (dataset, API key, Idempotency-Key): keys never see or squat each other's batches (migration 0011). */
const LEDGER = 'ingest_ledger';

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
 * Validates a batch while it streams in, stages each commit chunk in a table of its own, and commits it into the
 * dataset table chunk by chunk with a deduplication token per chunk. The ledger (ingest_ledger) records each
 * step, so that a process killed during the commit is finished by `recoverIngests` on the next start (replayed
 * chunks that had landed are dropped by the token), and a process killed before the commit leaves nothing.
 */
export class Ingestor {
  private readonly inFlight = new Set<string>();
  private readonly writeListeners: Array<() => void> = [];
  private readonly schemas = new Map<DatasetName, Promise<IngestSchema & { columns: ColumnTypes }>>();
  private version = 0;
  private readonly validation: ValidationPool;

  constructor(
    private readonly store: Store,
    private readonly options: IngestorOptions = {},
  ) {
    this.validation = new ValidationPool(options.validation);
  }

  /** Stops the validation threads. */
  close(): Promise<void> {
    return this.validation.close();
  }

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
    // An Idempotency-Key belongs to the API key that sent it: another key's batch with the same Idempotency-Key is
    // another batch (its own ledger row, batch id, stages and deduplication tokens), and neither can see the other.
    const owner = request.principal.keyId;
    const batchId = batchIdOf(dataset, owner, key);
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
      const previous = await this.ledgerEntry(dataset, owner, key);
      if (previous?.state === 'committing') await this.finishCommit(previous);
      if (previous?.state === 'committed' || previous?.state === 'committing') {
        return await this.answerRetry(previous, meter);
      }
      // Stages left by an earlier attempt with this key that died while receiving: nothing of them had landed.
      if (previous?.state === 'receiving') await this.dropStages(batchId);
      return await this.receive(request, key, batchId, meter);
    } finally {
      this.inFlight.delete(batchId);
    }
  }

  /** Finishes what a killed process left: commits batches that were committing, discards those still receiving. */
  async recover(): Promise<{ committed: string[]; discarded: string[] }> {
    const open = await this.store.select<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM ${LEDGER} FINAL WHERE state IN ('receiving', 'committing')`,
    );
    const report = { committed: [] as string[], discarded: [] as string[] };
    for (const batch of open) {
      if (this.inFlight.has(batch.batch_id)) continue;
      if (batch.state === 'committing') {
        await this.finishCommit(batch);
        report.committed.push(`${batch.dataset}/${batch.idempotency_key}`);
      } else {
        await this.dropStages(batch.batch_id);
        await this.writeLedger({ ...batch, state: 'aborted' });
        report.discarded.push(`${batch.dataset}/${batch.idempotency_key}`);
      }
    }
    // Stage tables without an open ledger row (a crash between creating the stage and recording it).
    for (const name of await this.stageTables('')) {
      if (!this.inFlight.has(name.slice(STAGE_PREFIX.length, STAGE_PREFIX.length + 32))) await this.store.command(`DROP TABLE IF EXISTS ${name}`);
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
    rowsByAmanah?: Record<string, number>;
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
        rows_by_amanah: entry.rowsByAmanah ?? {},
        errors_total: entry.errorsTotal,
        bytes: entry.bytes,
        duration_ms: Math.round(entry.durationMs),
      },
    ]);
  }

  private async receive(request: IngestRequest, key: string, batchId: string, meter: BodyMeter): Promise<IngestOutcome> {
    const { dataset, principal } = request;
    const { schema, encoding, columns } = await this.schemaOf(dataset);
    const ledger: LedgerRow = {
      dataset, idempotency_key: key, batch_id: batchId, state: 'receiving', body_sha256: '', rows: 0, chunks: 0,
      principal_key_id: principal.keyId,
    };
    // The ledger row comes first: a crash after it leaves stages that recovery knows to drop.
    await this.writeLedger(ledger);

    const scope = principal.amanahs === 'all' ? undefined : new Set(principal.amanahs);
    const errors: IngestError[] = [];
    let errorsTotal = 0;
    let scopeViolations = 0;
    let rowsReceived = 0;
    let lineOffset = 0; // lines of the pieces before this one (NDJSON and CSV pieces count lines from their own start)
    const staging = () => errorsTotal === 0; // a batch with any problem is checked to the end, never staged
    const stager = new BatchStager({
      chunkRows: Math.min(this.options.chunkRows ?? MAX_CHUNK_ROWS, MAX_CHUNK_ROWS),
      insert: (chunk, body, first) => this.stageInsert(schema, columns, stageTable(batchId, chunk), body, first),
      staged: this.options.hooks?.chunkStaged,
    });
    const pieces: AsyncIterable<ValidatedPiece> =
      request.format === 'json'
        ? validateRecordBatches(readRecords(request.format, meter, schema), { schema, encoding, scope }, staging)
        : this.validation.validateBody(request.format, meter, { schema, encoding, scope, columns }, staging);

    let chunks: number;
    try {
      for await (const piece of pieces) {
        for (const problem of piece.problems) {
          if (errors.length < MAX_LISTED_ERRORS) errors.push({ ...problem, line: problem.line + lineOffset });
        }
        errorsTotal += piece.problemsTotal;
        scopeViolations += piece.scopeViolations;
        rowsReceived += piece.rowsReceived;
        lineOffset += piece.lines;
        if (errorsTotal === 0) await stager.add(piece);
      }
      // A rejected batch stages nothing more: what the pieces before its first problem held is dropped with it.
      chunks = errorsTotal === 0 ? await stager.finish() : (await stager.abandon(), 0);
    } catch (error) {
      await stager.abandon();
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

    const rowsByAmanah = await this.countByAmanah(batchId, chunks);
    const committing: LedgerRow = { ...ledger, state: 'committing', rows: rowsReceived, chunks, body_sha256: meter.digest() };
    await this.writeLedger(committing);
    await this.options.hooks?.committing?.(batchId);
    await this.finishCommit(committing);
    if (rowsReceived > 0) this.notifyWrite();
    return {
      status: 200, outcome: 'inserted', bytes: meter.bytes, rowsByAmanah,
      answer: { dataset, rowsReceived, rowsInserted: rowsReceived, errors: [], errorsTotal: 0 },
    };
  }

  /**
   * The staged rows per amanah, read from the stages before the commit drops them, for the audit row: readers of the
   * audit (a fact sheet's restatement) need to know whose data a batch changed. One GROUP BY over a column of the
   * stage, a few milliseconds for a chunk of 500,000 rows.
   */
  private async countByAmanah(batchId: string, chunks: number): Promise<Record<string, number>> {
    if (chunks === 0) return {};
    const stages = Array.from({ length: chunks }, (_, chunk) => `SELECT amanah FROM ${stageTable(batchId, chunk)}`).join(' UNION ALL ');
    const rows = await this.store.select<{ amanah: string; rows: string | number }>(
      `SELECT amanah, count() AS rows FROM (${stages}) GROUP BY amanah ORDER BY amanah`,
    );
    return Object.fromEntries(rows.map((row) => [row.amanah, Number(row.rows)]));
  }

  /**
   * One stage insert, a RowBinary data block (see stage-rows.ts). Through `Store.insertRowBinary` the bytes are the
   * INSERT's data as they are (over HTTP, the request body). The first insert of a commit chunk creates the chunk's
   * stage table.
   */
  private async stageInsert(schema: DatasetSchema, columns: ColumnTypes, stage: string, body: Buffer, first: boolean): Promise<void> {
    if (first) {
      // LowCardinality is left out: building its dictionaries for every stage insert cost the engine more than
      // parsing the rows (~2× the insert's time); the commit builds them once, at no measurable extra cost.
      const definitions = schema.fieldNames.map((name) => `${name} ${withoutLowCardinality(columns[name]!)}`).join(', ');
      await this.store.command(`CREATE TABLE ${stage} (${definitions}) ENGINE = MergeTree ORDER BY tuple()`);
    }
    await this.store.insertRowBinary(stage, body);
  }

  /**
   * Inserts every chunk of a staged batch into its dataset table, each with its own deduplication token, then marks
   * the batch committed and drops the stage. Safe to run again on a batch that was interrupted half-way: chunks that
   * had landed are recognised by their token (in the table and in the rollups fed by its materialized views).
   */
  private async finishCommit(batch: LedgerRow): Promise<void> {
    const dataset = batch.dataset as DatasetName;
    const columns = DATASETS[dataset].fields.map((field) => field.name).join(', ');
    // Alone on the engine: a batch of several chunks appears to this process's readers whole, never in pieces.
    await this.store.exclusive(async () => {
      for (let chunk = 0; chunk < batch.chunks; chunk += 1) {
        // The token is hex and the chunk a number: both safe to inline. They go in the query's own SETTINGS clause,
        // not in the client's settings, because chDB applies client settings with SET and they would outlive the query.
        await this.store.command(
          `INSERT INTO ${dataset} (${columns}) SELECT ${columns} FROM ${stageTable(batch.batch_id, chunk)}
           SETTINGS insert_deduplicate = 1, insert_deduplication_token = '${batch.batch_id}_${chunk}',
             deduplicate_blocks_in_dependent_materialized_views = 1, ${COMMIT_SETTINGS}`,
        );
        await this.options.hooks?.chunkCommitted?.(chunk);
      }
    });
    await this.writeLedger({ ...batch, state: 'committed' });
    for (let chunk = 0; chunk < batch.chunks; chunk += 1) await this.store.command(`DROP TABLE IF EXISTS ${stageTable(batch.batch_id, chunk)}`);
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
    await this.dropStages(ledger.batch_id);
    await this.writeLedger({ ...ledger, state });
  }

  private async dropStages(batchId: string): Promise<void> {
    for (const name of await this.stageTables(batchId)) await this.store.command(`DROP TABLE IF EXISTS ${name}`);
  }

  /** The stage tables of one batch, or of all batches; only names of the stage pattern, safe to inline. */
  private async stageTables(batchId: string): Promise<string[]> {
    const tables = await this.store.select<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})',
      { prefix: `${STAGE_PREFIX}${batchId}` },
    );
    return tables.map((table) => table.name).filter((name) => STAGE_TABLE.test(name));
  }

  private async ledgerEntry(dataset: string, owner: string, key: string): Promise<LedgerRow | undefined> {
    const [row] = await this.store.select<LedgerRow>(
      `SELECT ${LEDGER_COLUMNS} FROM ${LEDGER} FINAL
       WHERE dataset = {dataset:String} AND principal_key_id = {owner:String} AND idempotency_key = {key:String}`,
      { dataset, owner, key },
    );
    return row;
  }

  private writeLedger(row: LedgerRow): Promise<void> {
    // Versions grow within a process and across restarts (milliseconds), so FINAL keeps the latest state.
    this.version = Math.max(this.version + 1, Date.now() * 1000);
    return this.store.insert(LEDGER, [{ ...row, version: this.version }]);
  }

  /** The dataset's schema, with column widths and types read from the store (the stage copies them). */
  private schemaOf(dataset: DatasetName): Promise<IngestSchema & { columns: ColumnTypes }> {
    let loaded = this.schemas.get(dataset);
    if (!loaded) {
      loaded = this.loadSchema(dataset);
      loaded.catch(() => this.schemas.delete(dataset));
      this.schemas.set(dataset, loaded);
    }
    return loaded;
  }

  private async loadSchema(dataset: DatasetName): Promise<IngestSchema & { columns: ColumnTypes }> {
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
    return { ...compileIngestSchema(dataset, columns), columns };
  }
}

/** The stage of one commit chunk of a batch. */
function stageTable(batchId: string, chunk: number): string {
  return `${STAGE_PREFIX}${batchId}_${chunk}`;
}

function withoutLowCardinality(type: string): string {
  return type.replace(/^LowCardinality\((.+)\)$/, '$1');
}

/** Recovery at start-up, before the API accepts requests. */
export function recoverIngests(store: Store): Promise<{ committed: string[]; discarded: string[] }> {
  return new Ingestor(store).recover();
}

/**
 * Deterministic per (dataset, API key id, Idempotency-Key): a retry after a crash, with the same API key, finds the
 * same stage and replays the same tokens. (Batches recorded before 0011 keep the id they were given.)
 */
export function batchIdOf(dataset: string, owner: string, key: string): string {
  return createHash('sha256').update(`${dataset}\0${owner}\0${key}`).digest('hex').slice(0, 32);
}
