import { mergeConfig } from 'vite';
import { nodeBundle } from '../../tools/vite-node.ts';

// dist/node/bench-ingest/: the ingest-with-readers bench (`nx run api:bench-ingest`) and the readers' thread (the
// load bench's clients), in a folder of its own so that no other build replaces them.
export default mergeConfig(
  nodeBundle({ 'bench-ingest': 'apps/api/bench/ingest-readers-bench.ts', 'bench-load-clients': 'apps/api/bench/load-clients.ts' }),
  { build: { outDir: 'dist/node/bench-ingest', emptyOutDir: true, rollupOptions: { output: { chunkFileNames: 'chunks/[name].js' } } } },
);
