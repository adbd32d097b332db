import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Caller } from '@amanah/access';
import { DATASETS, RIYADH_UTC_OFFSET_HOURS, type DatasetName } from '@amanah/domain';
import { outsideRequests, type Store } from '@amanah/store';
import { writeAudit, type AuditEntry } from './audit.js';
import { IngestBatches, type BatchCaller, type BatchEffect, type BatchOrigin, type BatchRecord, type WithdrawStep } from './batches.js';
import { BatchStager, MAX_CHUNK_ROWS } from './batch-stager.js';
import { commitBatch } from './commit.js';
import { DatasetSchemas } from './dataset-columns.js';
import { BodyMeter, isPayloadTooLarge, readRecords, type IngestFormat } from './formats.js';
import type { XlsxLayout } from './xlsx.js';
import { batchIdOf, Ledger, type LedgerRow } from './ledger.js';
import type { DryRunPreview, IngestOutcome } from './outcomes.js';
import { MAX_LISTED_ERRORS, validateRecordBatches, type IngestError, type PreviewRow, type ValidatedPiece } from './record-validator.js';
import { LineStager } from './line-stager.js';
import { addSourceColumns, countStagedByAmanah, dropStages, dropStrayStages, insertStage, stageTable } from './stage.js';
import { ValidationPool, type ValidationThreads } from './validation-pool.js';

/**
 * The Ingestor: one batch from its body to its outcome. It validates the batch while it streams in (formats.ts,
 * record-validator.ts, validation-pool.ts), stages each commit chunk (stage.ts), and commits it (commit.ts), recording
 * each step in the ledger (ledger.ts) so that `recover` at the next start finishes a batch killed during its commit
 * and discards one killed before it. It answers outcomes (outcomes.ts); the controller turns them into HTTP.
 */

/** The caller as ingest needs it (access's Caller): the key that owns the batch, its role, the amanahs it may write, and its label (for the batch history). */
export type IngestPrincipal = Pick<Caller, 'keyId' | 'role' | 'amanahs'> & Partial<Pick<Caller, 'label'>>;

export type { IngestError } from './record-validator.js';
export type { IngestAnswer, IngestOutcome } from './outcomes.js';

export interface IngestRequest {
  dataset: DatasetName;
  format: IngestFormat;
  body: Readable;
  principal: IngestPrincipal;
  idempotencyKey?: string;
  maxBytes: number;
  /** XLSX: the worksheet to read (`?sheet=`); default the first. */
  sheet?: string;
  /** The name of the file the body came from (X-Source-Filename, the CLI's file), for the batch history. */
  sourceFile?: string;
  /** A replace: the batch this one replaces is withdrawn, with this reason, in the same exclusive section as its commit. */
  replaces?: { batchId: string; reason: string };
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
  /** After each step of a withdrawal (batches.ts, WithdrawStep). */
  withdrawStep?(step: WithdrawStep): void | Promise<void>;
}

export interface IngestorOptions {
  /** Rows per commit chunk: one commit INSERT, one deduplication token. At most MAX_CHUNK_ROWS. */
  chunkRows?: number;
  hooks?: IngestHooks;
  /** Worker threads that validate CSV pieces in parallel (NDJSON is checked by the engine); without them the event loop validates. */
  validation?: ValidationThreads;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** Rows of a dry run's answer: the first rows of the body as they would be stored. */
const DRY_RUN_PREVIEW_ROWS = 20;

export class Ingestor {
  private readonly inFlight = new Set<string>();
  private readonly writeListeners: Array<() => void> = [];
  private readonly schemas: DatasetSchemas;
  private readonly ledger: Ledger;
  private readonly validation: ValidationPool;
  /** The batch history, withdrawals and purges (batches.ts). */
  readonly batches: IngestBatches;

  constructor(
    private readonly store: Store,
    private readonly options: IngestorOptions = {},
  ) {
    this.schemas = new DatasetSchemas(store);
    this.ledger = new Ledger(store);
    this.validation = new ValidationPool(options.validation);
    this.batches = new IngestBatches(store, options.hooks?.withdrawStep);
  }

