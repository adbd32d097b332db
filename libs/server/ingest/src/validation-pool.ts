import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { DatasetName } from '@amanah/domain';
import { NO_CSV_HEADER, PIECE_BYTES, bodyPieces } from './formats.js';
import { RecordValidator, validatePiece, type PieceFormat, type ValidatedPiece, type ValidationTarget } from './record-validator.js';
import type { ColumnTypes } from './schema.js';

/** The threads of a ValidationPool. */
export interface ValidationThreads {
  /** The bundled validation-worker.ts: see validationWorkerBeside. */
  workerScript?: URL | string;
  /** Default: one per core, at most 4 (the engine and the event loop need cores too). */
  threads?: number;
  /** Bytes of whole records per piece (default ~1 MiB); tests use small pieces to cut small bodies into many. */
  pieceBytes?: number;
}

/** The validation thread's script, which every build that serves ingestion writes beside its entry point. */
export function validationWorkerBeside(entryUrl: string): URL {
  return new URL('./ingest-validation-worker.js', entryUrl); // see ../validation-worker.build.ts
}

export interface PieceJob extends ValidationTarget {
  format: PieceFormat;
  /** CSV: the columns, once a piece has named them; without, the piece's first record is the header. */
  header?: string[];
  /** The store's column types, from which a thread compiles the same schema and encoding. */
  columns: ColumnTypes;
  /** False once the batch is known to be rejected: the piece is checked, its rows are not encoded. */
  staging: boolean;
  /** A dry run: how many of the piece's first good rows to return as values. */
  previewRows?: number;
}

/** Messages between the pool and a worker. */
export interface PieceRequest {
  id: number;
  piece: Uint8Array;
  format: PieceFormat;
  header: string[] | undefined;
  dataset: DatasetName;
  columns: ColumnTypes;
  scope: string[] | undefined;
  staging: boolean;
  previewRows: number;
}
export type PieceResponse = { id: number; result: ValidatedPiece; error?: undefined } | { id: number; error: string; result?: undefined };

interface Pending {
  resolve(piece: ValidatedPiece): void;
  reject(error: Error): void;
}

/** One worker thread and the pieces it has been given; it holds the process open only while it has work. */
class ValidationThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(script: URL | string) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (response: PieceResponse) => this.settle(response));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('messageerror', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the validation thread exited with code ${code}`)));
  }

  get load(): number {
    return this.pending.size;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  run(request: PieceRequest): Promise<ValidatedPiece> {
    return new Promise<ValidatedPiece>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.id, { resolve, reject });
      try {
        // A piece that owns its memory (a piece of 4 KiB and more: bodyPieces copies each into a buffer of its own) is
        // handed over rather than copied; a smaller one may share Node's buffer pool, which must never move.
        const { piece } = request;
        const owned = piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength;
        this.worker.postMessage(request, owned ? [piece.buffer as ArrayBuffer] : []);
      } catch (error) {
        this.settle({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(response: PieceResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker.unref();
    if (response.result) pending.resolve(response.result);
    else pending.reject(new Error(`validation thread: ${response.error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

/**
 * Where NDJSON and CSV pieces are validated. Parsing, checking and encoding rows is the server's heaviest work per
 * row and it is all JavaScript: on the event loop it caps ingestion at one core, with the engine and the network
 * waiting on it. Pieces of whole records are independent, so a pool of worker threads validates several at once
 * while the event loop only reads the body and stages what comes back. Without a worker script (unit tests, tools
 * that are not bundled) or with 0 threads, pieces are validated on the event loop by the same functions.
 */
export class ValidationPool {
  private readonly threads: ValidationThread[] = [];
  private nextId = 0;

  constructor(private readonly options: ValidationThreads = {}) {
    const script = options.workerScript;
    // Said at start-up rather than as a failed thread at the first ingest.
    if (script && !fs.existsSync(script)) throw new Error(`the ingest validation thread's script ${String(script)} is missing: rebuild (nx run api:build)`);
  }

  /** How many threads validate in parallel (0: the event loop does). */
  get parallelism(): number {
    if (!this.options.workerScript) return 0;
    return Math.max(0, this.options.threads ?? Math.min(4, availableParallelism()));
  }

  validate(piece: Buffer, job: PieceJob): Promise<ValidatedPiece> {
    if (this.parallelism === 0) return validatePiece(piece, job, job.header, job.staging, job.previewRows);
    return this.leastBusy().run({
      id: this.nextId++,
      piece,
      format: job.format,
      header: job.header,
      dataset: job.schema.dataset,
      columns: job.columns,
      scope: job.scope ? [...job.scope] : undefined,
      staging: job.staging,
      previewRows: job.previewRows ?? 0,
    });
  }

  /**
   * The validated pieces of an NDJSON or CSV body, in the body's order, with up to two pieces per thread in flight,
   * so that the threads keep working while the caller stages what came back. `staging()` is asked for each piece,
   * and so is `previewRows()` (a dry run's rows still wanted). A CSV body's first piece is validated alone: it names
   * the columns the other pieces are read with.
   */
  async *validateBody(
    format: PieceFormat,
    input: Readable,
    job: Omit<PieceJob, 'format' | 'header' | 'staging' | 'previewRows'>,
    staging: () => boolean,
    previewRows: () => number = () => 0,
  ): AsyncIterable<ValidatedPiece> {
    const inFlight: Array<Promise<ValidatedPiece>> = [];
    const depth = Math.max(1, 2 * this.parallelism);
    let header: string[] | undefined;
    let unreadable = false; // a CSV header naming the wrong columns: the rest is read to the end, not parsed
    try {
      for await (const piece of bodyPieces(input, format, this.options.pieceBytes ?? PIECE_BYTES)) {
        if (unreadable) continue;
        if (format === 'csv' && !header) {
          const first = await this.validate(piece, { ...job, format, staging: staging(), previewRows: previewRows() });
          header = first.header;
          unreadable = first.headerRejected === true;
          yield first;
          continue;
        }
        const validated = this.validate(piece, { ...job, format, header, staging: staging(), previewRows: previewRows() });
        validated.catch(() => undefined); // awaited in turn below; not unhandled if the caller stops early
        inFlight.push(validated);
        if (inFlight.length >= depth) yield await inFlight.shift()!;
      }
      while (inFlight.length > 0) yield await inFlight.shift()!;
      if (format === 'csv' && !header) {
        const missing = new RecordValidator(job, false);
        missing.add({ line: 1, problem: NO_CSV_HEADER });
        yield missing.finish(0);
      }
    } finally {
      // The caller stopped early (the body was too large, a stage insert failed): let pieces still being validated
      // finish before their buffers are forgotten, so no thread is left writing for nobody.
      await Promise.allSettled(inFlight);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((thread) => thread.terminate()));
  }

  private leastBusy(): ValidationThread {
    // A thread that died (its pieces were rejected with the reason) is replaced for the next piece.
    for (let i = 0; i < this.threads.length; i += 1) {
      if (this.threads[i]!.failed) void this.threads.splice(i--, 1)[0]!.terminate();
    }
    while (this.threads.length < this.parallelism) this.threads.push(new ValidationThread(this.options.workerScript!));
    return this.threads.reduce((best, thread) => (thread.load < best.load ? thread : best));
  }
}
