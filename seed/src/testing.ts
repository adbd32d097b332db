import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import { migrate, openStore, storeConfigFromEnv, type Store, type StoreOptions } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { measureFigure } from './figure-queries.js';
import type { PublishedFigure } from './figures.js';
import { seedDemo } from './seed.js';

export type SeededTestStore = Store & { dataDir: string | undefined; dispose(): Promise<void> };

/** The key under which the seed's vitest global setup provides the template directory. */
export const SEEDED_TEMPLATE_KEY = 'amanahSeededTemplate';

declare module 'vitest' {
  export interface ProvidedContext {
    amanahSeededTemplate: string;
  }
}

/**
 * A store with the default demo data (scale 1), in a fresh temporary directory of this test file's own.
 * With the seed's global setup registered (see seed/README.md), the demo is seeded once per run into a template
 * directory and each file copies it (a few seconds instead of a minute); without it, the file seeds its own store.
 * With CLICKHOUSE_URL set (`npm run test:server`) it is a database of its own on that server, seeded there.
 */
export async function openSeededTestStore(options: StoreOptions = {}): Promise<SeededTestStore> {
  if (storeConfigFromEnv().kind === 'server') {
    const store = await openTestStore(options);
    await seedDemo(store);
    return store;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-seeded-'));
  const template = providedTemplate();
  if (template) copyStore(template, dataDir);
  const store = await openStore({ kind: 'embedded', dataDir }, options);
  await migrate(store);
  if (!template) await seedDemo(store);
  return Object.assign(store, {
    dataDir,
    async dispose() {
      await store.close();
      // The engine may still be finishing a merge or mutation's files as it closes: retry a directory not yet empty.
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  });
}

/**
 * A copy of the seeded demo template in a fresh temporary directory, not opened: for a test whose child processes
 * open the store (chDB: one data directory per process). Needs the seed's global setup.
 */
export function copySeededTemplate(): string {
  const template = providedTemplate();
  if (!template) throw new Error('copySeededTemplate needs the seed global setup (see seed/README.md).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-seeded-'));
  copyStore(template, dataDir);
  return dataDir;
}

/**
 * The template's engine lives on in vitest's main process and may remove a merged-away part while we copy:
 * a vanished file means "copy again", not a broken template.
 */
function copyStore(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.cpSync(from, to, { recursive: true });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 5) throw error;
      fs.rmSync(to, { recursive: true, force: true });
      fs.mkdirSync(to, { recursive: true });
    }
  }
}

function providedTemplate(): string | undefined {
  try {
    const dir = inject(SEEDED_TEMPLATE_KEY);
    return dir && fs.existsSync(path.join(dir, 'metadata')) ? dir : undefined;
  } catch {
    return undefined; // not inside vitest, or no global setup provided it
  }
}

/** Expects the store to reproduce one published figure: exactly, or within its published bounds ("more than …"). */
export async function expectPublishedFigure(store: Store, figure: PublishedFigure): Promise<void> {
  const value = await measureFigure(store, figure);
  if (figure.expected.kind === 'exact') {
    expect(value, figure.says).toBe(figure.expected.value);
  } else {
    expect(value, figure.says).toBeGreaterThanOrEqual(figure.expected.atLeast);
    expect(value, figure.says).toBeLessThan(figure.expected.below);
  }
}
