import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ApiKeyService } from './api-key.service.js';
import { DEMO_VIEWER_LABEL, listApiKeys } from './api-keys.js';
import { DemoLogin } from './demo-login.js';
import { cookieFrom, graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: TestApp;
let link: string;

beforeAll(async () => {
  store = await openTestStore();
  api = await startAccessTestApp(store, { demoLogin: true });
  // What the API's start-up does when KPI_DEMO_LOGIN=true, before printing the link.
  link = await api.app.get(DemoLogin).prepare();
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

it('the printed link signs the browser in as the demo viewer (every amanah, read only) and goes to the dashboard', async () => {
  expect(link).toMatch(/^\/api\/session\/demo\?token=[\w-]{32}$/);
  const response = await fetch(`${api.baseUrl}${link}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/');
  const cookie = cookieFrom(response);
  const whoAmI = await fetch(`${api.baseUrl}/api/session`, { headers: { cookie } });
  expect(await whoAmI.json()).toMatchObject({ role: 'viewer', amanahs: 'all', label: DEMO_VIEWER_LABEL, via: 'session' });
  const read = await graphql<{ readProbe: { role: string; scope: null } }>(api.baseUrl, '{ readProbe { role scope } }', { cookie });
  expect(read.data!.readProbe).toEqual({ role: 'viewer', scope: null });
  expect((await graphql(api.baseUrl, '{ apiKeys { id } }', { cookie })).errors![0]!.extensions.code).toBe('FORBIDDEN');
});

it('a wrong or missing token is 401 and sets no cookie', async () => {
  for (const path of ['/api/session/demo?token=wrong', '/api/session/demo']) {
    const response = await fetch(`${api.baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status, path).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  }
});

it('preparing again (a restart) reuses the live demo key rather than adding one', async () => {
  await api.app.get(DemoLogin).prepare();
  expect((await listApiKeys(store)).filter((key) => key.label === DEMO_VIEWER_LABEL)).toHaveLength(1);
});

it('revoking the demo key ends demo sign-in; the next start-up makes a new demo key', async () => {
  const [demoKey] = (await listApiKeys(store)).filter((key) => key.label === DEMO_VIEWER_LABEL);
  await api.app.get(ApiKeyService).revoke(demoKey!.id);
  expect((await fetch(`${api.baseUrl}${link}`, { redirect: 'manual' })).status).toBe(401);

  const newLink = await api.app.get(DemoLogin).prepare();
  const live = (await listApiKeys(store)).filter((key) => key.label === DEMO_VIEWER_LABEL && key.revokedAt === null);
  expect(live).toHaveLength(1);
  expect(live[0]!.id).not.toBe(demoKey!.id);
  expect((await fetch(`${api.baseUrl}${newLink}`, { redirect: 'manual' })).status).toBe(303);
});
