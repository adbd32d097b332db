import { mergeConfig } from 'vite';
import { nodeBundle } from '../../../../tools/vite-node.ts';
import { VALIDATION_WORKER_ENTRY } from '../validation-worker.build.ts';

// dist/node/ingest-bench/: the ingest benchmark, run by `nx run ingest:bench` (never part of the tests), with the
// validation thread beside it as the API's build has it — in a folder of its own, so that neither build replaces
// the other's thread.
export default mergeConfig(nodeBundle({ 'ingest-bench': 'libs/server/ingest/bench/ingest.bench.ts', ...VALIDATION_WORKER_ENTRY }), {
  build: { outDir: 'dist/node/ingest-bench', emptyOutDir: true, rollupOptions: { output: { chunkFileNames: 'chunks/[name].js' } } },
});
