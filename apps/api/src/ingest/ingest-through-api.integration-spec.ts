import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// The ingest endpoint inside the whole app: real keys and roles, the amanah scope of a key, and the answer cache
// refreshing after a write.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

// One KPI_SESSION_SECRET for every API process over one store (required with CLICKHOUSE_URL), as in a deployment.
const SESSION_SECRET = 'session-secret-shared-by-every-process-0123';

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store, { access: { sessionSecret: SESSION_SECRET } });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const visit = (amanah: string, ts: string) =>
  JSON.stringify({ ts, amanah, channel: 'web', visitor_id: 'v1', session_id: 's1', page: '/', device: 'mobile', source: 'direct' });

async function ingest(key: string | null, body: string, idempotencyKey?: string) {
  const response = await fetch(`${api.url}/api/ingest/portal_visits`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const visitsIn = async (amanah: string) =>
  (
    await api.graphql(
      `query($f: [FilterInput!]) { kpi(metric: "portal.visits", range: {from: "2024-05-01", to: "2024-05-31"}, filters: $f, compare: NONE) { value provenance { dataVersion } } }`,
      { f: [{ dimension: 'amanah', values: [amanah] }] },
    )
  ).data!.kpi;

describe('POST /api/ingest/{dataset} in the app', () => {
  it('401 without a key, 403 for a viewer, 200 for an ingest key; a cached answer refreshes after the write', async () => {
    const body = [visit('hail', '2024-05-02 10:00:00'), visit('hail', '2024-05-03 11:00:00')].join('\n');
    expect((await ingest(null, body)).status).toBe(401);
    expect((await ingest(await api.key('viewer', 'all'), body)).status).toBe(403);

    const before = await visitsIn('hail'); // computed and cached
    expect(before.value).toBe(0);
    const writer = await api.key('ingest', ['hail']);
    const accepted = await ingest(writer, body, 'batch-1');
    expect(accepted).toMatchObject({ status: 200, body: { dataset: 'portal_visits', rowsReceived: 2, rowsInserted: 2, errors: [] } });
    const after = await visitsIn('hail');
    expect(after.value).toBe(2);
    expect(after.provenance.dataVersion).toBeGreaterThan(before.provenance.dataVersion);

    const retried = await ingest(writer, body, 'batch-1');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ rowsInserted: 0, duplicate: true });
    expect((await visitsIn('hail')).value).toBe(2);
  });

  it('a key scoped to one amanah cannot write another amanah’s rows: the batch is refused whole', async () => {
    const writer = await api.key('ingest', ['hail']);
    const refused = await ingest(writer, [visit('hail', '2024-05-04 10:00:00'), visit('jouf', '2024-05-04 10:00:00')].join('\n'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ line: 2, field: 'amanah' })]);
    expect((await visitsIn('jouf')).value).toBe(0);
  });

  it('a batch with bad rows is 422 with every bad row by line and field, and nothing is inserted', async () => {
    const bad = [visit('jouf', '2024-05-05 10:00:00'), visit('atlantis', '2024-05-05 10:00:00'), visit('jouf', 'yesterday')].join('\n');
    const answer = await ingest(ADMIN_KEY, bad);
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'amanah' }),
      expect.objectContaining({ line: 3, field: 'ts' }),
    ]);
    expect((await visitsIn('jouf')).value).toBe(0);
  });

  it('two API processes over one store: a write through one is seen by the next read through the other, cache on', async () => {
    // A second application instance over the same store, as a second API process behind a load balancer would be
    // (chDB lets one process open a directory; two instances in one process share it).
    const second = await startApi(store, { access: { sessionSecret: SESSION_SECRET } });
    try {
      const read = async (through: ApiUnderTest) =>
        (
          await through.graphql(
            `{ kpi(metric: "portal.visits", range: {from: "2024-07-01", to: "2024-07-31"}, filters: [{dimension: "amanah", values: ["baha"]}], compare: NONE) { value provenance { dataVersion } } }`,
          )
        ).data!.kpi as { value: number; provenance: { dataVersion: number } };
      const before = [await read(api), await read(second)]; // both computed and cached
      expect(before.map((b) => b.value)).toEqual([0, 0]);
      const writer = await api.key('ingest', ['baha']);
      const batch = [visit('baha', '2024-07-02 10:00:00'), visit('baha', '2024-07-09 10:00:00'), visit('baha', '2024-07-30 10:00:00')].join('\n');
      const response = await fetch(`${second.url}/api/ingest/portal_visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${writer}`, 'idempotency-key': 'two-processes' },
        body: batch,
      });
      expect(response.status).toBe(200);
      const after = [await read(api), await read(second)];
      expect(after.map((a) => a.value)).toEqual([3, 3]);
      expect(after[0]!.provenance.dataVersion).toBe(after[1]!.provenance.dataVersion);
      expect(after[0]!.provenance.dataVersion).toBeGreaterThan(before[0]!.provenance.dataVersion);

      // A dashboard session signed in through one process is accepted by the other (the same secret), not by a
      // process with a secret of its own.
      const signIn = await fetch(`${api.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: await api.key('viewer', ['baha']) }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const readWithSession = (through: ApiUnderTest) =>
        fetch(`${through.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ query: '{ kpi(metric: "portal.visits", range: {from: "2024-07-01", to: "2024-07-31"}, compare: NONE) { value } }' }),
        }).then(async (response) => (await response.json()) as { data?: { kpi: { value: number } } | null; errors?: Array<{ extensions: { code: string } }> });
      const throughSecond = await readWithSession(second);
      expect(throughSecond.errors).toBeUndefined();
      expect(throughSecond.data?.kpi.value).toBe(3); // the session's scope: baha only
      const stranger = await startApi(store, { access: { sessionSecret: 'another-secret-of-another-process-0123456' } });
      try {
        expect((await readWithSession(stranger)).errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
      } finally {
        await stranger.close();
      }
    } finally {
      await second.close();
    }
  });
});
