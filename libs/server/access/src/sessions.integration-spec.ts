import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { createApiKey, revokeApiKey } from './api-keys.js';
import { cookieFrom, graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

// Sessions end when their key does: one store, one KPI_SESSION_SECRET, and the API "restarted" (a new app, a new
// process's memory) with another or the same KPI_ADMIN_KEY.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
const sessionSecret = randomBytes(32).toString('hex');
const adminKeyA = randomBytes(24).toString('hex');
const adminKeyB = randomBytes(24).toString('hex');
const started: TestApp[] = [];

beforeAll(async () => {
  store = await openTestStore();
});

afterAll(async () => {
  for (const app of started) await app.close();
  await store?.dispose();
});

async function start(adminKey: string): Promise<TestApp> {
  const app = await startAccessTestApp(store, { adminKey, sessionSecret });
  started.push(app);
  return app;
}

async function signIn(api: TestApp, key: string): Promise<string> {
  const response = await fetch(`${api.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  expect(response.status).toBe(200);
  return cookieFrom(response);
}

const createKey = (api: TestApp, cookie: string) =>
  graphql<{ createApiKey: { id: string } }>(api.baseUrl, 'mutation { createApiKey(label: "minted", role: ADMIN, allAmanahs: true) { id } }', { cookie });

describe('the bootstrap admin key (KPI_ADMIN_KEY)', () => {
  it('a session made with admin key A is refused by the API restarted with admin key B', async () => {
    const withA = await start(adminKeyA);
    const cookie = await signIn(withA, adminKeyA);
    expect((await createKey(withA, cookie)).errors).toBeUndefined();

    const withB = await start(adminKeyB);
    const refused = await createKey(withB, cookie);
    expect(refused.data).toBeNull();
    expect(refused.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toMatch(/sign in again/);
    expect((await fetch(`${withB.baseUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
    // B's own sessions work.
    expect((await createKey(withB, await signIn(withB, adminKeyB))).errors).toBeUndefined();
  });

  it('a restart with the same admin key (and the same session secret) keeps its sessions', async () => {
    const cookie = await signIn(await start(adminKeyA), adminKeyA);
    const again = await start(adminKeyA);
    expect((await createKey(again, cookie)).errors).toBeUndefined();
  });
});

describe('stored keys', () => {
  it('a session of a key revoked by another process (the CLI) is refused by the next start', async () => {
    const api = await start(adminKeyA);
    const { key, record } = await createApiKey(store, { label: 'revoked elsewhere', role: 'viewer', amanahs: ['hail'] });
    const cookie = await signIn(api, key);
    expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie })).errors).toBeUndefined();
    await revokeApiKey(store, record.id);
    const restarted = await start(adminKeyA);
    expect((await graphql(restarted.baseUrl, '{ readProbe { keyId } }', { cookie })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a session of a key revoked through the API is refused at once, with the key cached a moment before', async () => {
    const api = await start(adminKeyA);
    const { key, record } = await createApiKey(store, { label: 'revoked here', role: 'viewer', amanahs: ['hail'] });
    const cookie = await signIn(api, key);
    expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie })).errors).toBeUndefined();
    const revoked = await graphql(api.baseUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { key: adminKeyA }, { id: record.id });
    expect(revoked.errors).toBeUndefined();
    expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});
