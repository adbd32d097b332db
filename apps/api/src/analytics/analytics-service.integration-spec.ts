import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@amanah/access';
import { AnalyticsError, createAnalytics } from '@amanah/analytics';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { DEFAULT_DASHBOARDS_DIR } from '../app/create-app.js';
import { startApi, type ApiUnderTest } from './testing.js';

// The analytics service called from plain Node code — no Nest app, no request — gives what GraphQL gives, on the
// seeded demo store: the same figures, and the same errors (GraphQL only writes them as extensions).
let store: SeededTestStore;
let api: ApiUnderTest;
let services: ReturnType<typeof createAnalytics>;
const today = () => '2024-05-01';
const job: Caller = { keyId: 'delivery', label: 'scheduled delivery', role: 'viewer', amanahs: 'all' };

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today });
  services = createAnalytics({ store, dashboardsDir: DEFAULT_DASHBOARDS_DIR, today });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const TABUK_H1 = {
  metric: 'office.visits',
  range: { from: '2024-01-01', to: '2024-06-30' },
  filters: [{ dimension: 'amanah', values: ['tabuk'] }],
  compare: 'SAME_PERIOD_LAST_YEAR',
} as const;

describe('AnalyticsService with no HTTP', () => {
  it('Tabuk in-person visits: 1,733 in H1 2024 against 5,393 in H1 2023, −67.87 %, as over GraphQL', async () => {
    const kpi = await services.analytics.kpi(job, TABUK_H1);
    expect(kpi).toMatchObject({ value: 1733, previous: 5393, change: -3660, previousRange: { from: '2023-01-01', to: '2023-06-30' } });
    expect(kpi.changePct).toBeCloseTo(-67.87, 2);
    expect(kpi.provenance).toMatchObject({ source: 'rollup', table: 'office_visits_monthly', exact: true });

    const { data, errors } = await api.graphql(
      `query Kpi($metric: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison) {
        kpi(metric: $metric, range: $range, filters: $filters, compare: $compare) {
          value previous change changePct range { from to } previousRange { from to } asOf
          provenance { metric source table exact range { from to } filters { dimension values } asOf }
        }
      }`,
      TABUK_H1,
    );
    expect(errors).toBeUndefined();
    const { provenance, ...figures } = data!.kpi;
    expect(figures).toEqual({
      value: kpi.value, previous: kpi.previous, change: kpi.change, changePct: kpi.changePct, range: kpi.range, previousRange: kpi.previousRange, asOf: kpi.asOf,
    });
    expect(provenance).toEqual({
      metric: kpi.provenance.metric, source: kpi.provenance.source, table: kpi.provenance.table, exact: kpi.provenance.exact,
      range: kpi.provenance.range, filters: kpi.provenance.filters, asOf: kpi.provenance.asOf,
    });
  });

  it('a bad argument is the error GraphQL answers: the same message, code, argument and allowed values', async () => {
    const args = { metric: 'office.visits', range: TABUK_H1.range, dimension: 'no_such_dimension' };
    const error = await services.analytics.breakdown(job, args).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AnalyticsError);
    const { errors } = await api.graphql(
      `{ breakdown(metric: "office.visits", dimension: "no_such_dimension", range: {from: "2024-01-01", to: "2024-06-30"}) { key } }`,
    );
    const domain = error as AnalyticsError;
    expect(errors![0]!.message).toBe(domain.message);
    expect(errors![0]!.extensions).toEqual({ code: domain.code, argument: domain.argument, allowed: domain.allowed });
  });
});
