import { nodeBundle } from '../../../../tools/vite-node.ts';
import { VALIDATION_WORKER_ENTRY } from '../validation-worker.build.ts';

// The validation thread alone, for tests that run the ingest module in vitest's process; the test sets the folder.
export default nodeBundle(VALIDATION_WORKER_ENTRY);
