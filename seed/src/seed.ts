import { DATASET_NAMES, type DatasetName } from '@amanah/domain';
import { DERIVED_TABLES, recordDataChange, truncateStatement, type Store } from '@amanah/store';
import { datasetSteps, dropPlan, loadPlan } from './expand.js';
import { buildPlan } from './plan.js';

export const DEFAULT_SCALE = 1;
/** Scale 30 is about 1 billion portal visits: more than a demo machine should be asked to hold. */
export const MAX_SCALE = 30;

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export interface SeedOptions {
  /** Multiplies event volumes; the published figures hold exactly at scale 1 only. */
  scale?: number;
  /** Truncate the event tables (and their rollups) first instead of refusing a store that has data. */
  force?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  scale: number;
  seconds: number;
  rows: Record<DatasetName, number>;
  /** Seconds spent in each step (the plan, then one step per dataset). */
  steps: { step: string; seconds: number }[];
}

export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

export function validateScale(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be a number greater than 0 and at most ${MAX_SCALE}, got ${scale}`);
  }
  return scale;
}

/** Whether any event dataset has a row: the signal that a store is not empty and must not be seeded over. */
export async function storeHasEventData(store: Store): Promise<boolean> {
  for (const table of DATASET_NAMES) {
    // Table names come from the domain's list of datasets, never from input.
    const rows = await store.select<{ one: number }>(`SELECT 1 AS one FROM ${table} LIMIT 1`);
    if (rows.length > 0) return true;
  }
  return false;
}

/** Empties every event table and the tables their materialized views feed (on a cluster, their local tables). */
export async function truncateEventData(store: Store): Promise<void> {
  // Table names come from the domain's dataset list and the store's list of derived tables, never from input.
  for (const table of [...DATASET_NAMES, ...DERIVED_TABLES]) await store.command(truncateStatement(store.config, table));
}

/**
 * Seeds the demo data: all 17 amanahs, every dataset, 2020-01-01..2025-12-31, calibrated to the published figures.
 * The same scale gives the same rows on every run and machine.
 */
export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<SeedReport> {
  const scale = validateScale(options.scale ?? DEFAULT_SCALE);
  const started = performance.now();
  if (await storeHasEventData(store)) {
    if (!options.force) {
      throw new SeedRefusedError(
        `${store.description} already has event data: seeding refused. Use --force (force: true) to empty the event tables and seed again.`,
      );
    }
    await truncateEventData(store);
  }
  const t = performance.now();
  const plan = buildPlan(scale);
  const planSeconds = (performance.now() - t) / 1000;
  const steps = datasetSteps(plan);
  const total = steps.length + 1;
  const report = (step: string, done: number) => options.onProgress?.({ step, done, total });
  const timings: SeedReport['steps'] = [{ step: 'compute plan', seconds: planSeconds }];
  const timed = async (step: string, run: () => Promise<void>) => {
    const t = performance.now();
    await run();
    timings.push({ step, seconds: (performance.now() - t) / 1000 });
  };
  report('plan', 0);
  await timed('plan', () => loadPlan(store, plan));
  report('plan', 1);
  try {
    for (const [k, step] of steps.entries()) {
      report(step.dataset, k + 1);
      await timed(step.dataset, () => step.run(store));
    }
  } finally {
    await dropPlan(store);
    // Even a seeding that failed half-way changed the data: answers cached before it must not be served.
    await recordDataChange(store, 'seed');
  }
  report('done', total);
  return { scale, seconds: (performance.now() - started) / 1000, rows: await countRows(store), steps: timings };
}

export async function countRows(store: Store): Promise<Record<DatasetName, number>> {
  const rows = {} as Record<DatasetName, number>;
  for (const table of DATASET_NAMES) {
    const [row] = await store.select<{ n: number }>(`SELECT count() AS n FROM ${table}`);
    rows[table] = row?.n ?? 0;
  }
  return rows;
}
