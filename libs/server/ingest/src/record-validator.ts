import { readCsvPiece, readNdjsonPiece, type SourceRecord } from './formats.js';
import type { DatasetSchema, FieldProblem } from './schema.js';
import { StageRowsWriter, type EncodedRows, type StageEncoding, type StoreValue } from './stage-rows.js';

/** A problem with one row, by line (or element position), field and reason. */
export interface IngestError {
  /** The line (NDJSON, CSV), element (JSON array) or row (XLSX) of the problem. */
  line: number;
  field: string;
  message: string;
  /** XLSX: the sheet, and the column letter of the field (when the header named it). */
  sheet?: string;
  column?: string;
}

/** At most this many problems are listed in an answer (the total is always given). */
export const MAX_LISTED_ERRORS = 1000;

/**
 * What validating one piece of a body found: its good rows encoded for the stage, and its problems. Lines are
 * counted from the piece's own start; `lines` says how many it spans (0 when its records carry absolute lines).
 */
export interface ValidatedPiece extends EncodedRows {
  lines: number;
  rowsReceived: number;
  problems: IngestError[];
  problemsTotal: number;
  /** Rows refused only because their amanah is outside the key's scope (the answer is then 403, not 422). */
  scopeViolations: number;
  /** CSV: the columns named by the piece's first record, when it had the header (the pieces after it need them). */
  header?: string[];
  /** CSV: the header named unknown, repeated or missing columns; the rest of the body cannot be read. */
  headerRejected?: boolean;
  /** A dry run: the piece's first good rows as they would be stored (values by field position), with their lines. */
  preview?: PreviewRow[];
}

/** A checked row as it would be stored: its line (row, element) and its values in the order of the schema's fields. */
export interface PreviewRow {
  line: number;
  values: StoreValue[];
}

/** What a batch is validated against: its dataset's schema and stage encoding, and the key's amanahs. */
export interface ValidationTarget {
  schema: DatasetSchema;
  encoding: StageEncoding;
  /** The amanahs the key may write; undefined for all. */
  scope: ReadonlySet<string> | undefined;
}

/**
 * Checks records against the dataset's schema and the key's amanah scope, and encodes the good ones for the stage
 * until the first problem (a batch with a problem is rejected whole: its rows are checked, not staged by it; an NDJSON
 * body's lines were staged by the engine before they reach it, see line-stager.ts, and are dropped with the batch).
 */
export class RecordValidator {
  private readonly writer: StageRowsWriter;
  private readonly problems: IngestError[] = [];
  private readonly schema: DatasetSchema;
  private readonly scope: ReadonlySet<string> | undefined;
  private problemsTotal = 0;
  private scopeViolations = 0;
  private rowsReceived = 0;
  private readonly preview: PreviewRow[] = [];

  /** `previewRows`: keep this many of the first good rows' values (a dry run). */
  constructor(target: ValidationTarget, private staging: boolean, private readonly previewRows = 0) {
    this.schema = target.schema;
    this.scope = target.scope;
    this.writer = new StageRowsWriter(target.encoding);
  }

  add(item: SourceRecord): void {
    if (item.problem) return this.report(item.line, item.problem);
    this.rowsReceived += 1;
    const { values, problems } = this.schema.checkRecord(item.record);
    if (!values) {
      for (const problem of problems) this.report(item.line, problem);
      return;
    }
    const amanah = values[this.schema.amanahIndex] as string;
    if (this.scope && !this.scope.has(amanah)) {
      this.scopeViolations += 1;
      return this.report(item.line, { field: 'amanah', message: `amanah ${amanah} is outside the scope of this key` });
    }
    if (this.preview.length < this.previewRows) this.preview.push({ line: item.line, values });
    if (this.staging) this.writer.append(values);
  }

  finish(lines: number): ValidatedPiece {
    const { problems, problemsTotal, scopeViolations, rowsReceived } = this;
    return {
      ...this.writer.finish(), lines, rowsReceived, problems, problemsTotal, scopeViolations,
      ...(this.previewRows > 0 ? { preview: this.preview } : {}),
    };
  }

  private report(line: number, problem: FieldProblem): void {
    this.staging = false;
    this.problemsTotal += 1;
    if (this.problems.length < MAX_LISTED_ERRORS) this.problems.push({ line, ...problem });
  }
}

/** The formats whose bodies are cut into pieces (see bodyPieces). */
export type PieceFormat = 'ndjson' | 'csv';

/** One piece, on whichever thread runs it: the event loop, or a validation thread (validation-worker.ts). */
export function validatePiece(
  piece: Uint8Array,
  target: ValidationTarget & { format: PieceFormat },
  header: string[] | undefined,
  staging: boolean,
  previewRows = 0,
): Promise<ValidatedPiece> {
  return target.format === 'csv'
    ? validateCsvPiece(piece, target, header, staging, previewRows)
    : Promise.resolve(validateNdjsonPiece(piece, target, staging, previewRows));
}

/**
 * Validates a piece of an NDJSON body made of whole lines (see bodyPieces). Pieces are independent, so they can
 * be validated in parallel; lines are numbered from 1 within the piece.
 */
export function validateNdjsonPiece(piece: Uint8Array, target: ValidationTarget, staging: boolean, previewRows = 0): ValidatedPiece {
  const validator = new RecordValidator(target, staging, previewRows);
  const lines = readNdjsonPiece(piece, (record) => validator.add(record));
  return validator.finish(lines);
}

/**
 * Validates a piece of a CSV body cut at record ends (see bodyPieces). Without `header`, the piece's first record
 * is the header (checked against the dataset: a bad header is reported at line 1 and nothing else is read).
 */
export async function validateCsvPiece(
  piece: Uint8Array,
  target: ValidationTarget,
  header: string[] | undefined,
  staging: boolean,
  previewRows = 0,
): Promise<ValidatedPiece> {
  const read = await readCsvPiece(piece, header, target.schema);
  const validator = new RecordValidator(target, staging, previewRows);
  for (const problem of read.headerProblems) validator.add({ line: 1, problem });
  for (const record of read.records) validator.add(record);
  return { ...validator.finish(read.lines), header: read.header, headerRejected: read.headerProblems.length > 0 };
}

/** Validates the record batches of a JSON-array body on the event loop, one piece per batch. */
export async function* validateRecordBatches(
  batches: AsyncIterable<SourceRecord[]>,
  target: ValidationTarget,
  staging: () => boolean,
  previewRows: () => number = () => 0,
): AsyncIterable<ValidatedPiece> {
  for await (const batch of batches) {
    const validator = new RecordValidator(target, staging(), previewRows());
    for (const item of batch) validator.add(item);
    yield validator.finish(0); // JSON records carry their own position
  }
}
