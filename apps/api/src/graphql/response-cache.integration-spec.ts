import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, DEFAULT_ACCESS_CONFIG } from '@amanah/access';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// The GraphQL response cache (libs/server/analytics-graphql response-cache.ts) in the real API over the seeded demo
// store: a whole answer is served again only to a caller of the same role and amanahs, never across scopes; every
// write (an ingest, a target) is seen by the next request; and a cached answer still passes every access check.

let store: SeededTestStore;
let api: ApiUnderTest;
/** The same store behind an API whose keys may send 2 requests and then 1 a minute. */
let strict: ApiUnderTest;

const TABUK_H1 = `{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-06-30"}, compare: NONE) { value target { value } } }`;
/** The dashboard as the web app asks for it, cut to a few fields: one request, every widget. */
const DASHBOARD = `query View($range: DateRangeInput!) { dashboard(id: "executive") { widgets { id kpi(range: $range) { value } ranking(range: $range) { items { amanah value } } } } }`;
const H1 = { range: { from: '2024-01-01', to: '2024-06-30' } };

async function lookups(): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const count = (result: string) => Number(new RegExp(`amanah_graphql_response_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

/** What one request did to the cache: hits and misses it added. */
async function counted<T>(request: () => Promise<T>): Promise<{ answer: T; hit: number; miss: number }> {
  const before = await lookups();
  const answer = await request();
  const after = await lookups();
  return { answer, hit: after.hit - before.hit, miss: after.miss - before.miss };
}

async function ingestOfficeVisits(key: string, rows: number, idempotencyKey: string): Promise<number> {
  const body = Array.from({ length: rows }, (_, i) => JSON.stringify({ ts: `2024-03-1${i}T10:00:00+03:00`, amanah: 'tabuk', office: 'main', with_appointment: true, service: 'permits' })).join('\n');
  const response = await fetch(`${api.url}/api/ingest/office_visits`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'idempotency-key': idempotencyKey },
    body,
  });
  return response.status;
}

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2025-11-30' });
  const rateLimits = { ...DEFAULT_ACCESS_CONFIG.rateLimits, graphql: { perSecond: 1 / 60, burst: 2 } };
  strict = await startApi(store, { today: () => '2025-11-30', access: { rateLimits } });
}, 120_000);

afterAll(async () => {
  await strict?.close();
  await api?.close();
  await store?.dispose();
});

describe('the GraphQL response cache', () => {
  it('serves a whole answer again to the same scope, and never one scope’s answer to another', async () => {
    const tabuk = await api.key('viewer', ['tabuk']);
    const otherTabuk = await api.key('viewer', ['tabuk']);
    const jeddah = await api.key('viewer', ['jeddah']);
    const all = await api.key('viewer', 'all');

    const first = await counted(() => api.graphql(TABUK_H1, undefined, all));
    expect(first).toMatchObject({ hit: 0, miss: 1 });
    const national = first.answer.data!.kpi.value as number;
    expect(national).toBeGreaterThan(1733);
    // The same text from a Tabuk key: not the national answer, though that one is kept.
    const scoped = await counted(() => api.graphql(TABUK_H1, undefined, tabuk));
    expect(scoped).toMatchObject({ hit: 0, miss: 1 });
    expect(scoped.answer.data!.kpi.value).toBe(1733);
    // Another key of the same role and amanahs shares Tabuk's answer; Jeddah's key has its own.
    const shared = await counted(() => api.graphql(TABUK_H1, undefined, otherTabuk));
    expect(shared).toMatchObject({ hit: 1, miss: 0 });
    expect(shared.answer.data).toEqual(scoped.answer.data);
    const other = await counted(() => api.graphql(TABUK_H1, undefined, jeddah));
    expect(other).toMatchObject({ hit: 0, miss: 1 });
    expect(other.answer.data!.kpi.value).not.toBe(1733);
    expect(other.answer.data!.kpi.value).not.toBe(national);
    // The national key again: its own answer, from the cache.
    const again = await counted(() => api.graphql(TABUK_H1, undefined, all));
    expect(again).toMatchObject({ hit: 1, miss: 0 });
    expect(again.answer.data!.kpi.value).toBe(national);

    // The dashboard request: other variables are another answer; the same ones the same (byte for byte).
    const dashboard = await counted(() => api.graphql(DASHBOARD, H1, tabuk));
    expect(dashboard.miss).toBe(1);
    const rankings = (dashboard.answer.data!.dashboard.widgets as Array<{ ranking: { items: Array<{ amanah: string }> } | null }>).filter((w) => w.ranking);
    expect(rankings.length).toBeGreaterThan(0);
    for (const widget of rankings) expect(widget.ranking!.items.map((item) => item.amanah)).toEqual(['tabuk']);
    const repeated = await counted(() => api.graphql(DASHBOARD, H1, otherTabuk));
    expect(repeated).toMatchObject({ hit: 1, miss: 0 });
    expect(repeated.answer.data).toEqual(dashboard.answer.data);
    const nationalDashboard = await counted(() => api.graphql(DASHBOARD, H1, all));
    expect(nationalDashboard.miss).toBe(1);
    const nationalRanking = (nationalDashboard.answer.data!.dashboard.widgets as Array<{ ranking: { items: unknown[] } | null }>).find((w) => w.ranking)!;
    expect(nationalRanking.ranking!.items.length).toBeGreaterThan(1);
    expect((await counted(() => api.graphql(DASHBOARD, { range: { from: '2024-01-01', to: '2024-03-31' } }, tabuk))).miss).toBe(1);
  });

  it('answers anew after every write: an ingest, a target', async () => {
    const viewer = await api.key('viewer', ['tabuk']);
    const before = await api.graphql(TABUK_H1, undefined, viewer);
    expect((await counted(() => api.graphql(TABUK_H1, undefined, viewer))).hit).toBe(1);
    const value = before.data!.kpi.value as number;

    expect(await ingestOfficeVisits(await api.key('ingest', ['tabuk']), 3, 'response-cache-1')).toBe(200);
    const afterIngest = await counted(() => api.graphql(TABUK_H1, undefined, viewer));
    expect(afterIngest).toMatchObject({ hit: 0, miss: 1 });
    expect(afterIngest.answer.data!.kpi.value).toBe(value + 3);

    const analyst = await api.key('analyst', ['tabuk']);
    const set = await api.graphql(
      `mutation($input: TargetInput!) { setTarget(input: $input) { value } }`,
      { input: { metric: 'office.visits', amanah: 'tabuk', calendar: 'GREGORIAN', year: 2024, value: 4321 } },
      analyst,
    );
    expect(set.errors).toBeUndefined();
    const afterTarget = await counted(() => api.graphql(TABUK_H1, undefined, viewer));
    expect(afterTarget).toMatchObject({ hit: 0, miss: 1 });
    expect(afterTarget.answer.data!.kpi.target).not.toEqual(afterIngest.answer.data!.kpi.target);
    expect(afterTarget.answer.data!.kpi.value).toBe(value + 3);
  });

  it('keeps every access check: the rate limit, a revoked key, a missing key', async () => {
    // Two requests a key, then one a minute: the third is refused even though its answer is kept.
    const limited = await strict.key('viewer', ['tabuk']);
    expect((await strict.graphql(TABUK_H1, undefined, limited)).errors).toBeUndefined();
    expect((await strict.graphql(TABUK_H1, undefined, limited)).errors).toBeUndefined();
    const refused = await strict.graphql(TABUK_H1, undefined, limited);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(refused.data?.kpi ?? null).toBeNull();

    const { key, record } = await createApiKey(store, { label: 'soon revoked', role: 'viewer', amanahs: ['tabuk'] });
    expect((await api.graphql(TABUK_H1, undefined, key)).data!.kpi.value).toBeGreaterThan(0);
    expect((await api.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: record.id })).errors).toBeUndefined();
    const revoked = await api.graphql(TABUK_H1, undefined, key);
    expect(revoked.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(revoked.data?.kpi ?? null).toBeNull();

    const anonymous = await api.graphql(TABUK_H1, undefined, null);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps no answer with an error, and serves no root field outside its list', async () => {
    const viewer = await api.key('viewer', ['tabuk']);
    const bad = `{ kpi(metric: "no.such.metric", range: {from: "2024-01-01", to: "2024-06-30"}) { value } }`;
    for (let i = 0; i < 2; i++) {
      const answer = await counted(() => api.graphql(bad, undefined, viewer));
      expect(answer).toMatchObject({ hit: 0, miss: 1 });
      expect(answer.answer.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
    const annotations = `{ annotations(range: {from: "2024-01-01", to: "2024-12-31"}) { id } }`;
    for (let i = 0; i < 2; i++) expect(await counted(() => api.graphql(annotations, undefined, viewer))).toMatchObject({ hit: 0, miss: 0 });
  });
});
