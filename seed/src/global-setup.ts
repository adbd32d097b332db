import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, openStore, storeConfigFromEnv } from '@amanah/store';
import { seedDemo } from './seed.js';
import { SEEDED_TEMPLATE_KEY } from './testing.js';

/**
 * Vitest global setup: seeds the default demo once per test run into a template directory that
 * openSeededTestStore() copies. It runs in vitest's main process, which then holds chDB with this one directory,
 * so several projects registering this setup share one template (one promise per process).
 */
const shared = globalThis as { amanahSeededTemplate?: Promise<string> };

async function seedTemplate(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-seed-template-'));
  const store = await openStore({ kind: 'embedded', dataDir: dir });
  try {
    await migrate(store);
    await seedDemo(store);
  } finally {
    await store.close();
  }
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export default async function setup(project: TestProject): Promise<void> {
  // Over a server (npm run test:server) each file seeds a database of its own there: no embedded template.
  if (storeConfigFromEnv().kind === 'server') return;
  shared.amanahSeededTemplate ??= seedTemplate();
  project.provide(SEEDED_TEMPLATE_KEY, await shared.amanahSeededTemplate);
}
