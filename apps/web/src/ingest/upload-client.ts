/**
 * The upload page's side of POST /api/ingest/{dataset} (libs/server/ingest): a file is checked with `?dryRun=true`
 * and then sent, in the same chunks. CSV and NDJSON files are cut into chunks of whole records (a CSV chunk repeats
 * the header), each sent with its own Idempotency-Key `upload-<sha256 of the file>-<chunk index>`, so sending the
 * same file again — after a failure, or a reload — skips the chunks that landed (the API answers `duplicate`). A
 * workbook or a JSON array goes as one request. Problems come back by line of the whole file.
 */

export type UploadFormat = 'csv' | 'ndjson' | 'json' | 'xlsx';

const CONTENT_TYPES: Record<UploadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Records per chunk, as the CLI's `ingestFile`. */
const CHUNK_ROWS = 50_000;

const EXTENSIONS: Record<string, UploadFormat> = { csv: 'csv', ndjson: 'ndjson', jsonl: 'ndjson', json: 'json', xlsx: 'xlsx' };

/** The format of a file by its extension; undefined for one the API does not read. */
export function formatOfFileName(name: string): UploadFormat | undefined {
  return EXTENSIONS[name.toLowerCase().split('.').pop() ?? ''];
}

/** A problem as the API lists it: `line` of the body (row of a sheet), field, message; for XLSX the sheet and column. */
export interface IngestProblem {
  line: number;
  field: string;
  message: string;
  sheet?: string;
  column?: string;
}

/** The answer of POST /api/ingest/{dataset}, dry run or not. */
export interface IngestAnswer {
  dataset: string;
  rowsReceived: number;
  rowsInserted: number;
  batchId?: string;
  errors: IngestProblem[];
  errorsTotal: number;
  duplicate?: boolean;
  message?: string;
  dryRun?: true;
  preview?: { fields: string[]; rows: Array<{ line: number; values: Array<string | number | boolean | null> }> };
  sheet?: string;
}

/** One request's body and where its lines are in the file. */
export interface FileChunk {
  body: string | Blob;
  /** The file line of the chunk's first record line (after a repeated CSV header). */
  firstLine: number;
  /** Lines of the chunk's body before its first record: 1 for CSV (the header), 0 otherwise. */
  headerLines: number;
  bytes: number;
}

/**
 * CSV or NDJSON text cut into chunks of at most `chunkRows` records. A CSV record ends at a line end outside quotes
 * (an even count of quote characters so far: RFC 4180 doubles a quote inside a quoted field), so a quoted field
 * with a newline is never split; blank lines stay where they are, so lines keep their numbers.
 */
export function chunksOf(text: string, format: 'csv' | 'ndjson', chunkRows = CHUNK_ROWS): FileChunk[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let start = 0;
  let header = '';
  if (format === 'csv') {
    let quotes = 0;
    do quotes += countQuotes(lines[start++] ?? ''); while (quotes % 2 === 1 && start < lines.length);
    header = lines.slice(0, start).join('\n') + '\n';
  }
  const chunks: FileChunk[] = [];
  let from = start;
  let records = 0;
  let quotes = 0;
  const cut = (to: number) => {
    const body = header + lines.slice(from, to).join('\n') + '\n';
    chunks.push({ body, firstLine: from + 1, headerLines: format === 'csv' ? header.split('\n').length - 1 : 0, bytes: new Blob([body]).size });
    from = to;
    records = 0;
  };
  for (let i = start; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (format === 'csv') quotes += countQuotes(line);
    if (quotes % 2 === 1) continue; // inside a quoted field: the record goes on
    if (line.trim() !== '') records += 1;
    if (records >= chunkRows) cut(i + 1);
  }
  if (from < lines.length || chunks.length === 0) cut(lines.length);
  return chunks;
}

function countQuotes(line: string): number {
  let count = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) count += 1;
  return count;
}

/** A chunk's problem with its line in the whole file (a CSV chunk's line 1 is its repeated header). */
export function inFile(chunk: FileChunk, problem: IngestProblem): IngestProblem {
  if (problem.line <= chunk.headerLines) return problem; // the header's own problem: line 1 of the file too
  return { ...problem, line: chunk.firstLine + problem.line - chunk.headerLines - 1 };
}

/** The file's chunks: by records for CSV and NDJSON, the whole file for a workbook or a JSON array. */
export async function fileChunks(file: Blob, format: UploadFormat, chunkRows = CHUNK_ROWS): Promise<FileChunk[]> {
  if (format === 'csv' || format === 'ndjson') return chunksOf(await file.text(), format, chunkRows);
  return [{ body: file, firstLine: 1, headerLines: 0, bytes: file.size }];
}

/** The Idempotency-Key prefix of a file: the SHA-256 of its bytes, so the same file sent again resumes. */
export async function fileKey(file: Blob): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    return `upload-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  }
  // Outside a secure context there is no SubtleCrypto: the keys then hold only for this page's retries.
  return `upload-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface SendOptions {
  dataset: string;
  format: UploadFormat;
  dryRun: boolean;
  fileName: string;
  idempotencyKey?: string;
  /** Bytes of this request's body sent so far. */
  onProgress?(sent: number): void;
  signal?: AbortSignal;
}

/** The API's refusal of a request (4xx/5xx), with its answer. */
export class IngestRequestError extends Error {
  override name = 'IngestRequestError';
  constructor(readonly status: number, readonly answer: IngestAnswer | undefined) {
    super(answer?.message ?? `the API answered ${status}`);
  }
}

/**
 * One POST /api/ingest/{dataset} through XMLHttpRequest, for its upload progress (fetch has none). A dry run's
 * answer is 200 whatever it found; a real post's 422 (rows refused) is answered too, as problems to show.
 */
export function sendChunk(chunk: FileChunk, options: SendOptions): Promise<IngestAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/ingest/${encodeURIComponent(options.dataset)}${options.dryRun ? '?dryRun=true' : ''}`);
    request.setRequestHeader('content-type', CONTENT_TYPES[options.format]);
    request.setRequestHeader('x-source-filename', encodeURIComponent(options.fileName));
    if (options.idempotencyKey) request.setRequestHeader('idempotency-key', options.idempotencyKey);
    request.upload.onprogress = (event) => options.onProgress?.(event.loaded);
    request.onload = () => {
      let answer: IngestAnswer | undefined;
      try {
        answer = JSON.parse(request.responseText) as IngestAnswer;
      } catch {
        answer = undefined;
      }
      if (answer && (request.status === 200 || request.status === 422 || (request.status === 403 && answer.errors.length > 0))) resolve(answer);
      else reject(new IngestRequestError(request.status, answer));
    };
    request.onerror = () => reject(new IngestRequestError(0, undefined));
    request.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort());
    request.send(chunk.body);
  });
}
