import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// Completeness: which amanah sent which period of a dataset (months for level data, days for events), and how fresh.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

async function ingest(dataset: string, rows: object[]) {
  const response = await fetch(`${api.url}/api/ingest/${dataset}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson' },
    body: rows.map((row) => JSON.stringify(row)).join('\n'),
  });
  expect(response.status).toBe(200);
}

const COMPLETENESS = `query($dataset: ID!, $from: String!, $to: String!, $amanah: ID) {
  completeness(dataset: $dataset, from: $from, to: $to, amanah: $amanah) {
    dataset cadence periods cells { amanah period rows newestEvent } missing { amanah periods } freshness { amanah lastUploadAt newestEvent } } }`;

describe('completeness', () => {
  it('shows a missing month of level data for one amanah', async () => {
    const snapshot = (amanah: string, day: string) => ({ day, amanah, indicator: 'staff', value: '120' });
    await ingest('indicator_snapshots', [
      snapshot('hail', '2024-01-31'), snapshot('hail', '2024-03-31'),
      snapshot('jouf', '2024-01-31'), snapshot('jouf', '2024-02-29'), snapshot('jouf', '2024-03-31'),
    ]);
    const { data, errors } = await api.graphql(COMPLETENESS, { dataset: 'indicator_snapshots', from: '2024-01-01', to: '2024-03-31' });
    expect(errors).toBeUndefined();
    const answer = data!.completeness;
    expect(answer).toMatchObject({ cadence: 'MONTHLY', periods: ['2024-01-01', '2024-02-01', '2024-03-01'] });
    const missing = Object.fromEntries(answer.missing.map((m: { amanah: string; periods: string[] }) => [m.amanah, m.periods]));
    expect(missing.hail).toEqual(['2024-02-01']);
    expect(missing.jouf).toBeUndefined();
    expect(missing.riyadh).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    const hail = answer.freshness.find((f: { amanah: string }) => f.amanah === 'hail');
    expect(hail.newestEvent).toBe('2024-03-31');
    expect(Date.now() - Date.parse(hail.lastUploadAt)).toBeLessThan(60_000);
    expect(answer.freshness.find((f: { amanah: string }) => f.amanah === 'riyadh')).toEqual({ amanah: 'riyadh', lastUploadAt: null, newestEvent: null });

    // The same missing month in hail's press figure and in its KPI (and its series); jouf's are complete.
    const q1 = { from: '2024-01-01', to: '2024-03-31' };
    const MISSING = 'missingData { cadence amanahs { amanah count spans { from to } } }';
    const figures = await api.graphql(
      `query($range: DateRangeInput!) { pressFigures(amanah: "hail", range: $range, metrics: ["indicator.staff"]) { value missingMonths } }`, { range: q1 },
    );
    expect(figures.data!.pressFigures).toEqual([{ value: 120, missingMonths: ['2024-02-01'] }]);
    const kpi = (amanah: string) => api.graphql(
      `query($range: DateRangeInput!, $amanah: String!) {
        kpi(metric: "indicator.staff", range: $range, filters: [{dimension: "amanah", values: [$amanah]}]) { value ${MISSING} }
        series(metric: "indicator.staff", range: $range, granularity: MONTH, filters: [{dimension: "amanah", values: [$amanah]}]) { ${MISSING} } }`,
      { range: q1, amanah },
    );
    const hailKpi = await kpi('hail');
    expect(hailKpi.errors).toBeUndefined();
    const hailMissing = { cadence: 'MONTHLY', amanahs: [{ amanah: 'hail', count: 1, spans: [{ from: '2024-02-01', to: '2024-02-29' }] }] };
    expect(hailKpi.data!.kpi).toEqual({ value: 120, missingData: hailMissing });
    expect(hailKpi.data!.series.missingData).toEqual(hailMissing);
    expect((await kpi('jouf')).data!.kpi.missingData).toBeNull();
  });

  it('lists missing days of event data, limited to the caller’s amanahs', async () => {
    const visit = (day: string) => ({ ts: `${day}T10:00:00+03:00`, amanah: 'tabuk', channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' });
    await ingest('portal_visits', [visit('2024-05-01'), visit('2024-05-02'), visit('2024-05-02'), visit('2024-05-05')]);
    const viewer = await api.key('viewer', ['tabuk']);
    const { data } = await api.graphql(COMPLETENESS, { dataset: 'portal_visits', from: '2024-05-01', to: '2024-05-05' }, viewer);
    expect(data!.completeness).toMatchObject({
      cadence: 'DAILY',
      cells: [
        { amanah: 'tabuk', period: '2024-05-01', rows: 1 }, { amanah: 'tabuk', period: '2024-05-02', rows: 2 }, { amanah: 'tabuk', period: '2024-05-05', rows: 1 },
      ],
      missing: [{ amanah: 'tabuk', periods: ['2024-05-03', '2024-05-04'] }],
    });
    const other = await api.graphql(COMPLETENESS, { dataset: 'portal_visits', from: '2024-05-01', to: '2024-05-05', amanah: 'hail' }, viewer);
    expect(other.data!.completeness.missing).toEqual([]);
    const bad = await api.graphql(COMPLETENESS, { dataset: 'portal_visits', from: '2024-05-05', to: '2024-05-01' });
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('shows a missing month in the amanah’s press figure, and certifying over it needs a recorded override', async () => {
    const visit = (day: string) => ({ ts: `${day}T09:00:00+03:00`, amanah: 'baha', channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'desktop', source: 'direct' });
    await ingest('portal_visits', [visit('2024-01-10'), visit('2024-03-10')]);
    const range = { from: '2024-01-01', to: '2024-03-31' };
    const figures = await api.graphql(
      `query($range: DateRangeInput!) { pressFigures(amanah: "baha", range: $range, metrics: ["portal.visits"]) { value missingMonths } }`, { range },
    );
    expect(figures.data!.pressFigures).toEqual([{ value: 2, missingMonths: ['2024-02-01'] }]);
    // Event data is expected daily: the KPI names the days without a row, as runs.
    const kpi = await api.graphql(
      `query($range: DateRangeInput!) { kpi(metric: "portal.visits", range: $range, filters: [{dimension: "amanah", values: ["baha"]}]) {
        value missingData { cadence amanahs { amanah count spans { from to } } } } }`, { range },
    );
    expect(kpi.data!.kpi).toEqual({
      value: 2,
      missingData: {
        cadence: 'DAILY',
        amanahs: [{ amanah: 'baha', count: 89, spans: [{ from: '2024-01-01', to: '2024-01-09' }, { from: '2024-01-11', to: '2024-03-09' }, { from: '2024-03-11', to: '2024-03-31' }] }],
      },
    });
    const LOCK = `mutation($range: DateRangeInput!, $override: String) {
      lockFactSheet(title: "Baha Q1", amanah: "baha", range: $range, metrics: ["portal.visits"], overrideIncomplete: $override) { id incompleteOverride } }`;
    const refused = await api.graphql(LOCK, { range });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'overrideIncomplete' });
    expect(refused.errors?.[0]?.message).toContain('portal.visits: 2024-02-01');
    const locked = await api.graphql(LOCK, { range, override: 'February was not collected; published with a note' });
    expect(locked.data!.lockFactSheet.incompleteOverride).toBe('February was not collected; published with a note');
    const again = await api.graphql(`query($id: ID!) { factSheet(id: $id) { incompleteOverride } }`, { id: locked.data!.lockFactSheet.id });
    expect(again.data!.factSheet.incompleteOverride).toBe('February was not collected; published with a note');
  });
});
