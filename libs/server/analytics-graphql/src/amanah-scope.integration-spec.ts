import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '@amanah/access';
import { graphql, startAccessTestApp, STORE, type TestApp } from '@amanah/access/testing';
import { REPO_DASHBOARDS_DIR, openOfficeVisitsStore } from '@amanah/analytics/testing';
import { AnalyticsModule } from './analytics.module.js';

// The access layer's scope reaching the real analytics resolvers and query planner: a key for Jeddah sees Jeddah
// only, whatever its arguments ask, and answers cached for one scope are never served to another. (The full-app
// leak suite over every query and filter lives with the API.)
let store: Awaited<ReturnType<typeof openOfficeVisitsStore>>;
let api: TestApp;
let jeddah: string;
let all: string;

beforeAll(async () => {
  store = await openOfficeVisitsStore();
  api = await startAccessTestApp(store, {}, [AnalyticsModule.forRoot({ storeToken: STORE, dashboardsDir: REPO_DASHBOARDS_DIR, today: () => '2024-02-15' })]);
  jeddah = (await createApiKey(store, { label: 'jeddah viewer', role: 'viewer', amanahs: ['jeddah'] })).key;
  all = (await createApiKey(store, { label: 'national viewer', role: 'viewer', amanahs: 'all' })).key;
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const RANGE = 'range: { from: "2024-01-01", to: "2024-01-31" }';
const kpi = async (key: string, filters = '') =>
  (await graphql<{ kpi: { value: number } }>(api.baseUrl, `{ kpi(metric: "office.visits", ${RANGE}, compare: NONE ${filters}) { value } }`, { key })).data!.kpi.value;

it('a scoped key gets totals, breakdowns and rankings of its own amanah only, whatever the filters say', async () => {
  expect(await kpi(jeddah)).toBe(3);
  expect(await kpi(jeddah, ', filters: [{ dimension: "amanah", values: ["riyadh", "makkah"] }]')).toBe(0);

  const breakdown = await graphql<{ breakdown: Array<{ key: string; value: number; share: number }> }>(
    api.baseUrl,
    `{ breakdown(metric: "office.visits", dimension: "amanah", ${RANGE}) { key value share } }`,
    { key: jeddah },
  );
  expect(breakdown.data!.breakdown).toEqual([{ key: 'jeddah', value: 3, share: 100 }]);

  const ranking = await graphql<{ ranking: { items: Array<{ amanah: string; rank: number; value: number }> } }>(
    api.baseUrl,
    `{ ranking(metric: "office.visits", ${RANGE}, compare: NONE) { items { amanah rank value } } }`,
    { key: jeddah },
  );
  expect(ranking.data!.ranking.items).toEqual([{ amanah: 'jeddah', rank: 1, value: 3 }]);
});

it('answers are cached per scope: alternating keys never receive each other’s cached answer', async () => {
  // Same query, same data version: the answer cache key is SQL + parameters, and the scope is a parameter.
  expect([await kpi(all), await kpi(jeddah), await kpi(all), await kpi(jeddah)]).toEqual([15, 3, 15, 3]);
});
