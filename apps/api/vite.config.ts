import { mergeConfig } from 'vite';
import { VALIDATION_WORKER_ENTRY } from '../../libs/server/ingest/validation-worker.build.ts';
import { nodeBundle } from '../../tools/vite-node.ts';

// dist/node/api.js is the server (`npm start`), dist/node/kpi.js the command-line tool (`npm run kpi`), and
// dist/node/ingest-validation-worker.js the server's ingest validation thread.
// Code both share goes to dist/node/api-chunks/ under fixed names: a folder of this project's own (Nx restores it
// from cache as a whole, and seed's build writes beside it in dist/node), and no hash, so rebuilds overwrite
// rather than accumulate.
export default mergeConfig(nodeBundle({ api: 'apps/api/src/main.ts', kpi: 'apps/api/src/cli.ts', ...VALIDATION_WORKER_ENTRY }), {
  build: { rollupOptions: { output: { chunkFileNames: 'api-chunks/[name].js' } } },
});
