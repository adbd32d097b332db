import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Parser as CsvParser, type CsvError } from 'csv-parse';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import type { DatasetSchema, FieldProblem } from './schema.js';
import { xlsxRecords, type XlsxLayout } from './xlsx.js';

/**
 * Streaming readers of the three body formats. Each yields batches of records with their position, never the
 * whole body: NDJSON and CSV are cut into pieces of whole records (bodyPieces) that can be read independently, CSV
 * pieces through csv-parse; a JSON array goes through stream-json.
 * `line` is the physical line for NDJSON, the line where a CSV record ends (the header is line 1), and the
 * 1-based position of the element for a JSON array (a JSON document has no meaningful lines).
 */
export type IngestFormat = 'ndjson' | 'csv' | 'json' | 'xlsx';

export interface SourceRecord {
  line: number;
  record?: unknown;
  problem?: FieldProblem;
}

const MEDIA_TYPES: Record<string, IngestFormat> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The format of a Content-Type header, or undefined when it is not one we read (415). Only UTF-8 is accepted. */
export function formatOfContentType(contentType: string | undefined): IngestFormat | undefined {
  if (!contentType) return undefined;
  const [type = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = params.find((param) => param.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  return MEDIA_TYPES[type];
}

export function readRecords(
  format: IngestFormat,
  input: Readable,
  schema: DatasetSchema,
  xlsx: { sheet?: string; layout: XlsxLayout } = { layout: { sheet: '', columns: new Map() } },
): AsyncIterable<SourceRecord[]> {
  switch (format) {
    case 'xlsx':
      return xlsxRecords(input, schema, xlsx.sheet, xlsx.layout);
    case 'ndjson':
      return ndjsonRecords(input);
    case 'csv':
      return csvRecords(input, schema);
    case 'json':
      return jsonArrayRecords(input);
  }
}

/** A CSV body without a record (empty, or blank lines only). */
export const NO_CSV_HEADER: FieldProblem = { field: '', message: 'CSV has no header row' };

const NEWLINE = 0x0a;
const QUOTE = 0x22;
/** About 1 MiB of whole lines (~5,000 rows of portal_visits). */
export const PIECE_BYTES = 1 << 20;
/**
 * A CSV body whose quotes do not pair up (a broken quote) has no record end to cut at; past this many pieces' worth
 * it is cut at a line end anyway, so that memory stays bounded. The batch is rejected either way (the quote is
 * reported); a valid file would need a single quoted field of 64 MiB spanning several lines to be affected.
 */
const MAX_UNCUT_PIECES = 64;

/**
 * A body cut into pieces of whole records of about `pieceBytes` bytes: a piece ends at the last record end of the
 * network chunk that took it past `pieceBytes`. Pieces can be read independently, and so in parallel (see
 * validation-pool.ts). A record longer than a piece (a 5 MB line) makes its piece longer: it is never split.
 * An NDJSON record ends at every newline. A CSV record ends at a newline outside quotes, i.e. after an even number
 * of quote characters since the start of the body (RFC 4180 doubles a quote inside a quoted field).
 */
export async function* bodyPieces(input: Readable, format: 'ndjson' | 'csv', pieceBytes = PIECE_BYTES): AsyncIterable<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let quotes = 0; // CSV: quote characters since the start of the body, modulo 2
  for await (const chunk of input as AsyncIterable<Buffer>) {
    held.push(chunk);
    heldBytes += chunk.length;
    const before = quotes;
    if (format === 'csv') quotes = (quotes + countByte(chunk, QUOTE)) % 2;
    if (heldBytes < pieceBytes) continue;
    let cut = format === 'csv' ? lastRecordEnd(chunk, before) : chunk.lastIndexOf(NEWLINE) + 1;
    if (cut === 0 && heldBytes >= MAX_UNCUT_PIECES * pieceBytes) cut = chunk.lastIndexOf(NEWLINE) + 1;
    if (cut === 0) continue; // no record ends in this chunk: keep reading
    // A copy, never a view of the network's buffers: the piece may be handed to another thread.
    const piece = Buffer.concat([...held.slice(0, -1), chunk.subarray(0, cut)]);
    held = cut < chunk.length ? [Buffer.from(chunk.subarray(cut))] : [];
    heldBytes = chunk.length - cut;
    yield piece;
  }
  if (heldBytes > 0) yield Buffer.concat(held);
}

/** How many times `byte` occurs in `buffer` (indexOf is native: quotes and newlines are rare among the bytes). */
export function countByte(buffer: Uint8Array, byte: number): number {
  let count = 0;
  for (let at = buffer.indexOf(byte); at !== -1; at = buffer.indexOf(byte, at + 1)) count += 1;
  return count;
}

/**
 * Just past the last newline of `chunk` that is outside CSV quotes, given the quotes' parity before the chunk; 0 if
 * there is none. Between two quotes the parity is constant, so each stretch at even parity is searched backwards.
 */
function lastRecordEnd(chunk: Buffer, parityBefore: number): number {
  let cut = 0;
  let parity = parityBefore;
  let from = 0;
  for (;;) {
    const quote = chunk.indexOf(QUOTE, from);
    const end = quote === -1 ? chunk.length : quote;
    if (parity === 0 && end > from) {
      const newline = chunk.lastIndexOf(NEWLINE, end - 1);
      if (newline >= from) cut = newline + 1;
    }
    if (quote === -1) return cut;
    parity = 1 - parity;
    from = quote + 1;
  }
}

/**
 * Reads the records of one piece of whole lines, numbered from 1 within the piece, handing each to `take` (a
 * callback rather than a generator: this runs for every row). Blank lines carry none. Returns the lines the piece spans.
 */
export function readNdjsonPiece(piece: Uint8Array, take: (record: SourceRecord) => void): number {
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so a piece decodes on its own.
  const text = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8');
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line += 1;
    const record = ndjsonRecord(line, text.slice(start, end));
    start = end + 1;
    if (record) take(record);
  }
  return line;
}

