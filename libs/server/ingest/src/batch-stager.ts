import type { EncodedRows } from './stage-rows.js';

/**
 * A commit chunk is one INSERT … SELECT with one deduplication token, so that a replay after a crash skips exactly
 * what had landed. That holds only if the replayed INSERT forms the same block, whatever merges did to the stage
 * meanwhile: the commit squashes the whole chunk into one block, so a chunk must fit in one — at most this many
 * rows and CHUNK_BYTES_LIMIT bytes. Big chunks are cheap: each commit INSERT writes a part per month into the table
 * and each rollup, and ten 50,000-row chunks cost ~3× one 500,000-row chunk.
 */
export const MAX_CHUNK_ROWS = 1_000_000;
export const CHUNK_BYTES_LIMIT = 128 * 1024 * 1024;
/** Rows per stage INSERT: the stage is written while the body is still being validated, one insert in flight. */
const STAGE_ROWS = 50_000;
const STAGE_BYTES_LIMIT = 32 * 1024 * 1024;

export interface BatchStagerOptions {
  /** Rows per commit chunk, at most MAX_CHUNK_ROWS. */
  chunkRows: number;
  /** Inserts one body of encoded rows into the stage of commit chunk `chunk` (the first insert of a chunk creates it). */
  insert(chunk: number, body: Buffer, first: boolean): Promise<void>;
  /** After each stage insert has landed, numbered from 0 (the crash test's seam). */
  staged?(insert: number): void | Promise<void>;
}

/**
 * Cuts a batch's encoded rows into commit chunks and, within them, stage inserts, and runs the inserts one at a
 * time while the next rows are being validated. A stage insert never spans two commit chunks, so a chunk of at most
 * STAGE_ROWS rows is staged by exactly one insert (the crash test relies on it).
 */
export class BatchStager {
  private readonly stageRows: number;
  private chunk = 0; // the commit chunk the next row belongs to
  private chunkRowCount = 0;
  private chunkBytes = 0;
  private chunkStaged = false;
  private held: Uint8Array[] = [];
  private heldRows = 0;
  private heldBytes = 0;
  private inserts = 0;
  private staging: Promise<void> | undefined;

  constructor(private readonly options: BatchStagerOptions) {
    this.stageRows = Math.min(STAGE_ROWS, options.chunkRows);
  }

  async add({ bytes, rowEnds }: EncodedRows): Promise<void> {
    let runStart = 0; // where the rows of `bytes` not yet held begin
    for (let i = 0; i < rowEnds.length; i += 1) {
      const rowStart = i === 0 ? 0 : rowEnds[i - 1]!;
      const rowEnd = rowEnds[i]!;
      const size = rowEnd - rowStart;
      if (this.chunkRowCount > 0 && this.chunkBytes + size > CHUNK_BYTES_LIMIT) {
        // This row would take the chunk past one block: it opens the next chunk (a lone row is one block anyway).
        this.hold(bytes.subarray(runStart, rowStart));
        runStart = rowStart;
        await this.closeChunk();
      }
      this.heldRows += 1;
      this.heldBytes += size;
      this.chunkRowCount += 1;
      this.chunkBytes += size;
      if (this.chunkRowCount >= this.options.chunkRows) {
        this.hold(bytes.subarray(runStart, rowEnd));
        runStart = rowEnd;
        await this.closeChunk();
      } else if (this.heldRows >= this.stageRows || this.heldBytes >= STAGE_BYTES_LIMIT) {
        this.hold(bytes.subarray(runStart, rowEnd));
        runStart = rowEnd;
        await this.flush();
      }
    }
    this.hold(bytes.subarray(runStart));
  }

  /** Stages what is held and waits for every insert; returns the number of commit chunks. */
  async finish(): Promise<number> {
    if (this.heldRows > 0) await this.flush();
    await this.staging;
    return this.chunkRowCount > 0 ? this.chunk + 1 : this.chunk;
  }

  /** Waits for the insert in flight, if any, ignoring its outcome (the batch is being abandoned). */
  async abandon(): Promise<void> {
    await this.staging?.catch(() => undefined);
  }

  private hold(rows: Uint8Array): void {
    // A view: each validated piece has buffers of its own, never reused; flush() copies the views into one body.
    if (rows.length > 0) this.held.push(rows);
  }

  private async flush(): Promise<void> {
    const insert = this.inserts++;
    const body = Buffer.concat(this.held);
    const first = !this.chunkStaged;
    const chunk = this.chunk;
    this.held = [];
    this.heldRows = 0;
    this.heldBytes = 0;
    this.chunkStaged = true;
    if (this.staging) await this.staging; // at most one insert in flight
    this.staging = this.options.insert(chunk, body, first).then(() => this.options.staged?.(insert));
    this.staging.catch(() => undefined); // awaited at the next flush or at the end
  }

  private async closeChunk(): Promise<void> {
    if (this.heldRows > 0) await this.flush();
    this.chunk += 1;
    this.chunkRowCount = 0;
    this.chunkBytes = 0;
    this.chunkStaged = false;
  }
}
