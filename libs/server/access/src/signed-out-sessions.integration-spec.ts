import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { createApiKey } from './api-keys.js';
import { SIGNED_OUT_CACHE_MS } from './signed-out-sessions.js';
import { cookieFrom, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

// Two API processes over one store (two apps in this test process, each with its own memory), one
// KPI_SESSION_SECRET: a session signed out on one is refused by the other too, within SIGNED_OUT_CACHE_MS.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let first: TestApp;
let second: TestApp;
const sessionSecret = randomBytes(32).toString('hex');

beforeAll(async () => {
  store = await openTestStore();
  first = await startAccessTestApp(store, { sessionSecret });
  second = await startAccessTestApp(store, { sessionSecret });
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await store?.dispose();
});

async function signIn(api: TestApp, key: string): Promise<string> {
  const response = await fetch(`${api.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  expect(response.status).toBe(200);
  return cookieFrom(response);
}

const whoAmI = (api: TestApp, cookie: string) => fetch(`${api.baseUrl}/api/session`, { headers: { cookie } }).then((response) => response.status);

it('a session signed out on one process is refused by another over the same store, within the cache time', async () => {
  const { key } = await createApiKey(store, { label: 'two processes', role: 'viewer', amanahs: ['hail'] });
  const cookie = await signIn(first, key);
  const other = await signIn(first, key);
  expect(await whoAmI(second, cookie)).toBe(200); // the second process has read the (empty) list now
  expect((await fetch(`${first.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
  const signedOutAt = performance.now();
  // At once where it was signed out.
  expect(await whoAmI(first, cookie)).toBe(401);
  // On the other process once its copy is older than the cache time.
  await expect.poll(() => whoAmI(second, cookie), { timeout: SIGNED_OUT_CACHE_MS * 3, interval: 100 }).toBe(401);
  expect(performance.now() - signedOutAt).toBeLessThan(SIGNED_OUT_CACHE_MS + 1000);
  // Another session of the same key is not affected, on either process.
  expect(await whoAmI(first, other)).toBe(200);
  expect(await whoAmI(second, other)).toBe(200);
});

it('a process started after the sign-out refuses the session at once (the record is in the store)', async () => {
  const { key } = await createApiKey(store, { label: 'restart', role: 'viewer', amanahs: ['hail'] });
  const cookie = await signIn(first, key);
  expect((await fetch(`${first.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
  const restarted = await startAccessTestApp(store, { sessionSecret });
  try {
    expect(await whoAmI(restarted, cookie)).toBe(401);
  } finally {
    await restarted.close();
  }
});
