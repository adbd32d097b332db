export { IngestModule, type IngestModuleOptions } from './ingest.module.js';
export { IngestController } from './ingest.controller.js';
export { exemptIngestFromJsonBodyParser, INGEST_PATH_PREFIX } from './body-parser.js';
export {
  Ingestor,
  recoverIngests,
  type IngestAnswer,
  type IngestError,
  type IngestHooks,
  type IngestOutcome,
  type IngestPrincipal,
  type IngestRequest,
  type IngestorOptions,
  type AuditOutcome,
} from './ingestor.js';
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
