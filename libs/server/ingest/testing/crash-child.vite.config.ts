import { nodeBundle } from '../../../../tools/vite-node.ts';

// The child process of the crash test (src/ingest-crash.integration-spec.ts), bundled for plain node; the test
// sets the output folder.
export default nodeBundle({ 'crash-child': 'libs/server/ingest/src/testing/crash-child.ts' });
