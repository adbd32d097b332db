import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiKey } from '@amanah/access';
import type { Role } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { createApp, type CreateAppOptions } from '../app/create-app.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface ApiUnderTest {
  app: NestExpressApplication;
  url: string;
  /** POST /graphql with a key (the bootstrap admin key unless another is given). */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphqlAnswer<T>>;
  /** A new API key with this role and scope, created as an admin would. */
  key(role: Role, amanahs: string[] | 'all'): Promise<string>;
  close(): Promise<void>;
}

export interface GraphqlAnswer<T> {
  status: number;
  data: T | null | undefined;
  errors?: Array<{ message: string; extensions: Record<string, any> }>;
}

/** Starts `app` on a free loopback port; its base URL. */
export async function listenOnLoopback(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** The real API on a loopback port over a test's store, with real access control (a bootstrap admin key). */
export async function startApi(store: Store, options: CreateAppOptions = {}): Promise<ApiUnderTest> {
  const app = await createApp(store, { production: true, ...options, access: { adminKey: ADMIN_KEY, ...options.access } });
  const url = await listenOnLoopback(app);
  return {
    app,
    url,
    async graphql(query, variables, key = ADMIN_KEY) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    async key(role, amanahs) {
      return (await createApiKey(store, { label: `test ${role}`, role, amanahs })).key;
    },
    close: () => app.close(),
  };
}
