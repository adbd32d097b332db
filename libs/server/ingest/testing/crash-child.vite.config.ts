import { nodeBundle } from '../../../../tools/vite-node.ts';
import { VALIDATION_WORKER_ENTRY } from '../validation-worker.build.ts';

// The child process of the crash test (src/ingest-crash.integration-spec.ts) and its validation thread, bundled for
// plain node; the test sets the output folder.
export default nodeBundle({ 'crash-child': 'libs/server/ingest/src/testing/crash-child.ts', ...VALIDATION_WORKER_ENTRY });
