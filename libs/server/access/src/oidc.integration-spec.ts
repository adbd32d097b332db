import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { accessConfigFromEnv, DEFAULT_ACCESS_CONFIG, type OidcConfig } from './access-config.js';
import { AuditLog, listAuditEntries } from './audit-log.js';
import { graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';
import { followRedirects, listenTestOidcProvider, type TestOidcProvider } from './testing/oidc-test-provider.js';

// Sign-in with a real OpenID provider (oidc-provider on loopback) through the API over real HTTP: the redirect, the
// provider's login, the callback, the code exchange and the ID token checks, then the session cookie at work.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let provider: TestOidcProvider;
let api: TestApp;
let oidc: OidcConfig | undefined;

beforeAll(async () => {
  store = await openTestStore();
  provider = await listenTestOidcProvider();
  oidc = accessConfigFromEnv({
    KPI_OIDC_ISSUER: provider.issuer,
    KPI_OIDC_CLIENT_ID: provider.clientId,
    KPI_OIDC_CLIENT_SECRET: provider.clientSecret,
    KPI_OIDC_ROLE_CLAIM: 'kpi_role',
    KPI_OIDC_AMANAH_CLAIM: 'kpi_amanahs',
  }).oidc;
  // Room for the refusals below (each counts against 127.0.0.1); the limit itself is tested with an app of its own.
  api = await startAccessTestApp(store, { oidc, rateLimits: { ...DEFAULT_ACCESS_CONFIG.rateLimits, signIn: { perSecond: 1, burst: 100 } } });
  provider.start(`${api.baseUrl}/api/session/oidc/callback`);
  provider.accounts.set('analyst-1', { name: 'Analyst of Jeddah', kpi_role: 'analyst', kpi_amanahs: ['jeddah', 'makkah'] });
  provider.accounts.set('admin-1', { name: 'National admin', kpi_role: 'admin', kpi_amanahs: 'all' });
  provider.accounts.set('listed-1', { kpi_role: 'viewer', kpi_amanahs: 'hail, tabuk' });
  provider.accounts.set('no-role', { kpi_amanahs: ['jeddah'] });
  provider.accounts.set('odd-role', { kpi_role: 'superuser', kpi_amanahs: ['jeddah'] });
  provider.accounts.set('odd-amanah', { kpi_role: 'viewer', kpi_amanahs: ['jeddah', 'atlantis'] });
});

afterEach(() => {
  provider.tamperIdToken = undefined;
});

afterAll(async () => {
  await api?.close();
  await provider?.close();
  await store?.dispose();
});

async function signIn(account: string, query = '') {
  provider.signInAs = account;
  const { response, url, cookies } = await followRedirects(`${api.baseUrl}/api/session/oidc/login${query}`);
  return { response, url, cookie: cookies(api.baseUrl) };
}

/** The provider's ID token with some claims changed, signed by `key` (default: the provider's own key). */
function resigned(change: JWTPayload, key = provider.signingKey) {
  return async (idToken: string) => {
    const claims = { ...decodeJwt(idToken), ...change };
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: provider.signingKey.kid! }).sign(await importJWK(key, 'RS256'));
  };
}

async function expectRefused(account: string, reason: RegExp) {
  const { response, cookie } = await signIn(account);
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(reason) });
  expect(cookie).not.toMatch(/kpi_session=/);
}

