import { nodeBundle } from '../../../../tools/vite-node.ts';

// The child process of the withdrawal crash test (src/withdraw-crash.integration-spec.ts), bundled for plain node;
// the test sets the output folder. It validates on the event loop: no validation thread to bundle.
export default nodeBundle({ 'withdraw-crash-child': 'libs/server/ingest/src/testing/withdraw-crash-child.ts' });
