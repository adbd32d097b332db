import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { createApiKey } from './api-keys.js';
import type { Role } from './roles.js';
import { cookieFrom, graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

// Real HTTP against a Nest app wired like apps/api (global guard → KeyAccessPolicy), over a real chDB store.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: TestApp;
const adminKey = randomBytes(24).toString('hex');
const generous = { perSecond: 10_000, burst: 10_000 };

type Caller = Role | 'scopedAdmin';
const callers: Record<Caller, { role: Role; amanahs: readonly string[] | 'all' }> = {
  viewer: { role: 'viewer', amanahs: ['jeddah'] },
  press: { role: 'press', amanahs: ['riyadh', 'jeddah'] },
  analyst: { role: 'analyst', amanahs: 'all' },
  ingest: { role: 'ingest', amanahs: ['jeddah'] },
  admin: { role: 'admin', amanahs: 'all' },
  scopedAdmin: { role: 'admin', amanahs: ['jeddah'] },
};
const keys = {} as Record<Caller, string>;

beforeAll(async () => {
  store = await openTestStore();
  api = await startAccessTestApp(store, { adminKey, rateLimits: { graphql: generous, http: generous, signIn: generous, cost: generous } });
  for (const [caller, { role, amanahs }] of Object.entries(callers)) {
    keys[caller as Caller] = (await createApiKey(store, { label: caller, role, amanahs })).key;
  }
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

type Outcome = 'allowed' | 'forbidden' | 'unauthenticated';

/** Every operation the API has, each reached the way a client reaches it, answering what the policy decided. */
const operations: Record<string, (auth: { key?: string; cookie?: string }) => Promise<Outcome>> = {
  'GraphQL query (read)': (auth) => gqlOutcome('{ readProbe { keyId } }', auth),
  'press feature': (auth) => gqlOutcome('{ pressProbe { keyId } }', auth),
  'analysis feature': (auth) => gqlOutcome('{ analysisProbe { keyId } }', auth),
  'apiKeys (keys)': (auth) => gqlOutcome('{ apiKeys { id } }', auth),
  'createApiKey (keys)': (auth) => gqlOutcome('mutation { createApiKey(label: "matrix", role: VIEWER, amanahs: ["jeddah"]) { id } }', auth),
  'undeclared mutation (admin)': (auth) => gqlOutcome('mutation { undeclaredMutation { keyId } }', auth),
  'POST /api/ingest/:dataset': (auth) => restOutcome('POST', '/api/ingest/portal_visits', auth),
  'undeclared route (admin)': (auth) => restOutcome('GET', '/api/undeclared', auth),
  'GET /api/session (whoami)': (auth) => restOutcome('GET', '/api/session', auth),
  'GET /healthz (public)': (auth) => restOutcome('GET', '/healthz', auth),
};

// The roles × operations table of README.md, written out again here so that a change to roles.ts must be a
// deliberate change to this test too.
const ALL = Object.keys(operations);
const READS = ['GraphQL query (read)', 'GET /api/session (whoami)', 'GET /healthz (public)'];
const expectedAllowed: Record<Caller, string[]> = {
  viewer: READS,
  press: [...READS, 'press feature'],
  analyst: [...READS, 'press feature', 'analysis feature'],
  ingest: ['POST /api/ingest/:dataset', 'GET /api/session (whoami)', 'GET /healthz (public)'],
  admin: ALL,
  // An admin limited to some amanahs reads and ingests within them, but neither manages keys nor reaches
  // undeclared operations.
  scopedAdmin: ALL.filter((op) => !['apiKeys (keys)', 'createApiKey (keys)', 'undeclared mutation (admin)', 'undeclared route (admin)'].includes(op)),
};

async function gqlOutcome(query: string, auth: { key?: string; cookie?: string }): Promise<Outcome> {
  const answer = await graphql(api.baseUrl, query, auth);
  if (!answer.errors) return 'allowed';
  const code = answer.errors[0]!.extensions.code;
  if (code === 'FORBIDDEN') return 'forbidden';
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  throw new Error(`unexpected GraphQL answer ${JSON.stringify(answer)}`);
}

async function restOutcome(method: string, path: string, auth: { key?: string; cookie?: string }): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (auth.key) headers.authorization = `Bearer ${auth.key}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${api.baseUrl}${path}`, { method, headers });
  if (response.status === 200 || response.status === 201) return 'allowed';
  const body = (await response.json()) as { statusCode: number; code: string; message: string };
  expect(body.statusCode).toBe(response.status);
  expect(body.message.length).toBeGreaterThan(10);
  if (response.status === 403 && body.code === 'FORBIDDEN') return 'forbidden';
  if (response.status === 401 && body.code === 'UNAUTHENTICATED') return 'unauthenticated';
  throw new Error(`unexpected answer ${response.status} ${JSON.stringify(body)}`);
}

async function signIn(key: string, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ key }),
  });
}

