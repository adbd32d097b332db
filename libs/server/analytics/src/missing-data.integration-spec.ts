import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataChange, runWithWork, type Store } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { DataArrivals } from './missing-data.js';

// The missing-data cache is kept per dataset: an upload to one dataset reads that dataset again, not every one.
let store: Awaited<ReturnType<typeof openTestStore>>;
let periodReads: string[];
let arrivals: DataArrivals;

const JANUARY = { from: '2024-01-01', to: '2024-01-31' };
const TODAY = '2024-02-15';
const visit = (amanah: string, ts: string) => ({ ts, amanah, channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' });
const office = (amanah: string, ts: string) => ({ ts, amanah, office: 'hq', with_appointment: true, service: 'licenses' });

beforeAll(async () => {
  store = await openTestStore();
  periodReads = [];
  // The real store, with its reads of periods noted (the query that groups every amanah's periods).
  const watched = new Proxy(store, {
    get(target, property) {
      if (property === 'select') {
        return (sql: string, ...rest: unknown[]) => {
          if (sql.includes('groupUniqArray')) periodReads.push(sql);
          return (target.select as (...args: unknown[]) => unknown)(sql, ...rest);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as Store;
  arrivals = new DataArrivals(watched);
  await store.insert('portal_visits', [visit('tabuk', '2024-01-05 10:00:00')]);
  await store.insert('office_visits', [office('tabuk', '2024-01-05 10:00:00')]);
  await recordDataChange(store, 'manual', 'test');
});
afterAll(async () => {
  await store?.dispose();
});

/** An upload of `rows` to `dataset` as the store records one: its rows, its batch log row, its data change. */
async function upload(dataset: string, batchId: string, rows: object[]): Promise<void> {
  await store.insert(dataset, rows);
  await store.insert('ingest_batch_log', [{ batch_id: batchId, dataset, rows: rows.length, status: 'COMMITTED', version: 1 }]);
  await recordDataChange(store, 'ingest', batchId);
}

describe('missing data, cached per dataset', () => {
  it('reads a dataset again after its own upload only, and every dataset after a change of no one dataset', async () => {
    const v1 = await store.readDataVersion();
    const visits = await arrivals.missing(v1, 'portal_visits', ['tabuk'], JANUARY, TODAY);
    expect(visits?.amanahs).toEqual([{ amanah: 'tabuk', count: 30, spans: [{ from: '2024-01-01', to: '2024-01-04' }, { from: '2024-01-06', to: '2024-01-31' }] }]);
    expect(await arrivals.missing(v1, 'office_visits', ['tabuk'], JANUARY, TODAY)).toBeNull();
    expect((await arrivals.missing(v1, 'office_visits', ['hail'], JANUARY, TODAY))?.amanahs).toEqual([
      { amanah: 'hail', count: 1, spans: [JANUARY] },
    ]);
    expect(periodReads).toHaveLength(2);

    // Hail's January arrives: office visits are read again, portal visits are not.
    await upload('office_visits', 'b0000000000000001', [office('hail', '2024-01-20 09:00:00')]);
    const v2 = await store.readDataVersion();
    expect(v2).toBeGreaterThan(v1);
    expect(await arrivals.missing(v2, 'portal_visits', ['tabuk'], JANUARY, TODAY)).toEqual(visits);
    expect(periodReads).toHaveLength(2);
    expect(await arrivals.missing(v2, 'office_visits', ['hail'], JANUARY, TODAY)).toBeNull();
    expect(periodReads).toHaveLength(3);
    expect(periodReads[2]).not.toBe(periodReads[0]);

    // A write of no one dataset (the seeding, a repair) may touch any: each is read again once.
    await store.insert('portal_visits', [visit('tabuk', '2024-01-06 10:00:00')]);
    await recordDataChange(store, 'manual', 'repair');
    const v3 = await store.readDataVersion();
    expect((await arrivals.missing(v3, 'portal_visits', ['tabuk'], JANUARY, TODAY))?.amanahs[0]?.count).toBe(29);
    expect(await arrivals.missing(v3, 'office_visits', ['hail'], JANUARY, TODAY)).toBeNull();
    expect(periodReads).toHaveLength(5);
    await arrivals.missing(v3, 'portal_visits', ['tabuk'], JANUARY, TODAY);
    expect(periodReads).toHaveLength(5);
  });

  it('a read refused for the request that started it (its deadline) is read again for a request sharing it', async () => {
    const fresh = new DataArrivals(store);
    const version = await store.readDataVersion();
    const ask = () => fresh.missing(version, 'portal_visits', ['tabuk'], JANUARY, TODAY);
    const late = runWithWork({ lane: 'late', kind: 'read', deadline: Date.now() - 1 }, ask);
    const onTime = runWithWork({ lane: 'on-time', kind: 'read', deadline: Date.now() + 60_000 }, ask);
    await expect(late).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect((await onTime)?.amanahs[0]?.count).toBe(29);
  });
});
