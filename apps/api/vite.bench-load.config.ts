import { mergeConfig } from 'vite';
import { VALIDATION_WORKER_ENTRY } from '../../libs/server/ingest/validation-worker.build.ts';
import { nodeBundle } from '../../tools/vite-node.ts';

// dist/node/bench-load/: the hostile-load bench (`nx run api:bench-load`), its client thread, and the ingest
// validation thread beside it as the server has it — in a folder of its own, so that no other build replaces them.
export default mergeConfig(
  nodeBundle({ 'bench-load': 'apps/api/bench/load-bench.ts', 'bench-load-clients': 'apps/api/bench/load-clients.ts', ...VALIDATION_WORKER_ENTRY }),
  { build: { outDir: 'dist/node/bench-load', emptyOutDir: true, rollupOptions: { output: { chunkFileNames: 'chunks/[name].js' } } } },
);
