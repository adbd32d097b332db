import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_CONFIG } from '@amanah/access';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from './testing.js';

// Issue 11, item 1: the work one request can cause is bounded before it starts (cost ceiling), what one key causes
// over time is bounded (its cost budget, answered like a rate limit), and answers cannot grow without bound.
let store: SeededTestStore;
let api: ApiUnderTest;
/** Same store, a key budget of 200 estimated milliseconds refilled at 20 a second. */
let frugal: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2025-11-30' });
  frugal = await startApi(store, {
    today: () => '2025-11-30',
    runner: { cache: false },
    access: { rateLimits: { ...DEFAULT_ACCESS_CONFIG.rateLimits, cost: { perSecond: 20, burst: 200 } } },
  });
}, 120_000);
afterAll(async () => {
  await frugal?.close();
  await api?.close();
  await store?.dispose();
});

async function post(url: string, query: string, key = ADMIN_KEY) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, bytes: text.length, ms: performance.now() - started };
}

describe('the cost of one request', () => {
  it('30 daily series by amanah over ten years (1.9 million points, 23.8 MB before): refused at once, naming what to narrow', async () => {
    const fields = Array.from(
      { length: 30 },
      (_, i) => `s${i}: series(metric: "portal.visits", granularity: DAY, breakdownBy: "amanah", range: {from: "2016-01-${String(1 + i).padStart(2, '0')}", to: "2025-11-30"}) { series { key points { date value } } }`,
    );
    const answer = await post(api.url, `{ ${fields.join('\n')} }`);
    expect(answer.ms).toBeLessThan(3_000);
    expect(answer.bytes).toBeLessThan(5_000);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors![0]!.extensions.code).toBe('COST_LIMIT');
    expect(answer.body.errors![0]!.message).toMatch(/portal\.visits.*a coarser granularity/);
  });

  it('the same question once, by month, is answered', async () => {
    const answer = await post(api.url, `{ series(metric: "portal.visits", granularity: MONTH, breakdownBy: "amanah", range: {from: "2016-01-01", to: "2025-11-30"}) { series { key points { date value } } } }`);
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data as { series: { series: unknown[] } }).series.series).toHaveLength(17);
  });

  it('exact distinct counts over every amanah and six years: one is answered (the visitor-days table), thirty at once are refused; approximate, answered', async () => {
    const range = (day: number) => `{from: "2020-01-${String(day).padStart(2, '0')}", to: "2025-11-30"}`;
    const one = await post(api.url, `{ kpi(metric: "portal.visitors", range: ${range(1)}, compare: NONE) { value provenance { exact } } }`);
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data).toMatchObject({ kpi: { provenance: { exact: true } } });
    const thirty = Array.from({ length: 30 }, (_, i) => `v${i}: kpi(metric: "portal.visitors", range: ${range(1 + i)}, compare: NONE) { value }`);
    const refused = await post(api.url, `{ ${thirty.join('\n')} }`);
    expect(refused.body.errors![0]!.extensions.code).toBe('COST_LIMIT');
    const approximate = await post(api.url, `{ kpi(metric: "portal.visitors", range: ${range(1)}, compare: NONE, approximate: true) { value provenance { exact } } }`);
    expect(approximate.body.errors).toBeUndefined();
    expect(approximate.body.data).toMatchObject({ kpi: { provenance: { exact: false } } });
  });
});

describe('the cost budget of a key', () => {
  it('is charged per request and, once spent, answers 429 with Retry-After for that key only', async () => {
    const spender = await frugal.key('viewer', 'all');
    const bystander = await frugal.key('viewer', 'all');
    // An exact distinct count of a few days' visitors costs tens of estimated milliseconds: 200 last a few requests.
    const query = (day: number) =>
      `{ kpi(metric: "portal.visitors", compare: NONE, range: {from: "2024-06-01", to: "2024-06-${String(day).padStart(2, '0')}"}) { value } }`;
    const answers = [];
    for (let day = 1; day <= 20; day++) answers.push(await post(frugal.url, query(day), spender));
    const refused = answers.find((a) => a.status === 429);
    expect(answers[0]!.body.errors).toBeUndefined();
    expect(refused, 'the budget was never spent').toBeDefined();
    expect(refused!.body.errors![0]!.extensions.code).toBe('COST_BUDGET');
    expect(Number(refused!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused!.body.errors![0]!.extensions.retryAfterSeconds).toBe(Number(refused!.retryAfter));
    // Another key's budget is its own.
    const other = await post(frugal.url, query(1), bystander);
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
  });
});
