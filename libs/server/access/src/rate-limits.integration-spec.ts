import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { createApiKey } from './api-keys.js';
import { DEFAULT_ACCESS_CONFIG } from './access-config.js';
import { cookieFrom, graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

// Small buckets so that limits are reached in a few requests; each test uses its own key (buckets are per key).
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: TestApp;

beforeAll(async () => {
  store = await openTestStore();
  api = await startAccessTestApp(store, {
    rateLimits: { graphql: { perSecond: 0.5, burst: 3 }, http: { perSecond: 0.5, burst: 2 }, signIn: { perSecond: 0.2, burst: 2 }, cost: DEFAULT_ACCESS_CONFIG.rateLimits.cost },
  });
});

afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const newKey = async (role: 'viewer' | 'ingest' = 'viewer') => (await createApiKey(store, { label: 'rate', role, amanahs: ['hail'] })).key;

it('GraphQL past the burst: HTTP 429 with Retry-After and RATE_LIMITED, per key', async () => {
  const key = await newKey();
  for (let i = 0; i < 3; i++) {
    const allowed = await graphql(api.baseUrl, '{ readProbe { keyId } }', { key });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.status).toBe(200);
  }
  const limited = await graphql(api.baseUrl, '{ readProbe { keyId } }', { key });
  expect(limited.status).toBe(429);
  expect(limited.data).toBeNull();
  // One token refills in 2 s at 0.5/s.
  expect(limited.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
  expect(limited.headers.get('retry-after')).toBe('2');
  // Another key has its own bucket.
  expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { key: await newKey() })).errors).toBeUndefined();
});

it('one GraphQL request costs one token however many fields it asks, and over the limit every field is refused', async () => {
  const key = await newKey();
  // Nullable fields, so that one refused field does not end the execution of the others.
  const threeFields = '{ a: optionalProbe { keyId } b: optionalProbe { keyId } c: optionalProbe { keyId } }';
  for (let i = 0; i < 3; i++) expect((await graphql(api.baseUrl, threeFields, { key })).errors).toBeUndefined();
  const limited = await graphql(api.baseUrl, threeFields, { key });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('2');
  expect(limited.data).toEqual({ a: null, b: null, c: null });
  expect(limited.errors!.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
});

it('REST past the burst: 429 JSON with Retry-After', async () => {
  const key = await newKey('ingest');
  const ingest = () => fetch(`${api.baseUrl}/api/ingest/licenses`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  expect((await ingest()).status).toBe(201);
  expect((await ingest()).status).toBe(201);
  const limited = await ingest();
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('2');
  expect(await limited.json()).toEqual({
    statusCode: 429,
    code: 'RATE_LIMITED',
    message: 'Too many requests for this API key: wait before trying again.',
    retryAfterSeconds: 2,
  });
});

it('failed sign-ins are limited per address; past the limit failures are 429, and a right key is never refused', async () => {
  const good = await newKey();
  const goodIngest = await newKey('ingest');
  const signIn = (key: string) =>
    fetch(`${api.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  const wrong = 'akpi_0000000000000000_' + '0'.repeat(64);
  expect((await signIn(wrong)).status).toBe(401);
  expect((await signIn(wrong)).status).toBe(401);
  const limited = await signIn(wrong);
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('5');
  expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
  // Bad bearer keys of every kind from the same address (malformed, unknown id, a live id with a wrong secret).
  const wrongSecret = good.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  for (const key of ['not-a-key', wrong, wrongSecret, wrongSecret]) {
    const bearer = await graphql(api.baseUrl, '{ readProbe { keyId } }', { key });
    expect(bearer.status, key).toBe(429);
    expect(bearer.errors![0]!.extensions.code).toBe('RATE_LIMITED');
  }
  // The address is over its failure limit, yet its right keys pass, by sign-in, bearer (GraphQL and REST) and session.
  const signedIn = await signIn(good);
  expect(signedIn.status).toBe(200);
  expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { key: good })).errors).toBeUndefined();
  expect((await graphql(api.baseUrl, '{ readProbe { keyId } }', { cookie: cookieFrom(signedIn) })).errors).toBeUndefined();
  const ingest = await fetch(`${api.baseUrl}/api/ingest/licenses`, { method: 'POST', headers: { authorization: `Bearer ${goodIngest}` } });
  expect(ingest.status).toBe(201);
  // …while its failures are still refused with 429.
  expect((await signIn(wrong)).status).toBe(429);
});
