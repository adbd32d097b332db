import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { listenOnLoopback } from '../analytics/testing.js';
import { createApp } from '../app/create-app.js';

// The guard is global, so a policy that refuses everything must refuse every route and resolver; a route or
// resolver that answered here would be one that escapes access control.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let app: NestExpressApplication;
let baseUrl: string;
const decisions: string[] = [];

beforeAll(async () => {
  store = await openTestStore();
  app = await createApp(store, {
    accessPolicy: {
      allows: (context) => {
        decisions.push(context.getType<string>());
        return false;
      },
    },
  });
  baseUrl = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await store?.dispose();
});

it('guards HTTP routes', async () => {
  const response = await fetch(`${baseUrl}/healthz`);
  expect(response.status).toBe(403);
  expect(decisions).toContain('http');
});

it('guards GraphQL resolvers, answering FORBIDDEN', async () => {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ amanahs { id } }' }),
  });
  const body = (await response.json()) as { data: unknown; errors: { message: string; extensions: { code: string } }[] };
  expect(body.data).toBeNull();
  expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
  expect(decisions).toContain('graphql');
});
