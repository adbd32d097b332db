import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMetric } from '@amanah/metrics';
import { recordDataChange } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { resolveRange } from './input.js';
import { QueryRunner } from './runner.js';

// The runner keeps plans (plan-cache.ts), never answers beyond the data version: a dashboard asked again after a
// write is planned from the cache and answered from the rows as they now are.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

const visit = (ts: string) => ({ ts, amanah: 'tabuk', office: 'hq', with_appointment: false, service: 'licenses' });
const query = { metric: findMetric('office.visits')!, range: resolveRange({ from: '2024-01-01', to: '2024-12-31' }, '2025-01-01'), filters: [] };

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', [visit('2024-02-01 09:00:00'), visit('2023-02-01 09:00:00')]);
});
afterAll(() => store?.dispose());

describe('plans cached, answers not', () => {
  it.each([{ cache: true, office: 'north' }, { cache: false, office: 'south' }])('a KPI card asked again after a write counts the new rows (%o)', async ({ cache, office }) => {
    const runner = new QueryRunner(store, { cache });
    const card = async () => {
      // A card as the dashboard asks it: the value with its sparkline and its comparison's, fused into one query.
      const [kpi, sparkline] = await Promise.all([
        runner.kpi(query, 'PREVIOUS_PERIOD'),
        runner.series(query, 'MONTH'),
      ]);
      return { value: kpi.value, previous: kpi.previous, march: sparkline.series[0]!.points[2]!.value };
    };
    const before = await card();
    // Rows of another office in each case: the store drops an insert identical to an earlier one.
    await store.insert('office_visits', ['2024-03-10 09:00:00', '2024-03-11 09:00:00', '2023-05-01 09:00:00'].map((ts) => ({ ...visit(ts), office })));
    await recordDataChange(store, 'manual', 'plan cache test');
    const after = await card();
    expect(after).toEqual({ value: before.value! + 2, previous: before.previous! + 1, march: before.march! + 2 });
  });
});
