export { IngestModule, type IngestModuleOptions } from './ingest.module.js';
export { IngestController } from './ingest.controller.js';
export { exemptIngestFromJsonBodyParser, INGEST_PATH_PREFIX, isIngestRequest } from './body-parser.js';
export {
  Ingestor,
  recoverIngests,
  type IngestError,
  type IngestHooks,
  type IngestPrincipal,
  type IngestRequest,
  type IngestorOptions,
} from './ingestor.js';
export { replyOf, type IngestAnswer, type IngestOutcome, type IngestRefusal, type IngestReply } from './outcomes.js';
export type { AuditOutcome } from './audit.js';
export { IngestBatches, type BatchRecord } from './batches.js';
export { formatOfContentType, type IngestFormat } from './formats.js';
export { validationWorkerBeside, type ValidationThreads } from './validation-pool.js';
export {
  ingestFile,
  formatOfFile,
  IngestFileError,
  type IngestFileOptions,
  type IngestFileProgress,
  type IngestFileResult,
} from './ingest-file.js';
export {
  ingestSettingsFromEnv,
  IngestSettingsError,
  DEFAULT_MAX_BODY_BYTES,
  INGEST_SETTINGS,
  type IngestSettings,
} from './ingest.settings.js';
