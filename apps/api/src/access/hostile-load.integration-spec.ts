import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// The access layer's answers under load, through the API as it is wired (createApp, the Apollo driver's options, the
// Express settings): the access library's own tests use a test app, and these check that apps/api keeps its promises.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store, {
    access: {
      adminKey: ADMIN_KEY,
      rateLimits: { graphql: { perSecond: 0.5, burst: 2 }, http: { perSecond: 0.5, burst: 2 }, signIn: { perSecond: 0.2, burst: 2 } },
    },
  });
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('rate-limited GraphQL', () => {
  it('is HTTP 429 with Retry-After, and still RATE_LIMITED with retryAfterSeconds in the error', async () => {
    const key = await api.key('viewer', ['hail']);
    const ask = () =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ amanahs { id } }' }),
      });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    const body = (await limited.json()) as { data: unknown; errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.data).toBeNull();
    expect(body.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
  });
});
