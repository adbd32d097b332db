import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessConfigFromEnv, DEFAULT_ACCESS_CONFIG } from '@amanah/access';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// The access layer's answers under load, through the API as it is wired (createApp, the Apollo driver's options, the
// Express settings): the access library's own tests use a test app, and these check that apps/api keeps its promises.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;
/** The same API behind a proxy on this host: KPI_TRUST_PROXY=loopback. */
let proxied: ApiUnderTest;
const rateLimits = { graphql: { perSecond: 0.5, burst: 2 }, http: { perSecond: 0.5, burst: 2 }, signIn: { perSecond: 0.2, burst: 2 }, cost: DEFAULT_ACCESS_CONFIG.rateLimits.cost };

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store, { access: { adminKey: ADMIN_KEY, rateLimits } });
  proxied = await startApi(store, { access: { adminKey: ADMIN_KEY, rateLimits, trustProxy: accessConfigFromEnv({ KPI_TRUST_PROXY: 'loopback' }).trustProxy } });
});

afterAll(async () => {
  await api?.close();
  await proxied?.close();
  await store?.dispose();
});

const WRONG_KEY = `akpi_${'0'.repeat(16)}_${'0'.repeat(64)}`;

/** GET /api/session (whoami) with a bearer key, from the address X-Forwarded-For claims. */
function whoAmI(target: ApiUnderTest, key: string, forwardedFor?: string): Promise<Response> {
  return fetch(`${target.url}/api/session`, {
    headers: { authorization: `Bearer ${key}`, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
  });
}

describe('the failed-attempt limit and X-Forwarded-For (KPI_TRUST_PROXY)', () => {
  it('without KPI_TRUST_PROXY, X-Forwarded-For is ignored: failures "from" many addresses count against the one peer', async () => {
    expect((await whoAmI(api, WRONG_KEY, '198.51.100.1')).status).toBe(401);
    expect((await whoAmI(api, WRONG_KEY, '198.51.100.2')).status).toBe(401);
    const limited = await whoAmI(api, WRONG_KEY, '198.51.100.3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    // A right key from that peer is never refused by the failure limit.
    expect((await whoAmI(api, await api.key('viewer', ['hail']))).status).toBe(200);
  });

  it('behind a trusted proxy, each client named by X-Forwarded-For has its own failure limit', async () => {
    expect((await whoAmI(proxied, WRONG_KEY, '203.0.113.7')).status).toBe(401);
    expect((await whoAmI(proxied, WRONG_KEY, '203.0.113.7')).status).toBe(401);
    expect((await whoAmI(proxied, WRONG_KEY, '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is not limited by the first one's failures…
    expect((await whoAmI(proxied, WRONG_KEY, '203.0.113.8')).status).toBe(401);
    // …and the limited client's right key still passes.
    expect((await whoAmI(proxied, await proxied.key('viewer', ['hail']), '203.0.113.7')).status).toBe(200);
  });
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
