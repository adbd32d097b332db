import { Controller, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DATASET_NAMES, type DatasetName } from '@amanah/domain';
import { formatOfContentType } from './formats.js';
import { Ingestor, type AuditOutcome, type IngestAnswer, type IngestPrincipal } from './ingestor.js';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings.js';

const WRITER_ROLES: ReadonlySet<IngestPrincipal['role']> = new Set(['ingest', 'admin']);

/**
 * POST /api/ingest/:dataset. The body is read here as a stream (never by a body parser): see
 * `exemptIngestFromJsonBodyParser`. Every request, whatever its outcome, leaves one row in ingest_audit.
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
    const principal = (req as Request & { principal?: IngestPrincipal }).principal;
    const contentType = req.headers['content-type'];
    const idempotencyKey = headerValue(req.headers['idempotency-key']);
    const reply = async (status: number, outcome: AuditOutcome, answer: IngestAnswer, bytes = 0, rowsByAmanah?: Record<string, number>) => {
      if (status === 413 || !req.readableEnded) res.setHeader('Connection', 'close'); // the rest of the body is not read
      res.status(status).json(answer);
      await this.ingestor
        .audit({
          principal, dataset, idempotencyKey, contentType, outcome, status, bytes,
          rowsReceived: answer.rowsReceived, rowsInserted: answer.rowsInserted, rowsByAmanah, errorsTotal: answer.errorsTotal,
          durationMs: performance.now() - started,
        })
        .catch((error: unknown) => this.logger.error(`could not write the audit row: ${String(error)}`));
    };
    const refuse = (status: number, outcome: AuditOutcome, message: string) =>
      reply(status, outcome, { dataset, rowsReceived: 0, rowsInserted: 0, errors: [], errorsTotal: 0, message });

    if (!principal) return refuse(401, 'unauthenticated', 'an API key is required: Authorization: Bearer <key>');
    if (!WRITER_ROLES.has(principal.role)) {
      return refuse(403, 'forbidden', `a key with role ${principal.role} cannot ingest; the role ingest or admin can`);
    }
    if (!(DATASET_NAMES as string[]).includes(dataset)) {
      return refuse(404, 'not_found', `unknown dataset ${dataset}; known: ${DATASET_NAMES.join(', ')}`);
    }
    const format = formatOfContentType(contentType);
    if (!format) {
      return refuse(415, 'unsupported',
        `unsupported Content-Type ${contentType ?? '(none)'}: send application/x-ndjson, text/csv or application/json (UTF-8)`);
    }
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return refuse(415, 'unsupported', `unsupported Content-Encoding ${encoding}`);
    if (idempotencyKey !== undefined && !Ingestor.isValidIdempotencyKey(idempotencyKey)) {
      return refuse(400, 'bad_request', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.settings.maxBodyBytes) {
      return refuse(413, 'too_large', `the body is larger than the limit of ${this.settings.maxBodyBytes} bytes (KPI_INGEST_MAX_BYTES)`);
    }

    try {
      const result = await this.ingestor.ingest({
        dataset: dataset as DatasetName, format, body: req, principal, idempotencyKey, maxBytes: this.settings.maxBodyBytes,
      });
      await reply(result.status, result.outcome, result.answer, result.bytes, result.rowsByAmanah);
    } catch (error) {
      this.logger.error(`ingest of ${dataset} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent && !req.destroyed) await refuse(500, 'failed', 'the batch could not be ingested; retry with the same Idempotency-Key');
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
