/**
 * The validation thread's bundle entry (src/validation-worker.ts), for every build that serves ingestion: the API,
 * the bench, the tests. Each writes it beside its own entry as ingest-validation-worker.js, where
 * `validationWorkerBeside(import.meta.url)` finds it.
 */
export const VALIDATION_WORKER_ENTRY = { 'ingest-validation-worker': 'libs/server/ingest/src/validation-worker.ts' };
