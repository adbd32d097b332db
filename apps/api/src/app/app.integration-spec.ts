import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMANAHS } from '@amanah/domain';
import { MIGRATIONS } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { listenOnLoopback } from '../analytics/testing.js';
import { printSchemaSdl } from '../graphql/schema-sdl.js';
import { allowEveryRequest } from '../access/access.guard.js';
import { createApp } from './create-app.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let app: NestExpressApplication;
let baseUrl: string;
let webRoot: string;

const DASHBOARD_HTML = '<!doctype html><html lang="ar" dir="rtl"><title>Amanah KPI</title></html>';

beforeAll(async () => {
  store = await openTestStore();
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), DASHBOARD_HTML);
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log("dashboard")');
  // This file is about wiring (schema, static files, errors); access control has its own tests.
  app = await createApp(store, { production: true, webRoot, accessPolicy: allowEveryRequest });
  baseUrl = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await store?.dispose();
  if (webRoot) fs.rmSync(webRoot, { recursive: true, force: true });
});

interface GraphqlResponse {
  data?: { amanahs?: unknown[] } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

async function graphql(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlResponse };
}

describe('GET /healthz', () => {
  it('answers 200 with the status alone once the store is migrated (the details are /healthz/details, for admins)', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    const details = await fetch(`${baseUrl}/healthz/details`);
    expect(await details.json()).toMatchObject({ status: 'ok', migrations: MIGRATIONS.map((m) => m.name) });
  });
});

describe('GraphQL amanahs', () => {
  it('returns the seventeen amanahs from the store, in contract order, with Arabic and English names', async () => {
    const { status, body } = await graphql('{ amanahs { id nameAr nameEn regionAr regionEn } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.amanahs).toHaveLength(17);
    expect(body.data?.amanahs).toEqual(AMANAHS.map((a) => ({ ...a })));
    expect(body.data?.amanahs?.[0]).toEqual({
      id: 'riyadh',
      nameAr: 'أمانة منطقة الرياض',
      nameEn: 'Riyadh Region Municipality',
      regionAr: 'منطقة الرياض',
      regionEn: 'Riyadh Region',
    });
  });

  it('answers an invalid query with a coded error and no stack trace in production', async () => {
    const { status, body } = await graphql('{ amanahs { id population } }');
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(/Cannot query field "population" on type "Amanah"/);
    expect(body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await graphql('{ amanahs { id ');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a bad variable with BAD_USER_INPUT', async () => {
    const { body } = await graphql('query ($name: String!) { __type(name: $name) { name } }', { name: 42 });
    expect(body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves exactly the committed schema', async () => {
    const committed = fs.readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(printSchemaSdl(app.get(GraphQLSchemaHost).schema)).toBe(committed);
  });
});

describe('the built dashboard', () => {
  it('is served for non-API paths, with client-side routes falling back to index.html', async () => {
    const root = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    expect(await root.text()).toBe(DASHBOARD_HTML);
    const deepLink = await fetch(`${baseUrl}/dashboards/executive`, { headers: { accept: 'text/html' } });
    expect(await deepLink.text()).toBe(DASHBOARD_HTML);
    const asset = await fetch(`${baseUrl}/assets/app.js`);
    expect(await asset.text()).toBe('console.log("dashboard")');
  });

  it('leaves API paths to the API', async () => {
    for (const api of ['/healthz', '/healthz/details']) {
      const health = await fetch(`${baseUrl}${api}`, { headers: { accept: 'text/html' } });
      expect(health.headers.get('content-type')).toMatch(/application\/json/);
    }
    const unknownApi = await fetch(`${baseUrl}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
  });
});