  /**
   * Withdraws a committed batch (see IngestBatches): its rows stop counting everywhere at once, and the change is
   * recorded (the data version: cached answers are not served after it). Runs outside the request's deadline: a
   * withdrawal, once started, is finished.
   */
  async withdraw(caller: BatchCaller, id: string, reason: string): Promise<BatchRecord> {
    await this.batches.checkWithdrawal(caller, id, reason);
    await outsideRequests(() => this.store.exclusive(() => this.batches.withdrawNow(caller, id, reason)));
    this.notifyWrite();
    return (await this.batches.find(id))!;
  }

  /** Stops the validation threads. */
  close(): Promise<void> {
    return this.validation.close();
  }

  /**
   * A callback for every write that made rows visible, in this process (answers need none: the commit records the
   * change in the store, see commit.ts; this is for work that follows a write, such as evaluating alerts).
   */
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
      return { kind: 'in_progress', idempotencyKey: key, bytes: meter.bytes };
    }
    this.inFlight.add(batchId);
    try {
      if (request.replaces) {
        await this.batches.checkWithdrawal({ ...request.principal }, request.replaces.batchId, request.replaces.reason);
      }
      const previous = await this.ledger.entry(dataset, owner, key);
      if (previous?.state === 'committing') await this.commit(previous, {});
      if (previous?.state === 'committed' || previous?.state === 'committing') {
        return await this.retried(previous, meter, request.maxBytes);
      }
      // Stages left by an earlier attempt with this key that died while receiving: nothing of them had landed.
      if (previous?.state === 'receiving') await dropStages(this.store, batchId);
      return await this.receive(request, key, batchId, meter);
    } finally {
      this.inFlight.delete(batchId);
    }
  }

  /**
   * A dry run: the body read and checked exactly as `ingest` would (the same readers, validation and scope check),
   * answering the first rows as they would be stored and every problem, and keeping nothing — no ledger row, no batch,
   * no data change, no audit row. An NDJSON body is staged all the same (the engine checks it in its stage, see
   * line-stager.ts), in stages of a random batch id of its own that are dropped before the answer; a process killed
   * meanwhile leaves them without a ledger row, and recovery drops them at the next start (dropStrayStages). Other
   * formats stage nothing. A replace's withdrawal is checked too (read only).
   */
  async dryRun(request: Omit<IngestRequest, 'idempotencyKey' | 'sourceFile'>): Promise<IngestOutcome> {
    const meter = new BodyMeter(request.maxBytes);
    meter.on('error', () => undefined); // see ingest()
    request.body.once('error', (error) => meter.destroy(error));
    request.body.pipe(meter);
    if (request.replaces) await this.batches.checkWithdrawal({ ...request.principal }, request.replaces.batchId, request.replaces.reason);
    const { schema, encoding, columns } = await this.schemas.of(request.dataset);
    const check = new BatchCheck(request.format, DRY_RUN_PREVIEW_ROWS);
    // NDJSON is staged by the engine as a real post's, in stages of a batch id of its own, dropped before answering.
    const dryBatch = randomUUID().replace(/-/g, '');
    const lines = request.format === 'ndjson' ? this.lineStager(request, { schema, encoding, columns }, MAX_CHUNK_ROWS, (chunk) => stageTable(dryBatch, chunk)) : undefined;
    try {
      if (lines) {
        const chunks = await lines.stageBody(meter);
        const { rowsConverted, preview } = await lines.checkRest(chunks, { add: (piece) => check.add(piece), insert: false, previewRows: DRY_RUN_PREVIEW_ROWS });
        check.rowsReceived += rowsConverted;
        check.preview.splice(0, check.preview.length, ...preview);
      } else {
        for await (const piece of this.validatedPieces(request, meter, { schema, encoding, columns }, check, () => false)) check.add(piece);
      }
    } catch (error) {
      if (isPayloadTooLarge(error)) {
        return { kind: 'too_large', limitBytes: request.maxBytes, rowsReceived: check.rowsReceived, bytes: meter.bytes, namesSetting: true };
      }
      throw error;
    } finally {
      if (lines) {
        await lines.abandon();
        await dropStages(this.store, dryBatch);
      }
    }
    const { rowsReceived, errors, errorsTotal, scopeViolations } = check;
    return {
      kind: 'checked', rowsReceived, errors, errorsTotal, scopeViolations, bytes: meter.bytes,
      sheet: check.layout.sheet || undefined,
      preview: previewOf(request.dataset, schema.fieldNames, check.preview),
    };
  }

  /** A body's validated pieces (every format but NDJSON): CSV on the validation threads, JSON and XLSX on the event loop. */
  private validatedPieces(
    request: Pick<IngestRequest, 'format' | 'principal' | 'sheet'>,
    meter: BodyMeter,
    { schema, encoding, columns }: Awaited<ReturnType<DatasetSchemas['of']>>,
    check: BatchCheck,
    staging: () => boolean,
  ): AsyncIterable<ValidatedPiece> {
    const { principal } = request;
    const scope = principal.amanahs === 'all' ? undefined : new Set(principal.amanahs);
    const previewRows = () => check.previewWanted;
    return request.format === 'json' || request.format === 'xlsx'
      ? validateRecordBatches(readRecords(request.format, meter, schema, { sheet: request.sheet, layout: check.layout }), { schema, encoding, scope }, staging, previewRows)
      : this.validation.validateBody(request.format, meter, { schema, encoding, scope, columns }, staging, previewRows);
  }

  /** An NDJSON body's stager (line-stager.ts): the engine checks and converts the lines. */
  private lineStager(
    request: Pick<IngestRequest, 'dataset' | 'principal'>,
    { schema, encoding, columns }: Awaited<ReturnType<DatasetSchemas['of']>>,
    chunkRows: number,
    stage: (chunk: number) => string,
  ): LineStager {
    const { principal } = request;
    const scope = principal.amanahs === 'all' ? undefined : new Set(principal.amanahs);
    return new LineStager(this.store, { dataset: request.dataset, schema, encoding, scope, columns }, {
      chunkRows, stage, staged: this.options.hooks?.chunkStaged,
    });
  }

  /** Finishes what a killed process left: commits batches that were committing, discards those still receiving. */
  async recover(): Promise<{ committed: string[]; discarded: string[] }> {
    const open = await this.ledger.open();
    const report = { committed: [] as string[], discarded: [] as string[] };
    for (const batch of open) {
      if (this.inFlight.has(batch.batch_id)) continue;
      if (batch.state === 'committing') {
        await addSourceColumns(this.store, batch);
        await this.commit(batch, {});
        report.committed.push(`${batch.dataset}/${batch.idempotency_key}`);
      } else {
        await dropStages(this.store, batch.batch_id);
        await this.ledger.write({ ...batch, state: 'aborted' });
        report.discarded.push(`${batch.dataset}/${batch.idempotency_key}`);
      }
    }
    // Stage tables without an open ledger row (a crash between creating the stage and recording it).
    await dropStrayStages(this.store, (batchId) => this.inFlight.has(batchId));
    const withdrawn = await this.batches.recover();
    if (report.committed.length > 0 || withdrawn.length > 0) this.notifyWrite();
    return report;
  }

  /** One audit row per request, whatever its outcome. A failing audit write is reported, never hides the answer. */
  audit(entry: AuditEntry & { principal?: IngestPrincipal }): Promise<void> {
    return writeAudit(this.store, entry);
  }

  private async receive(request: IngestRequest, key: string, batchId: string, meter: BodyMeter): Promise<IngestOutcome> {
    const { dataset, principal } = request;
    const { schema, encoding, columns } = await this.schemas.of(dataset);
    const ledger: LedgerRow = {
      dataset, idempotency_key: key, batch_id: batchId, state: 'receiving', body_sha256: '', rows: 0, chunks: 0,
      principal_key_id: principal.keyId,
    };
    // The ledger row comes first: a crash after it leaves stages that recovery knows to drop.
    await this.ledger.write(ledger);

    const check = new BatchCheck(request.format);
    // CSV, JSON, XLSX: a batch with any problem is checked to the end, its rows staged no more (NDJSON is staged
    // whole by the engine to be checked, and a rejected batch's stages are dropped with it).
    const staging = () => check.errorsTotal === 0;
    const chunkRows = Math.min(this.options.chunkRows ?? MAX_CHUNK_ROWS, MAX_CHUNK_ROWS);
    const stager = new BatchStager({
      chunkRows,
      insert: (chunk, body, first) => insertStage(this.store, schema, columns, stageTable(batchId, chunk), body, first),
      staged: this.options.hooks?.chunkStaged,
    });

    const lines = request.format === 'ndjson' ? this.lineStager(request, { schema, encoding, columns }, chunkRows, (chunk) => stageTable(batchId, chunk)) : undefined;
    let chunks: number;
    try {
      if (lines) {
        // NDJSON: the engine stages and checks the lines; what it left to schema.ts is checked there.
        chunks = await lines.stageBody(meter);
        const { rowsConverted } = await lines.checkRest(chunks, { add: (piece) => check.add(piece), insert: true });
        check.rowsReceived += rowsConverted;
      } else {
        for await (const piece of this.validatedPieces(request, meter, { schema, encoding, columns }, check, staging)) {
          if (check.add(piece) === 0) await stager.add(piece);
        }
        // A rejected batch stages nothing more: what the pieces before its first problem held is dropped with it.
        chunks = check.errorsTotal === 0 ? await stager.finish() : (await stager.abandon(), 0);
      }
    } catch (error) {
      await stager.abandon();
      await lines?.abandon();
      await this.abandon(ledger);
      if (isPayloadTooLarge(error)) {
        return { kind: 'too_large', limitBytes: request.maxBytes, rowsReceived: check.rowsReceived, bytes: meter.bytes, namesSetting: true };
      }
      throw error;
    }

    const { rowsReceived, errors, errorsTotal, scopeViolations } = check;
    if (errorsTotal > 0) {
      await this.abandon(ledger, 'rejected');
      return scopeViolations > 0
        ? { kind: 'forbidden', rowsReceived, errors, errorsTotal, scopeViolations, bytes: meter.bytes }
        : { kind: 'rejected', rowsReceived, errors, errorsTotal, bytes: meter.bytes };
    }

    const rowsByAmanah = await countStagedByAmanah(this.store, batchId, chunks);
    const committing: LedgerRow = { ...ledger, state: 'committing', rows: rowsReceived, chunks, body_sha256: meter.digest() };
    await this.ledger.write(committing);
    await this.options.hooks?.committing?.(batchId);
    await this.commit(committing, { keyLabel: principal.label, sourceFile: request.sourceFile }, rowsByAmanah, request.replaces && {
      ...request.replaces, caller: principal,
    });
    if (rowsReceived > 0 || request.replaces) this.notifyWrite();
    return { kind: 'committed', batchId, rowsReceived, bytes: meter.bytes, rowsByAmanah };
  }

  /**
   * Commits a staged batch and records it in the batch history in the same exclusive section (a replace withdraws
   * the batch it replaces there too). Recovery passes no origin and counts the amanahs from the stages again.
   */
  private async commit(
    batch: LedgerRow,
    origin: BatchOrigin,
    rowsByAmanah?: Record<string, number>,
    replaces?: { batchId: string; reason: string; caller: BatchCaller },
  ): Promise<void> {
    const effect: BatchEffect = await this.batches.effectOf(batch, rowsByAmanah ?? (await countStagedByAmanah(this.store, batch.batch_id, batch.chunks)));
    await commitBatch(this.store, this.ledger, batch, this.options.hooks?.chunkCommitted, async () => {
      await this.batches.recordCommitted(batch, effect, origin);
      if (replaces) await this.batches.withdrawNow(replaces.caller, replaces.batchId, replaces.reason, batch.batch_id);
    });
  }

  /** A key seen before: the same body is a duplicate, another body a conflict. */
  private async retried(previous: LedgerRow, meter: BodyMeter, limitBytes: number): Promise<IngestOutcome> {
    try {
      for await (const chunk of meter) void chunk; // read the body to compare it with the first one
    } catch (error) {
      if (isPayloadTooLarge(error)) return { kind: 'too_large', limitBytes, rowsReceived: 0, bytes: meter.bytes, namesSetting: false };
      throw error;
    }
    if (previous.body_sha256 !== meter.digest()) return { kind: 'key_reused', idempotencyKey: previous.idempotency_key, bytes: meter.bytes };
    return {
      kind: 'duplicate', batchId: previous.batch_id, idempotencyKey: previous.idempotency_key, rowsReceived: Number(previous.rows), bytes: meter.bytes,
    };
  }

  private async abandon(ledger: LedgerRow, state: LedgerRow['state'] = 'aborted'): Promise<void> {
    await dropStages(this.store, ledger.batch_id);
    await this.ledger.write({ ...ledger, state });
  }
}