describe('OpenID Connect sign-in', () => {
  it('says it is configured (the sign-in page shows its button)', async () => {
    expect(await (await fetch(`${api.baseUrl}/api/session/oidc`)).json()).toEqual({ enabled: true });
  });

  it('redirects to the provider with PKCE (S256), state and nonce', async () => {
    const response = await fetch(`${api.baseUrl}/api/session/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(location.searchParams.get(name)?.length).toBeGreaterThan(20);
    expect(location.searchParams.get('redirect_uri')).toBe(`${api.baseUrl}/api/session/oidc/callback`);
    expect(response.headers.get('set-cookie')).toMatch(/^kpi_oidc=.+HttpOnly.*SameSite=Lax/i);
  });

  it('signs in end to end: role and amanah scope from the claims, the same session cookie API keys get', async () => {
    const { url, cookie } = await signIn('analyst-1');
    expect(url).toBe(`${api.baseUrl}/`); // the dashboard's "/" (no page in this test app)
    expect(cookie).toMatch(/kpi_session=/);
    const whoAmI = await (await fetch(`${api.baseUrl}/api/session`, { headers: { cookie } })).json();
    expect(whoAmI).toEqual({
      keyId: 'oidc:analyst-1',
      label: 'Analyst of Jeddah',
      role: 'analyst',
      amanahs: ['jeddah', 'makkah'],
      via: 'session',
      operations: ['read', 'press', 'analysis'],
    });
    const probe = await graphql<{ analysisProbe: { keyId: string; role: string; scope: string[] } }>(api.baseUrl, '{ analysisProbe { keyId role scope } }', { cookie });
    expect(probe.data?.analysisProbe).toEqual({ keyId: 'oidc:analyst-1', role: 'analyst', scope: ['jeddah', 'makkah'] });
    // An analyst may not manage keys.
    const refused = await graphql(api.baseUrl, 'mutation { undeclaredMutation { keyId } }', { cookie });
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('"all" in the amanah claim is every amanah; a comma list is a list', async () => {
    const admin = await signIn('admin-1');
    const asAdmin = await graphql<{ undeclaredMutation: { scope: null } }>(api.baseUrl, 'mutation { undeclaredMutation { keyId scope } }', { cookie: admin.cookie });
    expect(asAdmin.data?.undeclaredMutation).toEqual({ keyId: 'oidc:admin-1', scope: null });
    const listed = await signIn('listed-1');
    const probe = await graphql<{ readProbe: { scope: string[] } }>(api.baseUrl, '{ readProbe { scope } }', { cookie: listed.cookie });
    expect(probe.data?.readProbe.scope).toEqual(['hail', 'tabuk']);
  });

  it('returns to the page that asked for the sign-in (a path of this site only)', async () => {
    const view = '/dashboards/executive?amanah=jeddah&lang=en';
    expect((await signIn('analyst-1', `?return=${encodeURIComponent(view)}`)).url).toBe(`${api.baseUrl}${view}`);
    expect((await signIn('analyst-1', `?return=${encodeURIComponent('//evil.example/')}`)).url).toBe(`${api.baseUrl}/`);
  });

  it('the cookie ends like any session: signed out, it is refused', async () => {
    const { cookie } = await signIn('analyst-1');
    expect((await fetch(`${api.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${api.baseUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a missing role, an unknown role and an unknown amanah', async () => {
    await expectRefused('no-role', /no role \(claim "kpi_role"\)/);
    await expectRefused('odd-role', /unknown role "superuser"/);
    await expectRefused('odd-amanah', /unknown amanahs: "atlantis"/);
  });

  it('refuses an ID token of another issuer', async () => {
    provider.tamperIdToken = resigned({ iss: 'https://impostor.example' });
    await expectRefused('analyst-1', /"iss"/);
  });

  it('refuses an ID token signed by another key (same kid)', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    provider.tamperIdToken = resigned({}, { ...(await exportJWK(privateKey)), kid: provider.signingKey.kid });
    await expectRefused('analyst-1', /signature/i);
  });

  it('refuses an ID token for another audience', async () => {
    provider.tamperIdToken = resigned({ aud: 'another-client' });
    await expectRefused('analyst-1', /"aud"/);
  });

  it('refuses an expired ID token and one with another nonce', async () => {
    provider.tamperIdToken = resigned({ exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 1200 });
    await expectRefused('analyst-1', /"exp"|expired/i);
    provider.tamperIdToken = resigned({ nonce: 'another-nonce' });
    await expectRefused('analyst-1', /nonce/);
  });

  it('refuses a callback without the state cookie of the browser that started it', async () => {
    provider.signInAs = 'analyst-1';
    const login = await fetch(`${api.baseUrl}/api/session/oidc/login`, { redirect: 'manual' });
    // Another browser (no kpi_oidc cookie) arrives at the callback with a code.
    const since = new Date().toISOString();
    const response = await fetch(`${api.baseUrl}/api/session/oidc/callback?code=x&state=${new URL(login.headers.get('location')!).searchParams.get('state')}`);
    expect(response.status).toBe(401);
    expect((await response.json()).message).toMatch(/start again/);
    // Anyone can send that: no audit row for it (once the writes under way, if any, are done).
    await api.app.get(AuditLog).settled();
    expect(await listAuditEntries(store, { action: 'sign_in', since })).toEqual([]);
  });
});

describe('the failed sign-in limit', () => {
  it('counts failed callbacks per address: 429 with Retry-After past it, for the callback and for new sign-ins; no audit rows', async () => {
    const limited = await startAccessTestApp(store, { oidc, rateLimits: { ...DEFAULT_ACCESS_CONFIG.rateLimits, signIn: { perSecond: 0.01, burst: 3 } } });
    try {
      const since = new Date().toISOString();
      const login = await fetch(`${limited.baseUrl}/api/session/oidc/login`, { redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
      // The state cookie replayed with a provider error, again and again.
      const replay = () => fetch(`${limited.baseUrl}/api/session/oidc/callback?state=${state}&error=x`, { headers: { cookie } });
      for (let i = 0; i < 3; i++) expect((await replay()).status).toBe(401);
      const refused = await replay();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
      const again = await fetch(`${limited.baseUrl}/api/session/oidc/login`, { redirect: 'manual' });
      expect(again.status).toBe(429);
      expect(again.headers.get('set-cookie')).toBeNull();
      await limited.app.get(AuditLog).settled();
      expect(await listAuditEntries(store, { action: 'sign_in', since })).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('records no row for a token the provider gave but we refuse on its checks (another audience), only for refused claims', async () => {
    const since = new Date().toISOString();
    provider.tamperIdToken = resigned({ aud: 'another-client' });
    await expectRefused('analyst-1', /"aud"/);
    await api.app.get(AuditLog).settled();
    expect(await listAuditEntries(store, { action: 'sign_in', since })).toEqual([]);
  });
});

describe('the audit log', () => {
  it('records each sign-in with the ministry account, and each refusal with its reason', async () => {
    const since = new Date().toISOString();
    await signIn('listed-1');
    await signIn('odd-role');
    await expect.poll(async () => (await listAuditEntries(store, { action: 'sign_in', since })).length).toBe(2);
    const entries = await listAuditEntries(store, { action: 'sign_in', since });
    const [ok, refused] = [entries.find((e) => e.outcome === 'ok'), entries.find((e) => e.outcome === 'refused')];
    expect(ok).toMatchObject({ actorId: 'oidc:listed-1', actorLabel: 'listed-1', actorRole: 'viewer', objectType: 'session', objectId: 'oidc:listed-1', outcome: 'ok', detail: 'ministry account' });
    expect(refused).toMatchObject({ actorId: '', outcome: 'refused', detail: 'ministry account: The provider gave an unknown role "superuser" (claim "kpi_role").' });
  });
});

describe('without OpenID configuration', () => {
  it('the status says so and /login is 404', async () => {
    const plain = await startAccessTestApp(store, {});
    try {
      expect(await (await fetch(`${plain.baseUrl}/api/session/oidc`)).json()).toEqual({ enabled: false });
      expect((await fetch(`${plain.baseUrl}/api/session/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
