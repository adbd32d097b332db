import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// Two kinds of freshness on every answer: asOf (the newest event counted) and lastUploadAt (the last upload that
// touched the data counted). An upload of old-dated events moves the second and not the first.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const visit = (amanah: string, ts: string) => ({ ts, amanah, channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' });

async function ingest(rows: object[], dataset = 'portal_visits'): Promise<void> {
  const response = await fetch(`${api.url}/api/ingest/${dataset}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson' },
    body: rows.map((row) => JSON.stringify(row)).join('\n'),
  });
  expect(response.status).toBe(200);
}

const H1 = { from: '2024-01-01', to: '2024-06-30' };
const tabuk = [{ dimension: 'amanah', values: ['tabuk'] }];
const PROVENANCE = 'provenance { asOf lastUploadAt dataVersion }';

async function answers(filters = tabuk) {
  const { data, errors } = await api.graphql(
    `query($range: DateRangeInput!, $filters: [FilterInput!]) {
      kpi(metric: "portal.visits", range: $range, filters: $filters, compare: NONE) { value asOf ${PROVENANCE} }
      series(metric: "portal.visits", range: $range, filters: $filters, granularity: MONTH) { ${PROVENANCE} }
      ranking(metric: "portal.visits", range: $range, compare: NONE) { ${PROVENANCE} }
      pressFigures(amanah: "tabuk", range: $range, metrics: ["portal.visits"], compare: NONE) { ${PROVENANCE} }
      dashboard(id: "executive") { widgets { id type metric { id } provenance(range: $range, filters: $filters, compare: NONE) { asOf lastUploadAt } } }
    }`,
    { range: H1, filters },
  );
  expect(errors).toBeUndefined();
  return data!;
}

describe('freshness of an answer', () => {
  it('moves lastUploadAt, and not asOf, when old-dated events are uploaded', async () => {
    const started = Date.now();
    await ingest([visit('tabuk', '2024-05-10T10:00:00+03:00'), visit('tabuk', '2024-05-11T12:30:00+03:00')]);
    const first = await answers();
    // The answer is read from the daily rollup: asOf is the newest day counted.
    expect(first.kpi).toMatchObject({ value: 2, asOf: '2024-05-11', provenance: { asOf: '2024-05-11' } });
    const firstUpload = Date.parse(first.kpi.provenance.lastUploadAt);
    expect(firstUpload).toBeGreaterThanOrEqual(started - 1000);
    for (const answer of [first.series, first.ranking, first.pressFigures[0]]) expect(answer.provenance.lastUploadAt).toBe(first.kpi.provenance.lastUploadAt);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest([visit('tabuk', '2024-02-03T09:00:00+03:00')]);
    const second = await answers();
    expect(second.kpi.value).toBe(3);
    expect(second.kpi.asOf).toBe('2024-05-11');
    expect(second.kpi.provenance.asOf).toBe('2024-05-11');
    expect(Date.parse(second.kpi.provenance.lastUploadAt)).toBeGreaterThan(firstUpload);
    expect(second.pressFigures[0].provenance.lastUploadAt).toBe(second.kpi.provenance.lastUploadAt);
    // Every widget of a dashboard has a provenance, a bar or heatmap widget too, read from the same data.
    const visitsWidgets = second.dashboard.widgets.filter((w: { metric: { id: string } }) => w.metric.id === 'portal.visits');
    expect(visitsWidgets.length).toBeGreaterThan(1);
    for (const widget of visitsWidgets) expect(widget.provenance.lastUploadAt, widget.id).toBe(second.kpi.provenance.lastUploadAt);
  });

  it('is not moved by another amanah’s upload, nor by one outside the answer’s days', async () => {
    const before = (await answers()).kpi.provenance;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest([visit('hail', '2024-03-01T10:00:00+03:00')]);
    await ingest([visit('tabuk', '2024-09-01T10:00:00+03:00')]);
    const after = await answers();
    expect(after.kpi.provenance.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(after.kpi.provenance).toMatchObject({ asOf: before.asOf, lastUploadAt: before.lastUploadAt });
    // Every amanah: hail's upload is the newest in the range.
    const all = await answers([]);
    expect(Date.parse(all.kpi.provenance.lastUploadAt)).toBeGreaterThan(Date.parse(before.lastUploadAt));
  });

  it('for a level, counts an upload of rows before the range: the level on its last day is the newest row before it', async () => {
    const followers = (day: string, n: number) => ({ day, amanah: 'tabuk', platform: 'twitter', followers: n, impressions: 0, views: 0, engagements: 0, posts: 0 });
    const level = async () => {
      const { data, errors } = await api.graphql(
        `query($range: DateRangeInput!) { kpi(metric: "social.followers", range: $range, filters: [{ dimension: "amanah", values: ["tabuk"] }], compare: NONE) { value ${PROVENANCE} } }`,
        { range: H1 },
      );
      expect(errors).toBeUndefined();
      return data!.kpi;
    };
    const started = Date.now();
    // Only a row from before the range: the answer counts it, so that upload is what made the answer.
    await ingest([followers('2023-11-20', 500)], 'social_stats');
    const first = await level();
    expect(first.value).toBe(500);
    expect(first.provenance.lastUploadAt).not.toBeNull();
    expect(Date.parse(first.provenance.lastUploadAt)).toBeGreaterThanOrEqual(started - 1000);
    // A correction of that old row moves it again; a row after the range's end does not.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest([followers('2023-11-21', 650)], 'social_stats');
    const second = await level();
    expect(second.value).toBe(650);
    expect(Date.parse(second.provenance.lastUploadAt)).toBeGreaterThan(Date.parse(first.provenance.lastUploadAt));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest([followers('2024-08-01', 900)], 'social_stats');
    const third = await level();
    expect(third.value).toBe(650);
    expect(third.provenance.lastUploadAt).toBe(second.provenance.lastUploadAt);
  });
});
