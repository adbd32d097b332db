import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_CONFIG } from '@amanah/access';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest, type GraphqlAnswer } from './testing.js';

// Issue 19: under a heavy request, a tabuk KPI answered null without an error, and the null was cached. The cause was
// chDB handing what a timed-out statement had produced to the next statement on the connection (see store.ts). Here
// the same sequence runs for real, with variations, and every answer is checked against the same question asked
// alone on an idle API: it must be exactly that answer, or a refusal with a code (never a different value, never a
// silent null), and once the load is over every answer must be exactly the idle one (nothing wrong was cached).

const QUERY_TIMEOUT_SECONDS = 2;
let store: SeededTestStore;
/** Production settings: answer cache on, the default cost ceiling. */
let guarded: ApiUnderTest;
/** No cost ceiling, so that heavy work really reaches the engine and times out; one with the cache on, one off. */
let unlimited: ApiUnderTest;
let unlimitedUncached: ApiUnderTest;
const keys: Record<string, string> = {};

interface Probe {
  name: string;
  key: string;
  query: string;
}
let probes: Probe[];
const idle = new Map<string, unknown>();

const REFUSALS = ['QUERY_TIMEOUT', 'OVERLOADED', 'COST_LIMIT', 'COST_BUDGET', 'RATE_LIMITED'];

beforeAll(async () => {
  store = await openSeededTestStore({ queryTimeoutSeconds: QUERY_TIMEOUT_SECONDS });
  guarded = await startApi(store, { today: () => '2025-11-30' });
  // Two more application instances over the same store, as two API processes would be, with no cost limits.
  const noBudget = { ...DEFAULT_ACCESS_CONFIG.rateLimits, cost: { perSecond: 1e12, burst: 1e12 } };
  const noLimits = { today: () => '2025-11-30', access: { rateLimits: noBudget } };
  unlimited = await startApi(store, { ...noLimits, runner: { maxRequestCostMs: Number.MAX_SAFE_INTEGER } });
  unlimitedUncached = await startApi(store, { ...noLimits, runner: { cache: false, maxRequestCostMs: Number.MAX_SAFE_INTEGER } });
  for (const [name, amanahs] of Object.entries({ tabuk: ['tabuk'], jeddah: ['jeddah'], eastern: ['eastern', 'ahsa'], all: 'all' as const })) {
    keys[name] = await guarded.key('viewer', amanahs);
  }
  probes = [
    { name: 'tabuk office visits (the issue’s probe)', key: keys.tabuk!, query: `{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-06-30"}, compare: NONE) { value previous change changePct } }` },
    { name: 'tabuk office visits against last year', key: keys.tabuk!, query: `{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-06-30"}, compare: SAME_PERIOD_LAST_YEAR) { value previous change changePct } }` },
    { name: 'jeddah weekly requests', key: keys.jeddah!, query: `{ series(metric: "services.requests", range: {from: "2024-01-01", to: "2024-03-31"}, granularity: WEEK) { points { date value } } }` },
    {
      name: 'eastern and ahsa, several fields in one request (batched)',
      key: keys.eastern!,
      query: `{ a: kpi(metric: "reports.resolved_share", range: {from: "2024-01-01", to: "2024-12-31"}) { value previous }
                b: breakdown(metric: "services.requests", dimension: "channel", range: {from: "2024-01-01", to: "2024-06-30"}) { key value share }
                c: kpi(metric: "portal.visitors", range: {from: "2024-03-01", to: "2024-03-31"}, compare: NONE) { value } }`,
    },
    { name: 'every amanah: a ranking', key: keys.all!, query: `{ ranking(metric: "licenses.issued", range: {from: "2024-01-01", to: "2024-06-30"}) { items { amanah value rank } } }` },
  ];
  for (const probe of probes) {
    const answer = await guarded.graphql(probe.query, undefined, probe.key);
    expect(answer.errors, probe.name).toBeUndefined();
    idle.set(probe.name, answer.data);
  }
  expect((idle.get(probes[0]!.name) as { kpi: { value: number } }).kpi.value).toBe(1733);
}, 120_000);

afterAll(async () => {
  for (const api of [guarded, unlimited, unlimitedUncached]) await api?.close();
  await store?.dispose();
});

/**
 * The heavy request: 30 exact distinct counts over ~10 years, ranges differing so that none is cached. With
 * `cheap`, all but every tenth field are quick ones instead: in one batched statement their rows are ready before
 * the slow ones time out, which is what the engine used to pass on to the next statement.
 */
function heavyRequest(seed: number, cheap = false): string {
  const fields = Array.from({ length: 30 }, (_, i) => {
    if (cheap && i % 10 !== 9) return `a${i}: kpi(metric: "portal.visits", compare: NONE, range: {from: "2024-01-01", to: "2024-01-${10 + ((i + seed) % 18)}"}) { value }`;
    const month = String(10 + (i % 3)).padStart(2, '0');
    const day = String(1 + ((i + seed) % 28)).padStart(2, '0');
    const endDay = String(1 + ((i * 7 + seed) % 28)).padStart(2, '0');
    return `a${i}: kpi(metric: "portal.visitors", compare: SAME_PERIOD_LAST_YEAR, range: {from: "2016-${month}-${day}", to: "2025-11-${endDay}"}) { value }`;
  });
  return `{ ${fields.join('\n')} }`;
}

