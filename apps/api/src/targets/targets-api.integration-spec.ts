import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// Targets inside the whole app, over real HTTP with real keys: set through one API process, answered at once by
// another over the same store (no restart: the data version moved), with who set it.
let store: Awaited<ReturnType<typeof openTestStore>>;
let api: ApiUnderTest;
let other: ApiUnderTest;

// Riyadh: 4 in-person visits a day, 2024-01-01 … 2024-03-31 (91 days, 364 visits).
const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
const rows = Array.from({ length: 91 }, (_, i) => day(i)).flatMap((date) =>
  Array.from({ length: 4 }, (_, n) => ({ ts: `${date} 1${n}:00:00`, amanah: 'riyadh', office: 'main', with_appointment: false, service: 'other' })),
);

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', rows);
  api = await startApi(store, { today: () => '2024-04-01' });
  other = await startApi(store, { today: () => '2024-04-01' });
});
afterAll(async () => {
  await api?.close();
  await other?.close();
  await store?.dispose();
});

const SET = `mutation($input: TargetInput!) { setTarget(input: $input) { metric amanah from to calendar periodLabel value setBy setAt } }`;
const KPI = `{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-03-31"}, filters: [{dimension: "amanah", values: ["riyadh"]}], compare: NONE) {
  value target { value attainmentPct period { from to } compared { from to } } } }`;
const input = { metric: 'office.visits', amanah: 'riyadh', calendar: 'GREGORIAN', year: 2024, month: 3, value: 93 };

describe('targets over GraphQL', () => {
  it('an analyst sets a target and another API process answers with it at once; a viewer may not set one', async () => {
    const viewer = await other.key('viewer', 'all');
    expect((await other.graphql(KPI, {}, viewer)).data!.kpi.target).toBeNull();
    expect((await api.graphql(SET, { input }, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const analyst = await api.key('analyst', ['riyadh']);
    const bad = await api.graphql(SET, { input: { ...input, month: 13 } }, analyst);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.month' });
    const set = await api.graphql(SET, { input }, analyst);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setTarget).toMatchObject({ from: '2024-03-01', to: '2024-03-31', calendar: 'GREGORIAN', periodLabel: '2024-03', value: 93, setBy: 'test analyst' });

    // January–March against a March target: March's 124 visits against 93 (fewer visits is better), not all 364.
    const kpi = await other.graphql(KPI, {}, viewer);
    expect(kpi.errors).toBeUndefined();
    expect(kpi.data!.kpi).toMatchObject({ value: 364, target: { value: 93, period: { from: '2024-03-01', to: '2024-03-31' }, compared: { from: '2024-03-01', to: '2024-03-31' } } });
    expect(kpi.data!.kpi.target.attainmentPct).toBeCloseTo(75, 9);

    const listed = await other.graphql(`{ targets(metric: "office.visits", amanah: "riyadh") { periodLabel value setBy } }`, {}, viewer);
    expect(listed.data!.targets).toEqual([{ periodLabel: '2024-03', value: 93, setBy: 'test analyst' }]);
  });

  it('answers a series’ target line, a ranking by attainment, and a target for a filter only to that filter', async () => {
    const viewer = await api.key('viewer', 'all');
    const series = await api.graphql(
      `{ series(metric: "office.visits", range: {from: "2024-01-01", to: "2024-03-31"}, granularity: MONTH, filters: [{dimension: "amanah", values: ["riyadh"]}]) {
          points { date value } target { points { date value } } } }`,
      {},
      viewer,
    );
    expect(series.errors).toBeUndefined();
    // The March target (93) set above: January and February have none.
    expect(series.data!.series.target.points).toEqual([{ date: '2024-01-01', value: null }, { date: '2024-02-01', value: null }, { date: '2024-03-01', value: 93 }]);

    const ranking = await api.graphql(
      `{ ranking(metric: "office.visits", range: {from: "2024-01-01", to: "2024-03-31"}, compare: NONE, by: ATTAINMENT) { by items { amanah attainmentRank target { value attainmentPct } } } }`,
      {},
      viewer,
    );
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data!.ranking.by).toBe('ATTAINMENT');
    expect(ranking.data!.ranking.items).toEqual([{ amanah: 'riyadh', attainmentRank: 1, target: { value: 93, attainmentPct: 75 } }]);

    const analyst = await api.key('analyst', 'all');
    const filtered = await api.graphql(SET.replace('setBy setAt', 'setBy setAt filters { dimension values }'), {
      input: { ...input, month: null, value: 366, filters: [{ dimension: 'with_appointment', values: ['false'] }] },
    }, analyst);
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.setTarget.filters).toEqual([{ dimension: 'with_appointment', values: ['false'] }]);
    const kpi = async (filters: string) => (await api.graphql(
      `{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-02-29"}, filters: [{dimension: "amanah", values: ["riyadh"]}${filters}], compare: NONE) { target { value } } }`,
      {},
      viewer,
    )).data!.kpi.target;
    // 366 for 2024 without appointment: 1 a day, 60 over January and February; the unfiltered question has none there.
    expect(await kpi(', {dimension: "with_appointment", values: ["false"]}')).toEqual({ value: 60 });
    expect(await kpi('')).toBeNull();
    const refused = await api.graphql(SET, { input: { ...input, filters: [{ dimension: 'platform', values: ['x'] }] } }, analyst);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.filters[0].dimension' });
  });
});
