import { mergeConfig } from 'vite';
import { nodeBundle } from '../../../../tools/vite-node.ts';

// dist/node/ingest-bench.js: the ingest benchmark, run by `nx run ingest:bench` (never part of the tests).
export default mergeConfig(nodeBundle({ 'ingest-bench': 'libs/server/ingest/bench/ingest.bench.ts' }), {
  build: { rollupOptions: { output: { chunkFileNames: 'ingest-bench-chunks/[name].js' } } },
});
