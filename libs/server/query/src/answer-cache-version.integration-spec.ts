import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMetric } from '@amanah/metrics';
import { recordDataChange, rollupViewsOf } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { resolveRange } from './input.js';
import { QueryRunner } from './runner.js';

// The answer cache is keyed by the data version (the count of data_changes). A store restored from a backup counts
// from an older version again, and once its own writes bring it back to a version the cache has answers of, those
// answers are of other data: they must be gone, not served.
let store: Awaited<ReturnType<typeof openTestStore>>;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

const visit = (i: number) => ({ ts: '2024-03-05 10:00:00', amanah: 'hail', channel: 'web', visitor_id: `v${i}`, session_id: `s${i}`, page: '/', device: 'mobile', source: 'direct' });
const visits = (from: number, n: number) => Array.from({ length: n }, (_, i) => visit(from + i));

describe('the answer cache when the data version goes back', () => {
  it('drops the answers of a version the store reaches again after a restore', async () => {
    const runner = new QueryRunner(store);
    const query = { metric: findMetric('portal.visits')!, range: resolveRange({ from: '2024-03-01', to: '2024-03-31' }, '2025-01-01'), filters: [] };
    const visitsNow = async () => (await runner.kpi(query, 'NONE')).value;

    await store.insert('portal_visits', visits(0, 10));
    await recordDataChange(store, 'manual', 'first load'); // version 1
    expect(await visitsNow()).toBe(10);
    await store.insert('portal_visits', visits(10, 5));
    await recordDataChange(store, 'manual', 'second load'); // version 2
    expect(await visitsNow()).toBe(15); // cached under version 2
    expect(await store.readDataVersion()).toBe(2);

    // As a restore of the backup taken at version 1 leaves the store (a server's RESTORE while the API runs): the 10
    // visits, one recorded change.
    for (const table of ['portal_visits', ...rollupViewsOf('portal_visits').map((v) => v.table), 'data_changes']) {
      await store.command(`TRUNCATE TABLE ${table}`);
    }
    await store.insert('portal_visits', visits(0, 10));
    await recordDataChange(store, 'manual', 'the backup\'s change');
    expect(await store.readDataVersion()).toBe(1);
    expect(await visitsNow()).toBe(10);

    // The restored store's next write brings it to version 2 again, with other data than the cached answer's.
    await store.insert('portal_visits', visits(100, 3));
    await recordDataChange(store, 'manual', 'after the restore');
    expect(await store.readDataVersion()).toBe(2);
    expect(await visitsNow()).toBe(13);
  });
});
