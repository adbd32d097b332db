import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compileDatasetSchema } from './schema.js';
import { BodyMeter, readRecords, type IngestFormat } from './formats.js';
import type { IngestAnswer } from './outcomes.js';
import type { IngestError } from './record-validator.js';
import { DATASET_NAMES, type DatasetName } from '@amanah/domain';

export interface IngestFileOptions {
  /** Rows per request (default 50,000). Keep it the same on a rerun: keys are per chunk index. */
  chunkRows?: number;
  onProgress?: (progress: IngestFileProgress) => void;
  /** The file's format; by default from its extension (.csv, .ndjson/.jsonl, .json). */
  format?: IngestFormat;
}

export interface IngestFileProgress {
  chunk: number;
  rowsSent: number;
  rowsInserted: number;
  rowsSkippedAsDuplicate: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface IngestFileResult {
  chunks: number;
  rowsRead: number;
  rowsInserted: number;
  rowsSkippedAsDuplicate: number;
}

export class IngestFileError extends Error {
  override name = 'IngestFileError';
  constructor(
    message: string,
    readonly status: number,
    /** Problems with their line in the file (not in the chunk). */
    readonly errors: IngestError[],
    readonly errorsTotal: number,
    readonly partial: IngestFileResult,
  ) {
    super(message);
  }
}

/**
 * Streams a local file to POST /api/ingest/:dataset in chunks of `chunkRows` rows. Each chunk is sent as NDJSON
 * with the Idempotency-Key `file-<sha256 of the file>-<chunk index>`, so a rerun after a crash (of this process,
 * the network or the API) sends the same keys: chunks that landed answer "duplicate" and are not counted twice.
 * Stops at the first chunk the API refuses, with that chunk's problems mapped back to lines of the file.
 */
export async function ingestFile(
  apiUrl: string,
  apiKey: string,
  file: string,
  dataset: string,
  options: IngestFileOptions = {},
): Promise<IngestFileResult> {
  if (!(DATASET_NAMES as string[]).includes(dataset)) {
    throw new Error(`unknown dataset ${dataset}; known: ${DATASET_NAMES.join(', ')}`);
  }
  const format = options.format ?? formatOfFile(file);
  const chunkRows = options.chunkRows ?? 50_000;
  const bytesTotal = (await fs.promises.stat(file)).size;
  const fileHash = await sha256OfFile(file);
  const endpoint = new URL(`api/ingest/${dataset}`, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const result: IngestFileResult = { chunks: 0, rowsRead: 0, rowsInserted: 0, rowsSkippedAsDuplicate: 0 };
  const input = fs.createReadStream(file);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));

  let lines: number[] = [];
  let body: string[] = [];
  const send = async () => {
    const chunk = result.chunks;
    const answer = await postChunk(endpoint, apiKey, `file-${fileHash}-${chunk}`, body.join(''), path.basename(file));
    if (answer.status !== 200) {
      const errors = answer.body.errors?.map((error) => ({ ...error, line: lines[error.line - 1] ?? error.line })) ?? [];
      throw new IngestFileError(
        `chunk ${chunk} (rows ${result.rowsRead - lines.length + 1}-${result.rowsRead}) was refused with ${answer.status}: ` +
          (answer.body.message ?? 'no message'),
        answer.status, errors, answer.body.errorsTotal ?? errors.length, { ...result },
      );
    }
    result.chunks += 1;
    if (answer.body.duplicate) result.rowsSkippedAsDuplicate += lines.length;
    else result.rowsInserted += answer.body.rowsInserted ?? 0;
    options.onProgress?.({
      chunk, rowsSent: result.rowsRead, rowsInserted: result.rowsInserted,
      rowsSkippedAsDuplicate: result.rowsSkippedAsDuplicate, bytesRead, bytesTotal,
    });
    lines = [];
    body = [];
  };

  // The file is read with the server's own readers, so a CSV record with a newline inside quotes stays one row.
  const schema = compileDatasetSchema(dataset as DatasetName);
  // BodyMeter (with no limit) drops a leading byte-order mark, as the server does.
  const bytes = input.pipe(new BodyMeter(Number.MAX_SAFE_INTEGER));
  input.once('error', (error) => bytes.destroy(error));
  for await (const batch of readRecords(format, bytes, schema)) {
    for (const item of batch) {
      if (item.problem) {
        throw new IngestFileError(`${file}:${item.line}: ${item.problem.field ? `${item.problem.field}: ` : ''}${item.problem.message}`,
          0, [{ line: item.line, ...item.problem }], 1, { ...result });
      }
      result.rowsRead += 1;
      lines.push(item.line);
      body.push(`${JSON.stringify(item.record)}\n`);
      if (lines.length >= chunkRows) await send();
    }
  }
  if (lines.length > 0) await send();
  return result;
}

async function postChunk(
  endpoint: URL,
  apiKey: string,
  idempotencyKey: string,
  body: string,
  sourceFile: string,
): Promise<{ status: number; body: Partial<IngestAnswer> }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson', 'idempotency-key': idempotencyKey,
      // The batch history shows the file each batch came from (percent-encoded: a header is ASCII).
      'x-source-filename': encodeURIComponent(sourceFile),
    },
    body,
  });
  const text = await response.text();
  let parsed: Partial<IngestAnswer>;
  try {
    parsed = JSON.parse(text) as Partial<IngestAnswer>;
  } catch {
    parsed = { message: text.slice(0, 500) };
  }
  return { status: response.status, body: parsed };
}

export function formatOfFile(file: string): IngestFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.json') return 'json';
  throw new Error(`cannot tell the format of ${file} from its extension: use .csv, .ndjson, .jsonl or .json`);
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 32);
}
