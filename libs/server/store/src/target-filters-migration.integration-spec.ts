import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from './testing.js';
import { MIGRATIONS, migrate } from './migrations.js';

// Migration 0115 adds targets.filters to a store that already holds targets (0095): those read as set without
// filters, and a filtered target of the same metric, amanah and days is a second target, not a version of the first.
let store: Awaited<ReturnType<typeof openTestStore>>;

const target = { metric: 'reports.received', amanah: 'hail', starts_on: '2024-01-01', ends_on: '2024-12-31', calendar: 'GREGORIAN', period_label: '2024' };
const who = { set_by_key_id: 'k', set_by_label: 'analyst', set_at: '2024-05-01 10:00:00.000' };

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
  await migrate(store, MIGRATIONS.filter((m) => m.version < 115));
  await store.insert('targets', [{ ...target, value: 1464, ...who, version: 1 }]);
  await migrate(store);
});
afterAll(() => store?.dispose());

describe('migration 0115: target filters', () => {
  it('gives the targets stored before it no filters, and keeps a filtered one of the same slot beside them', async () => {
    expect(await store.select('SELECT metric, value, filters FROM targets FINAL')).toEqual([{ metric: 'reports.received', value: 1464, filters: '' }]);
    const app = JSON.stringify([{ dimension: 'channel', values: ['app'] }]);
    await store.insert('targets', [{ ...target, value: 732, filters: app, ...who, version: 2 }]);
    expect(await store.select('SELECT value, filters FROM targets FINAL ORDER BY filters')).toEqual([{ value: 1464, filters: '' }, { value: 732, filters: app }]);
  });
});
