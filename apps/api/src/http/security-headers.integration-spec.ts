import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// The headers of every kind of answer, over real HTTP: the dashboard's files, GraphQL, REST routes and refusals.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let webRoot: string;
let production: ApiUnderTest;
let development: ApiUnderTest;

beforeAll(async () => {
  store = await openTestStore();
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Amanah KPI</title>');
  production = await startApi(store, { webRoot });
  development = await startApi(store, { webRoot, production: false, frameAncestors: ["'self'", 'https://portal.example.sa'] });
});

afterAll(async () => {
  await production?.close();
  await development?.close();
  await store?.dispose();
  if (webRoot) fs.rmSync(webRoot, { recursive: true, force: true });
});

const DASHBOARD_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;" +
  "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

const graphqlPost = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}`, ...headers },
    body: JSON.stringify({ query: '{ amanahs { id } }' }),
  });

/** One request of each kind: the dashboard, GraphQL, a REST route, a refusal by the guard, a public route. */
function answers(url: string, headers: Record<string, string> = {}) {
  return {
    'GET / (the dashboard)': () => fetch(`${url}/`, { headers: { accept: 'text/html', ...headers } }),
    'POST /graphql': () => graphqlPost(url, headers),
    'GET /api/session (REST)': () => fetch(`${url}/api/session`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, ...headers } }),
    'GET /api/session without a key (401)': () => fetch(`${url}/api/session`, { headers }),
    'GET /healthz': () => fetch(`${url}/healthz`, { headers }),
  };
}

describe('security headers in production', () => {
  it.each(Object.keys(answers('')))('%s: CSP, nosniff, no-referrer, DENY framing, no X-Powered-By, no HSTS over http', async (name) => {
    const response = await answers(production.url)[name as keyof ReturnType<typeof answers>]();
    expect(response.status).toBe(name.includes('401') ? 401 : 200);
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when the request came over https through a proxy, as the session cookie is then Secure', async () => {
    for (const request of Object.values(answers(production.url, { 'x-forwarded-proto': 'https' }))) {
      expect((await request()).headers.get('strict-transport-security')).toBe('max-age=31536000');
    }
    expect((await graphqlPost(production.url, { 'x-forwarded-proto': 'http' })).headers.get('strict-transport-security')).toBeNull();
  });

  it('serves no GraphiQL page whose policy would need exceptions', async () => {
    const response = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('unpkg.com');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
  });
});

describe('security headers with KPI_FRAME_ANCESTORS and GraphiQL (not production)', () => {
  it('names the allowed framers in frame-ancestors and leaves X-Frame-Options out (it cannot name them)', async () => {
    const response = await graphqlPost(development.url);
    expect(response.headers.get('content-security-policy')).toBe(
      DASHBOARD_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self' https://portal.example.sa"),
    );
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('gives the GraphiQL page, and only it, the CDN and inline script it needs', async () => {
    const page = await fetch(`${development.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('https://unpkg.com/graphiql');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' 'unsafe-inline' https://unpkg.com;");
    expect(csp).toContain("style-src 'self' 'unsafe-inline' https://unpkg.com;");
    expect(csp).toContain("frame-ancestors 'self' https://portal.example.sa");
    const dashboard = await fetch(`${development.url}/`, { headers: { accept: 'text/html' } });
    expect(dashboard.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});
