import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store); // the real access policy, with a bootstrap admin key
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const asAdmin = { headers: { authorization: `Bearer ${ADMIN_KEY}` } };

it('tells anyone only the status, and an admin the store, its version and the migrations', async () => {
  const anonymous = await fetch(`${api.url}/healthz`);
  expect(anonymous.status).toBe(200);
  expect(await anonymous.json()).toEqual({ status: 'ok' });
  // An admin key on the public route changes nothing: the details have their own, guarded route.
  expect(await (await fetch(`${api.url}/healthz`, asAdmin)).json()).toEqual({ status: 'ok' });

  expect((await fetch(`${api.url}/healthz/details`)).status).toBe(401);
  const viewer = await api.key('viewer', 'all');
  expect((await fetch(`${api.url}/healthz/details`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
  const details = await fetch(`${api.url}/healthz/details`, asAdmin);
  expect(details.status).toBe(200);
  expect(await details.json()).toEqual({
    status: 'ok',
    store: `embedded chDB store at ${store.dataDir}`,
    serverVersion: store.serverVersion,
    migrations: MIGRATIONS.map((m) => m.name),
  });
  expect(store.serverVersion).toMatch(/^\d+\.\d+/);
});

it('answers /livez and /readyz to anyone with the status alone', async () => {
  for (const path of ['/livez', '/readyz']) {
    const answer = await fetch(`${api.url}${path}`);
    expect(answer.status, path).toBe(200);
    expect(await answer.json(), path).toEqual({ status: 'ok' });
  }
});

it('answers 503 once the store stops answering: only the status to anyone, the store and reason to an admin', async () => {
  await store.close();
  const anonymous = await fetch(`${api.url}/healthz`);
  expect(anonymous.status).toBe(503);
  expect(await anonymous.json()).toEqual({ status: 'unavailable' });
  expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
  // Alive all the same: restarting the process would not bring the store back.
  expect((await fetch(`${api.url}/livez`)).status).toBe(200);

  const details = await fetch(`${api.url}/healthz/details`, asAdmin);
  expect(details.status).toBe(503);
  const body = (await details.json()) as { status: string; store: string; reason: string };
  expect(body).toMatchObject({ status: 'unavailable', store: `embedded chDB store at ${store.dataDir}` });
  expect(body.reason).toMatch(/^the store does not answer: /);
});
