import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// Annotations inside the whole app, over real HTTP with real keys: who may mark, who sees what, and a campaign's
// lift answered as a field of the annotation, equal to the counts of the rows inserted here.
let store: Awaited<ReturnType<typeof openTestStore>>;
let api: ApiUnderTest;

// Riyadh: 2 visits a day from 2024-01-01, 5 a day in the campaign week 2024-03-03 … 2024-03-09.
const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
const rows = Array.from({ length: 70 }, (_, i) => day(i)).flatMap((date) =>
  Array.from({ length: date >= '2024-03-03' && date <= '2024-03-09' ? 5 : 2 }, (_, n) => ({
    ts: `${date} 1${n}:00:00`, amanah: 'riyadh', office: 'main', with_appointment: false, service: 'other',
  })),
);

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', rows);
  api = await startApi(store, { today: () => '2024-03-20' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const CREATE = `mutation($input: AnnotationInput!) { createAnnotation(input: $input) { id kind from to amanahs title { ar en } metric createdBy createdAt } }`;
const LIST = `query($amanah: ID) { annotations(range: {from: "2024-03-01", to: "2024-03-31"}, amanah: $amanah) {
  id kind amanahs lift(baselineWeeks: 4) { from to days observed baseline baselineSd intervalLow intervalHigh lift liftPct claim perDay { date value baseline } } } }`;
const input = { kind: 'CAMPAIGN', from: '2024-03-03', to: '2024-03-09', amanahs: ['riyadh'], titleAr: 'حملة', titleEn: 'Campaign', metric: 'office.visits' };

describe('annotations over GraphQL', () => {
  it('an analyst marks a campaign; a viewer may not; every reader of its amanah sees it with its lift', async () => {
    const viewer = await api.key('viewer', 'all');
    expect((await api.graphql(CREATE, { input }, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const analyst = await api.key('analyst', ['riyadh']);
    const bad = await api.graphql(CREATE, { input: { ...input, to: '2024-03-01' } }, analyst);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.to' });

    const created = await api.graphql(CREATE, { input }, analyst);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAnnotation).toMatchObject({ kind: 'CAMPAIGN', from: '2024-03-03', to: '2024-03-09', amanahs: ['riyadh'], metric: 'office.visits' });

    const seen = await api.graphql(LIST, { amanah: 'riyadh' }, viewer);
    expect(seen.errors).toBeUndefined();
    const [annotation] = seen.data!.annotations;
    // By hand: 7 days × 5 against the same 7 days of each of the 4 weeks before, 7 × 2 each: no spread at all.
    expect(annotation.lift).toMatchObject({
      from: '2024-03-03', to: '2024-03-09', days: 7, observed: 35, baseline: 14, baselineSd: 0, intervalLow: 14, intervalHigh: 14,
      lift: 21, liftPct: 150, claim: 'ABOVE_BASELINE',
    });
    expect(annotation.lift.perDay[0]).toEqual({ date: '2024-03-03', value: 5, baseline: 2 });

    const jeddahViewer = await api.key('viewer', ['jeddah']);
    expect((await api.graphql(LIST, {}, jeddahViewer)).data!.annotations).toEqual([]);
    const other = await api.key('analyst', 'all');
    const del = await api.graphql(`mutation($id: ID!) { deleteAnnotation(id: $id) }`, { id: created.data!.createAnnotation.id }, other);
    expect(del.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const own = await api.graphql(`mutation($id: ID!) { deleteAnnotation(id: $id) }`, { id: created.data!.createAnnotation.id }, analyst);
    expect(own.data!.deleteAnnotation).toBe(true);
    expect((await api.graphql(LIST, {}, viewer)).data!.annotations).toEqual([]);
  });
});
