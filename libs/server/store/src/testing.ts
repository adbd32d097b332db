import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeConfigFromEnv } from './config.js';
import { migrate } from './migrations.js';
import { openStore, type Store, type StoreOptions } from './store.js';

export type TestStore = Store & {
  /** The embedded store's directory; undefined over a server. */
  dataDir: string | undefined;
  dispose(): Promise<void>;
};

/**
 * A migrated store of this test file's own, for tests. By default an embedded store in a fresh temporary directory:
 * chDB allows one data directory per process, and vitest runs each test file in its own process (see
 * tools/vite-node.ts), so each file calls this once. With CLICKHOUSE_URL set (`npm run test:server`, the conformance
 * suite) it is a fresh database on that server or cluster instead (`<CLICKHOUSE_DATABASE>_t<random>`), dropped by
 * dispose(). `migrated: false` leaves it empty, for tests of the store and of migrating itself.
 */
export async function openTestStore({ migrated = true, ...options }: { migrated?: boolean } & StoreOptions = {}): Promise<TestStore> {
  const config = storeConfigFromEnv();
  if (config.kind === 'server') {
    const database = `${config.database === 'default' ? 'kpi' : config.database}_t${randomBytes(6).toString('hex')}`;
    const store = await openStore({ ...config, database }, options);
    if (migrated) await migrate(store);
    return Object.assign(store, {
      dataDir: undefined,
      async dispose() {
        const onCluster = config.cluster ? ` ON CLUSTER ${config.cluster}` : '';
        await store.command(`DROP DATABASE IF EXISTS ${database}${onCluster} SYNC`).catch(() => undefined);
        await store.close();
      },
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-test-'));
  const store = await openStore({ kind: 'embedded', dataDir }, options);
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

export { rollupsAgainstRaw, type RowsDigest } from './testing-rollups.js';
