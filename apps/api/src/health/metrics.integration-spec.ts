import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// GET /metrics after real requests: what it shows is what was done (each test file runs in a process of its own, so
// the counts are this file's).
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;
const TOKEN = 'metrics-token-for-the-tests-0123';

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store, { metricsToken: TOKEN });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const metrics = (authorization?: string) => fetch(`${api.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample line, e.g. `amanah_ingest_rows_total{dataset="portal_visits"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

it('counts requests by GraphQL operation, engine statements by source, cache hits and ingested rows', async () => {
  const query = `query TabukVisits { kpi(metric: "portal.visits", range: {from: "2024-05-01", to: "2024-05-31"}, filters: [{dimension: "amanah", values: ["tabuk"]}], compare: NONE) { value } }`;
  const anonymous = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, operationName: 'TabukVisits' }),
  });
  const refused = (await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> };
  expect(refused.errors[0]!.extensions.code).toBe('UNAUTHENTICATED'); // no key: counted too, with its status
  expect((await api.graphql(query)).data!.kpi.value).toBe(0); // computed
  expect((await api.graphql(query)).data!.kpi.value).toBe(0); // the whole answer from the response cache
  const writer = await api.key('ingest', 'all');
  const rows = ['2024-05-02 10:00:00', '2024-05-03 10:00:00', '2024-05-04 10:00:00']
    .map((ts) => JSON.stringify({ ts, amanah: 'tabuk', channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' }))
    .join('\n');
  const ingest = await fetch(`${api.url}/api/ingest/portal_visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${writer}`, 'idempotency-key': 'metrics-1' },
    body: rows,
  });
  expect(ingest.status).toBe(200);

  expect((await metrics()).status).toBe(401);
  expect((await metrics('Bearer not-the-token-0123456789')).status).toBe(401);
  const answer = await metrics(`Bearer ${TOKEN}`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await answer.text();
  // api.graphql sends no operation name: those two are `anonymous`; the named one was refused before any work.
  expect(sample(text, `amanah_http_request_duration_seconds_count{kind="graphql",operation="TabukVisits",status="${anonymous.status}"}`)).toBe(1);
  expect(sample(text, 'amanah_http_request_duration_seconds_count{kind="graphql",operation="anonymous",status="200"}')).toBe(2);
  expect(sample(text, 'amanah_http_request_duration_seconds_count{kind="rest",operation="/api/ingest/:dataset",status="200"}')).toBe(1);
  // The second request never reached the runner: the response cache answered it whole.
  expect(sample(text, 'amanah_graphql_response_cache_lookups_total{result="hit"}')).toBe(1);
  expect(sample(text, 'amanah_graphql_response_cache_lookups_total{result="miss"}')).toBe(1);
  expect(sample(text, 'amanah_answer_cache_lookups_total{result="hit"}')).toBeUndefined();
  expect(sample(text, 'amanah_answer_cache_lookups_total{result="miss"}')).toBe(1);
  expect(sample(text, 'amanah_store_query_duration_seconds_count{source="rollup"}')).toBe(1);
  expect(sample(text, 'amanah_ingest_rows_total{dataset="portal_visits"}')).toBe(3);
});

it('keeps the operation label bounded: a name a caller invents past the limit, or not a plain name, is `other`', async () => {
  const odd = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }', operationName: 'x; DROP TABLE' }),
  });
  await odd.text();
  const text = await (await metrics(`Bearer ${TOKEN}`)).text();
  expect(text).not.toContain('DROP');
  expect(text).toMatch(/amanah_http_request_duration_seconds_count\{kind="graphql",operation="other",status="\d+"\} 1/);
});
