import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Bundles the API and the CLI (apps/api/vite.config.ts: api.js, kpi.js) from the sources under test, as `npm run kpi`
 * runs them, into a new folder inside the workspace's tmp/ (so npm packages resolve); the caller removes it.
 */
export async function bundleApi(prefix: string): Promise<string> {
  fs.mkdirSync(path.join(workspaceRoot, 'tmp'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', prefix));
  await build({
    configFile: path.join(workspaceRoot, 'apps/api/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
