import type { Readable } from 'node:stream';
import type { DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { CHUNK_BYTES_LIMIT } from './batch-stager.js';
import type { EngineCheckOptions } from './engine-check.js';
import { ndjsonRecord } from './formats.js';
import { RecordValidator, type PreviewRow, type ValidatedPiece, type ValidationTarget } from './record-validator.js';
import type { ColumnTypes } from './schema.js';
import { insertStage, insertStageLines, stagedLinesToCheck, stagedPreview, stagedRowCount } from './stage.js';
import type { StoreValue } from './stage-rows.js';

/**
 * An NDJSON body staged by the engine: the body is cut into pieces of whole lines as it streams, each piece goes to
 * the engine as one stage insert (engine-check.ts: the engine parses, checks and converts the lines), one insert in
 * flight while the next piece is read. A stage insert never spans two commit chunks, and a chunk of at most
 * STAGE_ROWS lines is staged by one insert (the crash test's `chunkStaged` counts on it). When the body has ended, the
 * lines the engine left to schema.ts are read back, chunk by chunk in body order, and checked there: their problems
 * are the batch's, and when the batch has none, the rows among them that schema.ts accepts are encoded and added to
 * their chunk's stage. So every line of a batch is staged before its problems are known: a rejected batch's stages
 * are dropped with it. A dry run does the same in stages of a random batch id of its own (no ledger row), dropped
 * before it answers, or at the next start (recovery's stray stages) if the process was killed meanwhile.
 */

/** Lines per stage insert (fewer statements cost less; the engine parses a piece on its own threads). */
const STAGE_ROWS = 100_000;
const STAGE_BYTES_LIMIT = 32 * 1024 * 1024;
/** Lines left to schema.ts read back per query. */
const CHECK_PAGE = 10_000;
const NEWLINE = 0x0a;

export interface LineStagerTarget extends ValidationTarget {
  dataset: DatasetName;
  columns: ColumnTypes;
}

export interface LineStagerOptions {
  /** Lines per commit chunk (at most MAX_CHUNK_ROWS). */
  chunkRows: number;
  /** The stage table of commit chunk `chunk`. */
  stage(chunk: number): string;
  /** After each stage insert has landed, numbered from 0 (the crash test's seam). */
  staged?(insert: number): void | Promise<void>;
}

export class LineStager {
  private chunk = 0;
  private chunkLines = 0;
  private chunkBytes = 0;
  private chunkStaged = false;
  private lines = 0; // body lines before the piece being read
  private inserts = 0;
  private staging: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly target: LineStagerTarget,
    private readonly options: LineStagerOptions,
  ) {}

  /** Stages the whole body; returns the commit chunks. */
  async stageBody(body: Readable): Promise<number> {
    const pieceLines = Math.min(STAGE_ROWS, this.options.chunkRows);
    let held: Buffer[] = [];
    let heldBytes = 0;
    let heldLines = 0;
    for await (const input of body as AsyncIterable<Buffer>) {
      let from = 0;
      for (let at = input.indexOf(NEWLINE); at !== -1; at = input.indexOf(NEWLINE, at + 1)) {
        heldLines += 1;
        const full = heldLines >= pieceLines || this.chunkLines + heldLines >= this.options.chunkRows;
        const bytes = heldBytes + at + 1 - from;
        if (full || bytes >= STAGE_BYTES_LIMIT || this.chunkBytes + bytes >= CHUNK_BYTES_LIMIT) {
          held.push(input.subarray(from, at + 1));
          await this.flush(Buffer.concat(held), heldLines, bytes);
          held = [];
          heldBytes = 0;
          heldLines = 0;
          from = at + 1;
        }
      }
      if (from < input.length) {
        // A copy: the stream may reuse its buffers.
        held.push(Buffer.from(input.subarray(from)));
        heldBytes += input.length - from;
      }
    }
    if (heldBytes > 0) {
      // The last line without its newline is a line too.
      const last = held.at(-1)!;
      await this.flush(Buffer.concat(held), heldLines + (last[last.length - 1] === NEWLINE ? 0 : 1), heldBytes);
    }
    await this.staging;
    return this.chunkLines > 0 || this.chunkStaged ? this.chunk + 1 : this.chunk;
  }

  /** Waits for the insert in flight, if any, ignoring its outcome (the batch is being abandoned). */
  async abandon(): Promise<void> {
    await this.staging?.catch(() => undefined);
  }

  /**
   * The lines of every chunk that the engine left to schema.ts, checked there in body order; each page's findings go
   * to `add`, which answers the batch's problems so far. While there are none and `insert` (not a dry run), the rows
   * schema.ts accepts are added to their chunk's stage. Returns the rows the engine converted and, for a dry run, the
   * first `previewRows` good rows of the body.
   */
  async checkRest(chunks: number, { add, insert, previewRows = 0 }: { add(piece: ValidatedPiece): number; insert: boolean; previewRows?: number }): Promise<{ rowsConverted: number; preview: PreviewRow[] }> {
    const preview: PreviewRow[] = [];
    let rowsConverted = 0;
    let problems = 0;
    const times = this.target.schema.fieldNames.map((name) => this.target.columns[name]?.includes('DateTime') ?? false);
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      const stage = this.options.stage(chunk);
      rowsConverted += await stagedRowCount(this.store, stage);
      if (preview.length < previewRows) {
        for (const row of await stagedPreview(this.store, stage, this.target.schema.fieldNames, times, previewRows)) {
          preview.push({ line: row.line, values: row.values as StoreValue[] });
        }
      }
      for (let after = 0; ;) {
        const page = await stagedLinesToCheck(this.store, stage, after, CHECK_PAGE);
        if (page.length === 0) break;
        after = page.at(-1)!.line;
        const stageRows = insert && problems === 0;
        const validator = new RecordValidator(this.target, stageRows, previewRows);
        for (const row of page) {
          const record = ndjsonRecord(row.line, row.text);
          if (record) validator.add(record);
        }
        const piece = validator.finish(0); // lines are the body's
        problems = add(piece);
        preview.push(...(piece.preview ?? []));
        if (stageRows && problems === 0 && piece.bytes.length > 0) {
          await insertStage(this.store, this.target.schema, this.target.columns, stage, Buffer.from(piece.bytes.buffer, piece.bytes.byteOffset, piece.bytes.byteLength), false);
        }
      }
    }
    preview.sort((a, b) => a.line - b.line);
    return { rowsConverted, preview: preview.slice(0, previewRows) };
  }

  private async flush(lines: Buffer, lineCount: number, bytes: number): Promise<void> {
    const insert = this.inserts++;
    const chunk = this.chunk;
    const first = !this.chunkStaged;
    const lineOffset = this.lines;
    this.lines += lineCount;
    this.chunkLines += lineCount;
    this.chunkBytes += bytes;
    this.chunkStaged = true;
    if (this.staging) await this.staging; // at most one insert in flight
    const check: EngineCheckOptions = { scope: this.target.scope };
    this.staging = insertStageLines(
      this.store,
      { dataset: this.target.dataset, fieldNames: this.target.schema.fieldNames, columns: this.target.columns, check },
      this.options.stage(chunk),
      lines,
      lineOffset,
      first,
    ).then(() => this.options.staged?.(insert));
    this.staging.catch(() => undefined); // awaited at the next flush or at the end
    if (this.chunkLines >= this.options.chunkRows || this.chunkBytes >= CHUNK_BYTES_LIMIT) {
      this.chunk += 1;
      this.chunkLines = 0;
      this.chunkBytes = 0;
      this.chunkStaged = false;
    }
  }
}
