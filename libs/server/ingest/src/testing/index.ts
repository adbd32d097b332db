/**
 * @amanah/ingest/testing: the ingest lib's test harnesses, for other projects' tests and benches (this lib's own
 * specs import the files relatively, as Nx requires inside a project).
 */
export { startIngestApp } from './ingest-test-app.js';
export { bundleValidationWorker } from './validation-worker-bundle.js';
export { uploadFromThread, type Upload } from './upload-thread.js';
