import { Controller, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { principalOf, roleMay } from '@amanah/access';
import { DATASET_NAMES, type DatasetName } from '@amanah/domain';
import { formatOfContentType } from './formats.js';
import { Ingestor } from './ingestor.js';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings.js';
import { BatchError } from './batches.js';
import { replyOf, type IngestOutcome, type IngestRefusal } from './outcomes.js';

/**
 * POST /api/ingest/:dataset. The body is read here as a stream (never by a body parser): see
 * `exemptIngestFromJsonBodyParser`. Checks the request, hands it to the Ingestor, and answers the outcome through
 * `replyOf` (outcomes.ts: every status code in one place). Every request, whatever its outcome, leaves one row in
 * ingest_audit — but a dry run (`?dryRun=true`), which keeps nothing (an NDJSON one's stages are dropped before it
 * answers: Ingestor.dryRun).
 */
@Controller('api/ingest')
export class IngestController {
  private readonly logger = new Logger('Ingest');

  constructor(
    private readonly ingestor: Ingestor,
    @Inject(INGEST_SETTINGS) private readonly settings: IngestSettings,
  ) {}

  @Post(':dataset')
  async ingest(@Param('dataset') dataset: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const started = performance.now();
    const principal = principalOf(req);
    const contentType = req.headers['content-type'];
    const idempotencyKey = headerValue(req.headers['idempotency-key']);
    const dryRun = dryRunOf(req.query.dryRun);
    const reply = async (outcome: IngestOutcome | IngestRefusal) => {
      const { status, outcome: audited, answer } = replyOf(dataset, outcome);
      if (status === 413 || !req.readableEnded) res.setHeader('Connection', 'close'); // the rest of the body is not read
      res.status(status).json(answer);
      if (audited === null || dryRun) return; // a dry run keeps nothing, its audit row included
      await this.ingestor
        .audit({
          principal, dataset, idempotencyKey, contentType, outcome: audited, status,
          bytes: 'bytes' in outcome ? outcome.bytes : 0,
          rowsReceived: answer.rowsReceived, rowsInserted: answer.rowsInserted,
          rowsByAmanah: outcome.kind === 'committed' ? outcome.rowsByAmanah : undefined, errorsTotal: answer.errorsTotal,
          durationMs: performance.now() - started,
        })
        .catch((error: unknown) => this.logger.error(`could not write the audit row: ${String(error)}`));
    };

    if (!principal) return reply({ kind: 'unauthenticated' });
    // Access's one table decides (roles.ts); the rows' amanahs are checked against the key's scope while they stream.
    if (!roleMay(principal.role, principal.amanahs, 'ingest')) return reply({ kind: 'role_cannot_ingest', role: principal.role });
    if (!(DATASET_NAMES as string[]).includes(dataset)) return reply({ kind: 'unknown_dataset' });
    if (dryRun === null) return reply({ kind: 'bad_request', message: 'dryRun must be true or false' });
    const format = formatOfContentType(contentType);
    if (!format) return reply({ kind: 'unsupported_content_type', contentType });
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return reply({ kind: 'unsupported_content_encoding', encoding });
    if (idempotencyKey !== undefined && !Ingestor.isValidIdempotencyKey(idempotencyKey)) return reply({ kind: 'bad_idempotency_key' });
    const sourceFile = sourceFileOf(headerValue(req.headers['x-source-filename']));
    if (sourceFile === null) return reply({ kind: 'bad_request', message: 'X-Source-Filename must be a file name of at most 255 characters (percent-encoded UTF-8)' });
    const replaces = replaceOf(req.query);
    if (replaces === null) return reply({ kind: 'bad_request', message: 'a replace needs both ?replaces=<batch id> and ?reason=<why>' });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.settings.maxBodyBytes) {
      return reply({ kind: 'too_large', limitBytes: this.settings.maxBodyBytes, rowsReceived: 0, bytes: 0, namesSetting: true });
    }

    try {
      if (dryRun) {
        const sheet = typeof req.query.sheet === 'string' && req.query.sheet !== '' ? req.query.sheet : undefined;
        return await reply(await this.ingestor.dryRun({ dataset: dataset as DatasetName, format, body: req, principal, maxBytes: this.settings.maxBodyBytes, sheet, replaces }));
      }
      await reply(
        await this.ingestor.ingest({
          dataset: dataset as DatasetName, format, body: req, principal, idempotencyKey, maxBytes: this.settings.maxBodyBytes, sourceFile,
          sheet: typeof req.query.sheet === 'string' && req.query.sheet !== '' ? req.query.sheet : undefined,
          replaces,
        }),
      );
    } catch (error) {
      if (error instanceof BatchError) return reply({ kind: 'replace_refused', code: error.code, message: error.message });
      this.logger.error(`ingest of ${dataset} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent && !req.destroyed) await reply({ kind: 'failed' });
    }
  }
}

/** The file name of X-Source-Filename (percent-decoded, path dropped); undefined without one, null when unusable. */
function sourceFileOf(header: string | undefined): string | undefined | null {
  if (header === undefined || header === '') return undefined;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return null;
  }
  name = name.split(/[\\/]/).pop()!.trim();
  // eslint-disable-next-line no-control-regex
  return name.length === 0 || name.length > 255 || /[\u0000-\u001f\u007f]/.test(name) ? null : name;
}

/** `?dryRun=true`: check and preview only. Undefined/false: ingest; null: neither. */
function dryRunOf(value: unknown): boolean | null {
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : null;
}

/** `?replaces=<batch id>&reason=<why>`: undefined when neither is given, null when only one is. */
function replaceOf(query: Request['query']): { batchId: string; reason: string } | undefined | null {
  const batchId = typeof query.replaces === 'string' ? query.replaces : undefined;
  const reason = typeof query.reason === 'string' ? query.reason : undefined;
  if (batchId === undefined && reason === undefined) return undefined;
  return batchId && reason ? { batchId, reason } : null;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