/** An answer under load is the idle answer, or a refusal with a code for the fields it could not answer. */
function expectIdleOrRefused(probe: Probe, answer: GraphqlAnswer<unknown>): void {
  if (!answer.errors) {
    expect(answer.data, probe.name).toEqual(idle.get(probe.name));
    return;
  }
  for (const error of answer.errors) expect(REFUSALS, `${probe.name}: ${error.message}`).toContain(error.extensions.code);
  // Whatever fields did come back must be the idle ones.
  const expected = idle.get(probe.name) as Record<string, unknown>;
  for (const [field, value] of Object.entries((answer.data ?? {}) as Record<string, unknown>)) {
    if (value !== null) expect(value, `${probe.name}.${field}`).toEqual(expected[field]);
  }
}

/** Every field of a heavy answer is either a value (not null) or named by an error with a refusal code. */
function expectNoSilentNull(answer: GraphqlAnswer<Record<string, { value: number | null } | null>>): void {
  const refusedPaths = new Set((answer.errors ?? []).map((error) => String((error as { path?: unknown[] }).path?.[0])));
  for (const error of answer.errors ?? []) expect(REFUSALS).toContain(error.extensions.code);
  for (const [field, kpi] of Object.entries(answer.data ?? {})) {
    if (kpi === null) expect(refusedPaths.has(field) || answer.data === null, `${field} is null without an error`).toBe(true);
    else expect(kpi.value, `${field} answered null without an error`).not.toBeNull();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('answers under a heavy request (issue 19)', () => {
  it('the issue’s sequence, default limits: the heavy request is refused at once, the tabuk probe answers 1,733', async () => {
    const started = performance.now();
    const heavy = guarded.graphql(heavyRequest(1), undefined, keys.all);
    await sleep(50);
    const probe = probes[0]!;
    const answer = await guarded.graphql(probe.query, undefined, probe.key);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(idle.get(probe.name));
    const refused = await heavy;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(refused.data).toBeNull();
    expect(refused.errors![0]!.extensions.code).toBe('COST_LIMIT');
    expect(refused.errors![0]!.message).toMatch(/portal\.visitors.*fewer fields, a shorter range, a coarser granularity or one amanah, or approximate: true/);
  });

  for (const variant of ['unlimited', 'unlimitedUncached'] as const) {
    it(`heavy work that reaches the engine and times out leaves every other answer exact (${variant === 'unlimited' ? 'cache on' : 'cache off'})`, async () => {
      const api = variant === 'unlimited' ? unlimited : unlimitedUncached;
      const heavyAnswers: Array<Promise<GraphqlAnswer<Record<string, { value: number | null } | null>>>> = [];
      const probeAnswers: Array<Promise<[Probe, GraphqlAnswer<unknown>]>> = [];
      for (let round = 0; round < 3; round++) {
        heavyAnswers.push(api.graphql(heavyRequest(10 * round + (variant === 'unlimited' ? 2 : 5), round !== 1), undefined, keys.all));
        await sleep(50);
        // Several scoped keys at once, each probe alone or with several fields in one request.
        for (const probe of probes) probeAnswers.push(api.graphql(probe.query, undefined, probe.key).then((answer) => [probe, answer]));
        await sleep(QUERY_TIMEOUT_SECONDS * 400);
      }
      for (const answer of await Promise.all(heavyAnswers)) {
        expectNoSilentNull(answer);
        expect(answer.errors?.length ?? 0, 'the heavy request is stopped, not answered').toBeGreaterThan(0);
      }
      // With one engine slot, a probe that arrives while a heavy statement runs waits for it and may run out of time
      // itself: refused, with a code, is a right answer; a different value or a null without an error is not.
      for (const [probe, answer] of await Promise.all(probeAnswers)) expectIdleOrRefused(probe, answer);
      // Once the load is over, every question gets exactly its idle answer: nothing wrong or failed was kept. The
      // first of these is the statement right after a timed-out one, the one that used to receive its leftovers.
      for (const probe of probes) {
        // On a busy machine the engine may still be finishing the last stopped statement: a refusal is retried, a
        // wrong answer is not.
        let answer = await api.graphql(probe.query, undefined, probe.key);
        for (let attempt = 1; attempt < 5 && answer.errors?.every((e) => REFUSALS.includes(e.extensions.code)); attempt++) {
          await sleep(500);
          answer = await api.graphql(probe.query, undefined, probe.key);
        }
        expect(answer.errors, probe.name).toBeUndefined();
        expect(answer.data, probe.name).toEqual(idle.get(probe.name));
      }
    }, 60_000);
  }

  it('a refused or timed-out answer is never cached: the same heavy field asked alone later is computed', async () => {
    // Exact distinct visitors of ten years by channel: every raw visit into hash sets (the visitor-days table keeps
    // amanahs only, so it cannot answer by channel).
    const field = 'breakdown(metric: "portal.visitors", dimension: "channel", range: {from: "2016-01-01", to: "2025-11-30"}) { key value }';
    const first = await unlimited.graphql(`{ ${field} }`, undefined, keys.all);
    expect(first.errors?.[0]?.extensions.code).toBe('QUERY_TIMEOUT');
    // The same question for one amanah is cheap: answered, with a number.
    const tabuk = await unlimited.graphql(`{ ${field} }`, undefined, keys.tabuk);
    expect(tabuk.errors).toBeUndefined();
    expect(tabuk.data!.breakdown[0].value).toBeGreaterThan(0);
    const again = await unlimited.graphql(`{ ${field} }`, undefined, keys.all);
    expect(again.errors?.[0]?.extensions.code).toBe('QUERY_TIMEOUT');
  }, 30_000);
});
