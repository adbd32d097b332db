import { DATASET_NAMES } from '@amanah/domain';
import type { AuditOutcome } from './audit.js';
import type { IngestError } from './record-validator.js';

/**
 * What became of an ingest request, as domain values (`IngestOutcome` from the Ingestor, `IngestRefusal` from the
 * controller's checks before it), and `replyOf`: the one place they become an HTTP status, an answer body and an
 * audit outcome.
 */
export type IngestOutcome =
  | { kind: 'committed'; batchId: string; rowsReceived: number; bytes: number; /** Inserted rows per amanah, for the audit row. */ rowsByAmanah: Record<string, number> }
  /** The same key and body were already ingested: nothing inserted. */
  | { kind: 'duplicate'; batchId: string; idempotencyKey: string; rowsReceived: number; bytes: number }
  | { kind: 'rejected'; rowsReceived: number; errors: IngestError[]; errorsTotal: number; bytes: number }
  /** Rows of amanahs outside the key's scope: nothing inserted. */
  | { kind: 'forbidden'; rowsReceived: number; errors: IngestError[]; errorsTotal: number; scopeViolations: number; bytes: number }
  /** `namesSetting`: the answer names KPI_INGEST_MAX_BYTES (not on a retry's body). */
  | { kind: 'too_large'; limitBytes: number; rowsReceived: number; bytes: number; namesSetting: boolean }
  /** A batch with this key is being ingested right now. */
  | { kind: 'in_progress'; idempotencyKey: string; bytes: number }
  /** The key was already used for a different body. */
  | { kind: 'key_reused'; idempotencyKey: string; bytes: number }
  /** A dry run (`?dryRun=true`): what the body would give, nothing kept (an NDJSON body's stages are dropped). */
  | {
      kind: 'checked'; rowsReceived: number; errors: IngestError[]; errorsTotal: number; scopeViolations: number; bytes: number;
      sheet?: string; preview: DryRunPreview;
    };

/** A dry run's first rows as they would be stored: the dataset's fields, and per row its line and values in that order. */
export interface DryRunPreview {
  fields: string[];
  rows: Array<{ line: number; values: Array<string | number | boolean | null> }>;
}