/**
 * What the pieces of one body found, in the body's order: its problems numbered by line of the whole body (NDJSON
 * and CSV pieces count lines from their own start; XLSX problems also name the sheet and the column), and for a dry
 * run its first good rows.
 */
class BatchCheck {
  readonly errors: IngestError[] = [];
  readonly preview: PreviewRow[] = [];
  errorsTotal = 0;
  scopeViolations = 0;
  rowsReceived = 0;
  /** XLSX: which sheet was read and where each field's column is. */
  readonly layout: XlsxLayout = { sheet: '', columns: new Map() };
  private lineOffset = 0;

  constructor(private readonly format: IngestFormat, private readonly previewRows = 0) {}

  /** Rows of a preview still wanted (pieces validated in parallel may each bring some: the first in order win). */
  get previewWanted(): number {
    return Math.max(0, this.previewRows - this.preview.length);
  }

  /** Takes a piece's findings; returns the batch's problems so far. */
  add(piece: ValidatedPiece): number {
    for (const problem of piece.problems) {
      if (this.errors.length >= MAX_LISTED_ERRORS) break;
      const line = problem.line + this.lineOffset;
      const column = this.layout.columns.get(problem.field);
      this.errors.push(
        this.format === 'xlsx' ? { ...problem, line, sheet: this.layout.sheet, ...(column ? { column } : {}) } : { ...problem, line },
      );
    }
    for (const row of piece.preview ?? []) {
      if (this.preview.length < this.previewRows) this.preview.push({ line: row.line + this.lineOffset, values: row.values });
    }
    this.errorsTotal += piece.problemsTotal;
    this.scopeViolations += piece.scopeViolations;
    this.rowsReceived += piece.rowsReceived;
    this.lineOffset += piece.lines;
    return this.errorsTotal;
  }
}

/** Checked rows as the store would hold them, as JSON: times as Riyadh local `YYYY-MM-DD hh:mm:ss`, as the store shows them. */
function previewOf(dataset: DatasetName, fields: readonly string[], rows: PreviewRow[]): DryRunPreview {
  const kinds = new Map(DATASETS[dataset].fields.map((field) => [field.name, field.kind.type]));
  const times = fields.map((field) => kinds.get(field) === 'datetime');
  return {
    fields: [...fields],
    rows: rows.map((row) => ({
      line: row.line,
      values: row.values.map((value, i) => (times[i] && typeof value === 'number' ? riyadhLocalTime(value) : value)),
    })),
  };
}

function riyadhLocalTime(epochSeconds: number): string {
  return new Date((epochSeconds + RIYADH_UTC_OFFSET_HOURS * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Recovery at start-up, before the API accepts requests. */
export function recoverIngests(store: Store): Promise<{ committed: string[]; discarded: string[] }> {
  return new Ingestor(store).recover();
}
