import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { listenOnLoopback } from '../analytics/testing.js';
import { createApp } from '../app/create-app.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let app: NestExpressApplication;
let baseUrl: string;

beforeAll(async () => {
  store = await openTestStore();
  app = await createApp(store);
  baseUrl = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await store?.dispose();
});

it('answers 503 naming the store once the store stops answering', async () => {
  expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  await store.close();
  const response = await fetch(`${baseUrl}/healthz`);
  expect(response.status).toBe(503);
  const body = (await response.json()) as { status: string; store: string; reason: string };
  expect(body).toMatchObject({ status: 'unavailable', store: `embedded chDB store at ${store.dataDir}` });
  expect(body.reason).toMatch(/^the store does not answer: /);
});