/** One NDJSON line (without its newline) as a record, or its JSON problem; undefined for a blank line, which carries no row. */
export function ndjsonRecord(line: number, text: string): SourceRecord | undefined {
  const content = text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text;
  if (content.trim() === '') return undefined; // blank lines (a trailing newline) carry no row
  try {
    return { line, record: JSON.parse(content) };
  } catch (error) {
    return { line, problem: { field: '', message: `not valid JSON: ${(error as Error).message}` } };
  }
}

async function* ndjsonRecords(input: Readable): AsyncIterable<SourceRecord[]> {
  let lineOffset = 0;
  for await (const piece of bodyPieces(input, 'ndjson')) {
    const records: SourceRecord[] = [];
    const lines = readNdjsonPiece(piece, (record) => records.push({ ...record, line: record.line + lineOffset }));
    lineOffset += lines;
    if (records.length > 0) yield records;
  }
}

/**
 * csv-parse over one piece, reading records as arrays and tagging each with the line it ends on as the parser emits
 * it. Not csv-parse's `info` and `columns` options: those build an object per record with spread copies and
 * Object.defineProperty per field, which cost more than the parsing itself (~2× the CSV read time). And not its
 * line count: it counts a CRLF inside a quoted field as two lines, where lines here — and the offsets of the pieces
 * after this one — are counted by newline characters alone.
 */
class LineTaggedCsvParser extends CsvParser {
  private counted = 0; // the newlines before this offset of the piece are in `newlines`
  private newlines = 0;

  constructor(
    private readonly piece: Uint8Array,
    options: ConstructorParameters<typeof CsvParser>[0],
  ) {
    super(options);
  }

  /** The line of the byte just before `bytes` (csv-parse's offsets: past a record's end, inside a bad record). */
  lineAt(bytes: number): number {
    const end = Math.min(bytes, this.piece.length) - 1;
    for (let at = this.piece.indexOf(NEWLINE, this.counted); at !== -1 && at < end; at = this.piece.indexOf(NEWLINE, at + 1)) {
      this.newlines += 1;
      this.counted = at + 1;
    }
    return this.newlines + 1;
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : { fields: record, line: this.lineAt(this.info.bytes) }, encoding);
  }
}

/** The records of one piece of a CSV body, and the header if the piece named the columns. */
export interface CsvPiece {
  /** The columns, as given or as read from the piece's first record. */
  header: string[] | undefined;
  /** Problems with the header read from this piece (unknown, repeated or missing columns): nothing else can be read. */
  headerProblems: FieldProblem[];
  records: SourceRecord[];
  /** The lines the piece spans (its newlines). */
  lines: number;
}

/**
 * Reads a piece of a CSV body cut at record ends (see bodyPieces). With `header`, every record is a row keyed by
 * it; without, the piece's first record is the header. Lines are numbered from 1 within the piece.
 */
