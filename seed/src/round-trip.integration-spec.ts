import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '@amanah/domain';
import { openTestStore } from '@amanah/store/testing';
import { FACTORIES, type DatasetRows } from './factories.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

/** Two rows per dataset: the factory's defaults, and one with the edge values (nulls, Arabic, false, decimals). */
const cases: { [K in keyof DatasetRows]: Partial<DatasetRows[K]>[] } = {
  portal_visits: [{}, { ts: '2024-12-31 23:59:59', amanah: 'jouf', channel: 'mobile_app', device: 'tablet', source: 'sms', page: '/خدمات' }],
  service_requests: [{}, { status: 'in_progress', completed_at: null, channel: 'call_940', service: 'electricity_appointment' }],
  licenses: [{}, { license_type: 'excavation', channel: 'balady', issued_at: '2020-01-01 00:00:00' }],
  citizen_reports: [{}, { city: 'الخبر', priority: 'urgent', status: 'open', resolved_at: null, channel: 'whatsapp' }],
  notifications: [{}, { kind: 'email', count: 4_294_967_295 }],
  social_stats: [{}, { platform: 'tiktok', followers: 2_200_000, impressions: 11_346_000, posts: 0 }],
  office_visits: [{}, { office: 'بلدية ضباء', with_appointment: false, ts: '2023-06-30 14:59:59' }],
  support_tickets: [{}, { resolved_at: null, category: 'دعم فني' }],
  participations: [{}, { kind: 'vote', channel: 'social' }],
  archived_documents: [{}, { documents: 8_000_000, attachments: 24_180_000 }],
  indicator_snapshots: [{}, { indicator: 'projects_value_sar', value: 255_000_000.75 }, { indicator: 'staff_female', value: 53.5 }],
};

describe('every dataset round-trips through the store with the factories', () => {
  it('covers every dataset of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...DATASET_NAMES].sort());
  });

  it.each(DATASET_NAMES)('%s', async (dataset) => {
    const factory = FACTORIES[dataset] as (o?: object) => object;
    const rows = (cases[dataset] as object[]).map((overrides) => factory(overrides));
    await store.insert(dataset, rows);
    const columns = Object.keys(rows[0]!);
    // Every column read back as the store returns it; ORDER BY all columns makes the order stable.
    const back = await store.select<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${dataset} ORDER BY ${columns.join(', ')}`);
    const sortKey = (row: object) => JSON.stringify(columns.map((c) => (row as Record<string, unknown>)[c]));
    expect(back.map(sortKey).sort()).toEqual(rows.map(sortKey).sort());
  });

  it('reads Riyadh timestamps back as written, and as the right UTC instant', async () => {
    const [row] = await store.select<{ utc: string }>(
      `SELECT formatDateTime(ts, '%F %T', 'UTC') AS utc FROM portal_visits WHERE amanah = 'jouf'`);
    expect(row!.utc).toBe('2024-12-31 20:59:59');
  });
});
