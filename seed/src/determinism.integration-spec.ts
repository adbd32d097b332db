import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES, DATASETS } from '@amanah/domain';
import { openTestStore } from '@amanah/store/testing';
import { SeedRefusedError, seedDemo, storeHasEventData } from './seed.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

/**
 * Row count and an order-independent checksum of every field of every row, per dataset, at scale 0.01.
 * Committed here so that any change to what the seed generates (on any machine) fails this test; when the
 * generator is changed on purpose, update these numbers in the same commit.
 */
const EXPECTED_AT_SCALE_0_01: Record<string, { rows: number; checksum: string }> = {
  portal_visits: { rows: 289056, checksum: '867280201987991578' },
  service_requests: { rows: 58585, checksum: '16035113445042373609' },
  licenses: { rows: 11145, checksum: '9616219072008582232' },
  citizen_reports: { rows: 16024, checksum: '8496394945870533050' },
  notifications: { rows: 608924, checksum: '13845686720697838691' },
  social_stats: { rows: 298112, checksum: '12715252987424065649' },
  office_visits: { rows: 14778, checksum: '13297039503236995478' },
  support_tickets: { rows: 542, checksum: '7528379676330165964' },
  participations: { rows: 1661, checksum: '11910868944945235005' },
  archived_documents: { rows: 25976, checksum: '16288126192853819104' },
  indicator_snapshots: { rows: 9792, checksum: '11969942119901738002' },
};

async function checksums(): Promise<Record<string, { rows: number; checksum: string }>> {
  const out: Record<string, { rows: number; checksum: string }> = {};
  for (const table of DATASET_NAMES) {
    // The dataset's own columns (not bookkeeping such as ingest_batch): the seed's rows are what is compared.
    const columns = DATASETS[table].fields.map((field) => field.name).join(', ');
    const [row] = await store.select<{ rows: number; checksum: string }>(
      `SELECT count() AS rows, toString(sum(cityHash64(${columns}))) AS checksum FROM ${table}`);
    out[table] = row!;
  }
  return out;
}

describe('the demo seed is deterministic', () => {
  it('gives the committed rows and checksums at scale 0.01, on an empty store', async () => {
    expect(await storeHasEventData(store)).toBe(false);
    const report = await seedDemo(store, { scale: 0.01 });
    const actual = await checksums();
    expect(actual).toEqual(EXPECTED_AT_SCALE_0_01);
    expect(report.rows.portal_visits).toBe(actual.portal_visits!.rows);
    expect(await storeHasEventData(store)).toBe(true);
  });

  it('refuses a store that has event data, without force', async () => {
    await expect(seedDemo(store, { scale: 0.01 })).rejects.toThrow(SeedRefusedError);
    await expect(seedDemo(store, { scale: 0.01 })).rejects.toThrow(/already has event data.*--force/);
  });

  it('scales event volumes with --scale, and force empties raw tables and rollups before seeding', async () => {
    const before = await checksums();
    const progress: string[] = [];
    await seedDemo(store, { scale: 0.02, force: true, onProgress: (p) => progress.push(`${p.step} ${p.done}/${p.total}`) });
    expect(progress[0]).toBe('plan 0/12');
    expect(progress.at(-1)).toBe('done 12/12');
    const doubled = await checksums();
    for (const table of ['portal_visits', 'service_requests', 'citizen_reports', 'office_visits']) {
      expect(doubled[table]!.rows / before[table]!.rows, table).toBeCloseTo(2, 1);
    }
    // Levels and per-platform daily rows do not scale.
    expect(doubled.social_stats!.rows).toBe(before.social_stats!.rows);
    expect(doubled.indicator_snapshots).toEqual(before.indicator_snapshots);
    const [rollup] = await store.select<{ raw: number; daily: number }>(
      `SELECT (SELECT count() FROM service_requests) AS raw, (SELECT sum(requests) FROM service_requests_daily) AS daily`);
    expect(rollup!.daily).toBe(rollup!.raw);

    await seedDemo(store, { scale: 0.01, force: true });
    expect(await checksums()).toEqual(before);
  });

  it('rejects a scale that is not a positive number within bounds', async () => {
    for (const scale of [0, -1, Number.NaN, 31]) {
      await expect(seedDemo(store, { scale, force: true })).rejects.toThrow(/scale must be a number greater than 0 and at most 30/);
    }
  });
});
