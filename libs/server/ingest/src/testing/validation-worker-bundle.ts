import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const workspaceRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/**
 * Bundles the validation thread for a test (vitest runs TypeScript in its own process, a worker thread is plain
 * node). npm packages stay external and resolve from the workspace's node_modules, hence a folder inside the
 * workspace's tmp/. Returns the script and a function that removes the folder.
 */
export async function bundleValidationWorker(): Promise<{ script: string; remove(): void }> {
  const outDir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', 'ingest-validation-worker-'));
  await build({
    configFile: path.join(workspaceRoot, 'libs/server/ingest/testing/validation-worker.vite.config.ts'),
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return { script: path.join(outDir, 'ingest-validation-worker.js'), remove: () => fs.rmSync(outDir, { recursive: true, force: true }) };
}