describe('every role against every operation', () => {
  const cases = (Object.keys(callers) as Caller[]).flatMap((caller) => ALL.map((operation) => [caller, operation] as const));

  it.each(cases)('%s key (bearer) → %s', async (caller, operation) => {
    const expected: Outcome = expectedAllowed[caller].includes(operation) ? 'allowed' : 'forbidden';
    expect(await operations[operation]!({ key: keys[caller] })).toBe(expected);
  });

  it.each(cases)('%s session cookie → %s', async (caller, operation) => {
    const cookie = cookieFrom(await signIn(keys[caller]));
    const expected: Outcome = expectedAllowed[caller].includes(operation) ? 'allowed' : 'forbidden';
    expect(await operations[operation]!({ cookie })).toBe(expected);
  });

  it.each(ALL)('no credentials → %s', async (operation) => {
    expect(await operations[operation]!({})).toBe(operation === 'GET /healthz (public)' ? 'allowed' : 'unauthenticated');
  });

  it('HEAD of a public GET route is public too', async () => {
    expect((await fetch(`${api.baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });

  it('the KPI_ADMIN_KEY bootstrap key may do everything', async () => {
    for (const operation of ALL) expect(await operations[operation]!({ key: adminKey }), operation).toBe('allowed');
  });
});

describe('the principal and the amanah scope on the request', () => {
  it('a scoped key sets req.amanahScope to its amanahs; a key for all amanahs leaves it unset', async () => {
    const press = await graphql<{ readProbe: unknown }>(api.baseUrl, '{ readProbe { keyId role scope } }', { key: keys.press });
    expect(press.data!.readProbe).toEqual({ keyId: keys.press.split('_')[1], role: 'press', scope: ['jeddah', 'riyadh'] });
    const analyst = await graphql<{ readProbe: unknown }>(api.baseUrl, '{ readProbe { keyId role scope } }', { key: keys.analyst });
    expect(analyst.data!.readProbe).toEqual({ keyId: keys.analyst.split('_')[1], role: 'analyst', scope: null });
  });

  it('ingest sees its principal and scope, for the row checks of the ingest code', async () => {
    const response = await fetch(`${api.baseUrl}/api/ingest/licenses`, { method: 'POST', headers: { authorization: `Bearer ${keys.ingest}` } });
    expect(await response.json()).toEqual({ dataset: 'licenses', keyId: keys.ingest.split('_')[1], role: 'ingest', scope: ['jeddah'] });
  });

  it('GET /api/session says who the caller is', async () => {
    const response = await fetch(`${api.baseUrl}/api/session`, { headers: { authorization: `Bearer ${keys.press}` } });
    expect(await response.json()).toEqual({
      keyId: keys.press.split('_')[1],
      label: 'press',
      role: 'press',
      amanahs: ['jeddah', 'riyadh'],
      via: 'bearer',
      operations: ['read', 'press'],
    });
  });
});

describe('refusals', () => {
  it('GraphQL without credentials: UNAUTHENTICATED, no data, a message that says how to sign in', async () => {
    const answer = await graphql(api.baseUrl, '{ readProbe { keyId } }');
    expect(answer.data).toBeNull();
    expect(answer.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(answer.errors![0]!.message).toMatch(/Authorization: Bearer/);
  });

  it('a wrong, malformed or well-formed-but-unknown key is 401', async () => {
    const [, id, secret] = keys.viewer.split('_');
    const wrongSecret = `akpi_${id}_${secret!.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`;
    const unknownId = `akpi_${'0'.repeat(16)}_${secret}`;
    for (const key of [wrongSecret, unknownId, 'not-a-key', adminKey.slice(0, -1)]) {
      const answer = await graphql(api.baseUrl, '{ readProbe { keyId } }', { key });
      expect(answer.errors![0]!.extensions.code, key).toBe('UNAUTHENTICATED');
      expect(answer.errors![0]!.message).toMatch(/not valid/);
    }
  });

  it('an Authorization header that is not "Bearer <key>" is 401', async () => {
    const response = await fetch(`${api.baseUrl}/api/session`, { headers: { authorization: `Basic ${keys.viewer}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The Authorization header must be "Bearer <API key>".' });
  });

  it('a bearer key is judged alone: a wrong key with a valid session cookie is still 401', async () => {
    const cookie = cookieFrom(await signIn(keys.viewer));
    const answer = await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie, key: 'akpi_0000000000000000_00' });
    expect(answer.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a forbidden GraphQL field is refused while allowed fields of the same request answer', async () => {
    const answer = await graphql<{ readProbe: { role: string } | null; apiKeys: unknown }>(
      api.baseUrl,
      '{ readProbe { role } apiKeys { id } }',
      { key: keys.viewer },
    );
    expect(answer.data).toBeNull(); // apiKeys is non-null, so the whole data is null…
    expect(answer.errors).toHaveLength(1); // …but only apiKeys was refused
    expect(answer.errors![0]).toMatchObject({ path: ['apiKeys'], extensions: { code: 'FORBIDDEN' } });
  });
});

describe('keys over GraphQL', () => {
  const create = (auth: { key?: string; cookie?: string }, args: string) =>
    graphql<{ createApiKey: { id: string; key: string; role: string; amanahs: string[]; allAmanahs: boolean; label: string } }>(
      api.baseUrl,
      `mutation { createApiKey(${args}) { id key role amanahs allAmanahs label createdAt revokedAt } }`,
      auth,
    );

  it('an admin creates a key that works at once, with its role and scope; the list never shows a secret', async () => {
    const created = await create({ key: adminKey }, 'label: "Jeddah press office", role: PRESS, amanahs: ["jeddah"]');
    const key = created.data!.createApiKey;
    expect(key).toMatchObject({ role: 'PRESS', amanahs: ['jeddah'], allAmanahs: false, label: 'Jeddah press office', revokedAt: null });
    expect(key.key).toMatch(new RegExp(`^akpi_${key.id}_[0-9a-f]{64}$`));

    const probe = await graphql<{ pressProbe: unknown }>(api.baseUrl, '{ pressProbe { keyId role scope } }', { key: key.key });
    expect(probe.data!.pressProbe).toEqual({ keyId: key.id, role: 'press', scope: ['jeddah'] });

    const list = await graphql<{ apiKeys: Array<{ id: string; label: string }> }>(
      api.baseUrl,
      '{ apiKeys { id label role amanahs allAmanahs createdAt revokedAt } }',
      { key: adminKey },
    );
    expect(list.data!.apiKeys.map((k) => k.id)).toContain(key.id);
    const secret = key.key.split('_')[2]!;
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it('grants every amanah only when asked explicitly, and refuses bad input with BAD_USER_INPUT naming the argument', async () => {
    const all = await create({ key: adminKey }, 'label: "national dashboard", role: VIEWER, allAmanahs: true');
    expect(all.data!.createApiKey).toMatchObject({ amanahs: [], allAmanahs: true });

    const bad: Array<[string, string]> = [
      ['label: "x", role: VIEWER', 'amanahs'],
      ['label: "x", role: VIEWER, amanahs: []', 'amanahs'],
      ['label: "x", role: VIEWER, amanahs: ["atlantis"]', 'amanahs'],
      ['label: "x", role: VIEWER, amanahs: ["jeddah"], allAmanahs: true', 'amanahs'],
      ['label: "   ", role: VIEWER, amanahs: ["jeddah"]', 'label'],
      ['label: "ops\\u0000admin", role: VIEWER, amanahs: ["jeddah"]', 'label'],
      ['label: "jeddah \\u202Enimda", role: VIEWER, amanahs: ["jeddah"]', 'label'],
      ['label: "a\\u2069b", role: VIEWER, amanahs: ["jeddah"]', 'label'],
    ];
    for (const [args, argument] of bad) {
      const answer = await create({ key: adminKey }, args);
      expect(answer.errors?.[0]?.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const tooLong = await create({ key: adminKey }, `label: "${'x'.repeat(201)}", role: VIEWER, amanahs: ["jeddah"]`);
    expect(tooLong.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('revocation is immediate for bearer keys and for sessions of that key, even when the key was just cached', async () => {
    const key = (await create({ key: adminKey }, 'label: "to revoke", role: VIEWER, amanahs: ["taif"]')).data!.createApiKey;
    const cookie = cookieFrom(await signIn(key.key));
    expect(await gqlOutcome('{ readProbe { keyId } }', { key: key.key })).toBe('allowed');
    expect(await gqlOutcome('{ readProbe { keyId } }', { cookie })).toBe('allowed');

    const revoked = await graphql<{ revokeApiKey: { id: string; revokedAt: string } }>(
      api.baseUrl,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
      { key: adminKey },
      { id: key.id },
    );
    expect(revoked.data!.revokeApiKey.id).toBe(key.id);
    expect(Date.parse(revoked.data!.revokeApiKey.revokedAt)).toBeGreaterThan(Date.now() - 60_000);

    expect(await gqlOutcome('{ readProbe { keyId } }', { key: key.key })).toBe('unauthenticated');
    const bySession = await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie });
    expect(bySession.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(bySession.errors![0]!.message).toMatch(/revoked/);
    expect((await signIn(key.key)).status).toBe(401);
  });

  it('revoking an unknown id is BAD_USER_INPUT', async () => {
    const answer = await graphql(api.baseUrl, 'mutation { revokeApiKey(id: "0000000000000000") { id } }', { key: adminKey });
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});

describe('dashboard sessions', () => {
  it('POST /api/session sets an httpOnly, SameSite=Strict cookie and answers who signed in', async () => {
    const response = await signIn(keys.viewer);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^kpi_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await response.json()).toEqual({ keyId: keys.viewer.split('_')[1], label: 'viewer', role: 'viewer', amanahs: ['jeddah'], via: 'session', operations: ['read'] });
    const whoAmI = await fetch(`${api.baseUrl}/api/session`, { headers: { cookie: cookieFrom(response) } });
    expect(await whoAmI.json()).toMatchObject({ role: 'viewer', amanahs: ['jeddah'], via: 'session' });
  });

  it('the cookie is Secure when the browser came over https (through a proxy)', async () => {
    const response = await signIn(keys.viewer, { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('DELETE /api/session clears the cookie and ends that session, even for a copy of the cookie', async () => {
    const cookie = cookieFrom(await signIn(keys.viewer));
    const signOut = await fetch(`${api.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^kpi_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await fetch(`${api.baseUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('a tampered cookie is no session', async () => {
    const cookie = cookieFrom(await signIn(keys.viewer));
    const [name, value] = cookie.split('=');
    const [payload, signature] = value!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { k: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, k: keys.admin.split('_')[1] })).toString('base64url');
    const answer = await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie: `${name}=${forged}.${signature}` });
    expect(answer.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('signing in with a wrong key is 401 JSON; without a key 400', async () => {
    const wrong = await signIn('akpi_0000000000000000_' + '0'.repeat(64));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const missing = await fetch(`${api.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
  });

  it('POST /api/session takes only application/json: a form or text/plain (a cross-site "simple" request) is 415', async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${api.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const refused = [
      post('application/x-www-form-urlencoded', new URLSearchParams({ key: keys.viewer }).toString()),
      post('text/plain', JSON.stringify({ key: keys.viewer })),
      post('multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="key"\r\n\r\n${keys.viewer}\r\n--x--\r\n`),
    ];
    for (const response of await Promise.all(refused)) {
      expect(response.status).toBe(415);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect((await post('application/json; charset=utf-8', JSON.stringify({ key: keys.viewer }))).status).toBe(200);
  });

  it('the demo sign-in route does not exist unless KPI_DEMO_LOGIN is enabled', async () => {
    const response = await fetch(`${api.baseUrl}/api/session/demo?token=anything`, { redirect: 'manual' });
    expect(response.status).toBe(404);
  });
});
