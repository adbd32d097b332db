import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from './migrations.js';
import { openStore, type Store } from './store.js';

/**
 * A migrated embedded store in a fresh temporary directory, for tests. chDB allows one data directory per process,
 * and vitest runs each test file in its own process (see tools/vite-node.ts), so each file calls this once.
 * `migrated: false` leaves it empty, for tests of the store and of migrating itself.
 */
export async function openTestStore({ migrated = true } = {}): Promise<Store & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-test-'));
  const store = await openStore({ kind: 'embedded', dataDir });
  if (migrated) await migrate(store);
  return Object.assign(store, {
    dataDir,
    async dispose() {
      // The engine outlives the connection in this process and may still be merging parts in the folder: stop new
      // merges first, and retry the removal while a merge already running writes its last files.
      await store.command('SYSTEM STOP MERGES').catch(() => undefined);
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  });
}