export async function readCsvPiece(piece: Uint8Array, header: string[] | undefined, schema: DatasetSchema): Promise<CsvPiece> {
  const records: SourceRecord[] = [];
  let headerProblems: FieldProblem[] = [];
  const parser: LineTaggedCsvParser = new LineTaggedCsvParser(piece, {
    bom: true,
    skip_empty_lines: true,
    // Field counts are checked against the header below: a piece after the first does not start with it.
    relax_column_count: true,
    // A record with a broken quote is reported and parsing goes on, so that every bad row of the file is listed in
    // one answer.
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return undefined;
      const where = error as CsvError & { bytes?: number };
      records.push({ line: parser.lineAt(where.bytes ?? piece.length), problem: { field: '', message: `CSV: ${error.message}` } });
      return undefined;
    },
  });
  parser.on('data', ({ fields, line }: { fields: string[]; line: number }) => {
    if (!header) {
      // The first record names the columns; records come keyed by it.
      header = fields.map((name) => name.trim());
      headerProblems = schema.checkHeader(header);
      return;
    }
    if (headerProblems.length > 0) return;
    if (fields.length !== header.length) {
      records.push({ line, problem: { field: '', message: `CSV: ${fields.length} fields where the header has ${header.length}` } });
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i += 1) record[header[i]!] = fields[i]!;
    records.push({ line, record });
  });
  parser.end(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  await finished(parser);
  // Records and skipped ones reach the two lists' shared array in the order of events; the answer lists by line.
  records.sort((a, b) => a.line - b.line);
  return { header, headerProblems, records, lines: countByte(piece, NEWLINE) };
}

async function* csvRecords(input: Readable, schema: DatasetSchema): AsyncIterable<SourceRecord[]> {
  let header: string[] | undefined;
  let lineOffset = 0;
  let unreadable = false;
  for await (const piece of bodyPieces(input, 'csv')) {
    if (unreadable) continue; // read to the end, so that the exchange completes, but not parsed
    const read = await readCsvPiece(piece, header, schema);
    if (read.headerProblems.length > 0) {
      yield read.headerProblems.map((problem) => ({ line: 1, problem }));
      unreadable = true;
      continue;
    }
    header = read.header;
    if (read.records.length > 0) yield read.records.map((record) => ({ ...record, line: record.line + lineOffset }));
    lineOffset += read.lines;
  }
  if (!header) yield [{ line: 1, problem: NO_CSV_HEADER }];
}

async function* jsonArrayRecords(input: Readable): AsyncIterable<SourceRecord[]> {
  const elements = streamArray.withParserAsStream();
  input.pipe(elements);
  input.once('error', (error) => elements.destroy(error));
  let batch: SourceRecord[] = [];
  let position = 0;
  try {
    for await (const item of elements as AsyncIterable<{ key: number; value: unknown }>) {
      position = item.key + 1;
      batch.push({ line: position, record: item.value });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (isPayloadTooLarge(error)) throw error;
    // A syntax error ends the document: what came before is still checked, the rest cannot be read.
    batch.push({ line: position + 1, problem: { field: '', message: `not a valid JSON array: ${(error as Error).message}` } });
    yield batch;
    return drain(input, elements);
  }
  if (batch.length > 0) yield batch;
}

/** Reads and discards the rest of a body we stopped parsing, so the HTTP exchange ends cleanly (and is counted). */
async function drain(input: Readable, parser: { destroy(): unknown }): Promise<void> {
  input.unpipe();
  parser.destroy();
  input.resume();
  if (input.readableEnded) return;
  await new Promise<void>((resolve, reject) => {
    input.once('end', resolve);
    input.once('close', resolve);
    input.once('error', reject);
  });
}

export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
  constructor(readonly limit: number) {
    super(`the body is larger than the limit of ${limit} bytes`);
  }
}

export function isPayloadTooLarge(error: unknown): error is PayloadTooLargeError {
  return error instanceof PayloadTooLargeError || (error as { cause?: unknown })?.cause instanceof PayloadTooLargeError;
}

/**
 * Counts and hashes the body as it passes, fails with PayloadTooLargeError past `limit`, and drops a leading UTF-8
 * byte-order mark (spreadsheet exports start with one; JSON parsers reject it).
 */
export class BodyMeter extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private first = true;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return callback(new PayloadTooLargeError(this.limit));
    this.hash.update(chunk);
    if (this.first) {
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    callback(null, chunk);
  }

  /** sha256 of the whole body; call once, after the body has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
