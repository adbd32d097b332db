// The benches' stores: `tmp/bench/scale-<scale>`, seeded once and reused by every later run (never committed).
import fs from 'node:fs';
import path from 'node:path';
import { seedDemo, storeHasEventData } from '@amanah/seed';
import { migrate, openStore, type Store } from '@amanah/store';

/** The bench store of `scale` (or `dataDir`), migrated, and seeded if it holds no events. */
export async function openSeededStore(scale: number, dataDir = path.resolve(`tmp/bench/scale-${scale}`)): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true });
  const store = await openStore({ kind: 'embedded', dataDir });
  await migrate(store);
  if (!(await storeHasEventData(store))) {
    console.log(`seeding ${dataDir} at scale ${scale} (once; later runs reuse it)…`);
    const report = await seedDemo(store, { scale });
    console.log(`seeded in ${report.seconds.toFixed(1)} s`);
  }
  return store;
}

/**
 * A copy of the bench store of `scale` in `tmp/bench/<name>-<pid>`, opened: a bench that writes (ingest) never grows
 * the store the others measure. The caller closes it and removes `dataDir`.
 */
export async function openCopyOfSeededStore(scale: number, name: string): Promise<{ store: Store; dataDir: string }> {
  const template = await openSeededStore(scale);
  const templateDir = path.resolve(`tmp/bench/scale-${scale}`);
  await template.close();
  const dataDir = path.resolve(`tmp/bench/${name}-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.cpSync(templateDir, dataDir, { recursive: true });
  return { store: await openStore({ kind: 'embedded', dataDir }), dataDir };
}