/** Requests the controller refuses before the Ingestor sees them, or a batch that failed. */
export type IngestRefusal =
  | { kind: 'unauthenticated' }
  | { kind: 'role_cannot_ingest'; role: string }
  | { kind: 'unknown_dataset' }
  | { kind: 'unsupported_content_type'; contentType: string | undefined }
  | { kind: 'unsupported_content_encoding'; encoding: string }
  | { kind: 'bad_idempotency_key' }
  /** A bad X-Source-Filename, or a replace (`?replaces=<batch id>&reason=…`) the caller may not make. */
  | { kind: 'bad_request'; message: string }
  | { kind: 'replace_refused'; code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST'; message: string }
  | { kind: 'failed' };

/** The answer body of POST /api/ingest/:dataset (the contract's fields, plus errorsTotal and duplicate). */
export interface IngestAnswer {
  dataset: string;
  rowsReceived: number;
  rowsInserted: number;
  /** The batch's id (batch history, withdrawBatch): set when it was committed, now or before (a duplicate). */
  batchId?: string;
  errors: IngestError[];
  errorsTotal: number;
  duplicate?: boolean;
  message?: string;
  /** A dry run's answer: nothing was kept; `rowsInserted` is 0 and `preview` holds the first rows. */
  dryRun?: true;
  preview?: DryRunPreview;
  /** XLSX, dry run: the sheet that was read. */
  sheet?: string;
}

export interface IngestReply {
  status: number;
  /** null: nothing to audit (a dry run keeps nothing, not even its audit row). */
  outcome: AuditOutcome | null;
  answer: IngestAnswer;
}

export function replyOf(dataset: string, outcome: IngestOutcome | IngestRefusal): IngestReply {
  const reply = (status: number, audit: AuditOutcome | null, fields: Partial<IngestAnswer>): IngestReply => ({
    status,
    outcome: audit,
    answer: { dataset, rowsReceived: 0, rowsInserted: 0, errors: [], errorsTotal: 0, ...fields },
  });
  switch (outcome.kind) {
    case 'committed':
      return reply(200, 'inserted', { batchId: outcome.batchId, rowsReceived: outcome.rowsReceived, rowsInserted: outcome.rowsReceived });
    case 'duplicate':
      return reply(200, 'duplicate', {
        batchId: outcome.batchId, rowsReceived: outcome.rowsReceived, duplicate: true,
        message: `this batch was already ingested with Idempotency-Key ${outcome.idempotencyKey}; nothing was inserted`,
      });
    case 'rejected':
      return reply(422, 'rejected', {
        rowsReceived: outcome.rowsReceived, errors: outcome.errors, errorsTotal: outcome.errorsTotal,
        message: `${outcome.errorsTotal} problem(s) found; nothing was inserted`,
      });
    case 'forbidden':
      return reply(403, 'forbidden', {
        rowsReceived: outcome.rowsReceived, errors: outcome.errors, errorsTotal: outcome.errorsTotal,
        message: `${outcome.scopeViolations} row(s) belong to amanahs outside the scope of this key; nothing was inserted`,
      });
    case 'too_large':
      return reply(413, 'too_large', {
        message: `the body is larger than the limit of ${outcome.limitBytes} bytes${outcome.namesSetting ? ' (KPI_INGEST_MAX_BYTES)' : ''}`,
        rowsReceived: outcome.rowsReceived,
      });
    case 'in_progress':
      return reply(409, 'conflict', { message: `a batch with Idempotency-Key ${outcome.idempotencyKey} is being ingested right now` });
    case 'key_reused':
      return reply(409, 'conflict', {
        message: `Idempotency-Key ${outcome.idempotencyKey} was already used for a different body; use a new key`,
      });
    case 'checked':
      return reply(200, null, {
        dryRun: true, rowsReceived: outcome.rowsReceived, errors: outcome.errors, errorsTotal: outcome.errorsTotal,
        preview: outcome.preview, ...(outcome.sheet ? { sheet: outcome.sheet } : {}),
        message: outcome.errorsTotal > 0
          ? `dry run: ${outcome.errorsTotal} problem(s) found; the batch would be refused${outcome.scopeViolations > 0 ? ` (${outcome.scopeViolations} row(s) outside the scope of this key)` : ''}; nothing was written`
          : `dry run: ${outcome.rowsReceived} row(s) would be inserted; nothing was written`,
      });
    case 'unauthenticated':
      return reply(401, 'unauthenticated', { message: 'an API key is required: Authorization: Bearer <key>' });
    case 'role_cannot_ingest':
      return reply(403, 'forbidden', { message: `a key with role ${outcome.role} cannot ingest; the role ingest or admin can` });
    case 'unknown_dataset':
      return reply(404, 'not_found', { message: `unknown dataset ${dataset}; known: ${DATASET_NAMES.join(', ')}` });
    case 'unsupported_content_type':
      return reply(415, 'unsupported', {
        message: `unsupported Content-Type ${outcome.contentType ?? '(none)'}: send application/x-ndjson, text/csv or application/json (UTF-8), or an XLSX workbook`,
      });
    case 'unsupported_content_encoding':
      return reply(415, 'unsupported', { message: `unsupported Content-Encoding ${outcome.encoding}` });
    case 'bad_idempotency_key':
      return reply(400, 'bad_request', { message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' });
    case 'bad_request':
      return reply(400, 'bad_request', { message: outcome.message });
    case 'replace_refused':
      return outcome.code === 'NOT_FOUND'
        ? reply(404, 'not_found', { message: outcome.message })
        : outcome.code === 'FORBIDDEN'
          ? reply(403, 'forbidden', { message: outcome.message })
          : reply(400, 'bad_request', { message: outcome.message });
    case 'failed':
      return reply(500, 'failed', { message: 'the batch could not be ingested; retry with the same Idempotency-Key' });
  }
}
