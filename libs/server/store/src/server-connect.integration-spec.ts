import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreConfig } from './config.js';
import { StoreError } from './errors.js';
import { MIN_SERVER_VERSION, openStore } from './store.js';
import { freeLoopbackPort, startClickHouseServer, type ClickHouseTestServer } from './testing-server.js';

// The store's HTTP path against a real server process: Debian's clickhouse-server 18.16 on loopback.
let server: ClickHouseTestServer;

beforeAll(async () => {
  server = await startClickHouseServer();
  console.info(`clickhouse-server 18.16 answered after ${server.startupMs} ms`);
});
afterAll(() => server?.stop());

function serverConfig(overrides: Partial<Extract<StoreConfig, { kind: 'server' }>> = {}): StoreConfig {
  return { kind: 'server', url: server.url, user: server.user, password: server.password, database: 'kpi', ...overrides };
}

async function openFailure(config: StoreConfig): Promise<StoreError> {
  const error = await openStore(config).then(
    (store) => store.close().then(() => new Error('openStore succeeded')),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StoreError);
  const storeError = error as StoreError;
  expect(storeError.message, 'a StoreError is one line').not.toMatch(/\n/);
  return storeError;
}

describe('openStore on a ClickHouse server', () => {
  it('refuses a server older than the minimum, naming its version and the minimum', async () => {
    const error = await openFailure(serverConfig());
    expect(error.code).toBe('SERVER_TOO_OLD');
    expect(error.message).toContain('ClickHouse "18.16.1"');
    expect(error.message).toContain(`needs ${MIN_SERVER_VERSION.major}.${MIN_SERVER_VERSION.minor} or newer`);
    expect(error.message).toContain(server.url);
    expect(error.message, 'the password never appears in a message').not.toContain(server.password);
  });

  it('refuses before it changes anything on the server', async () => {
    await openFailure(serverConfig({ database: 'kpi_untouched' }));
    const raw = createClient({ url: server.url, username: server.user, password: server.password });
    try {
      const databases = await (await raw.query({ query: 'SHOW DATABASES', format: 'JSONEachRow' })).json<{ name: string }>();
      expect(databases.map((d) => d.name)).not.toContain('kpi_untouched');
    } finally {
      await raw.close();
    }
  });

  // The login is checked by the same request that reads the version, so a wrong password is reported as such even
  // on a server that would be refused as too old.
  it('reports a wrong password as AUTHENTICATION_FAILED, ahead of the version refusal', async () => {
    const error = await openFailure(serverConfig({ password: `${server.password}-wrong` }));
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.message).toMatch(/refused the login: check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD\.$/);
    expect(error.message).not.toContain(server.password);
  });

  it('reports an unknown user as AUTHENTICATION_FAILED', async () => {
    const error = await openFailure(serverConfig({ user: 'nobody' }));
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.message).toContain('user nobody');
  });

  it('reports a closed port as SERVER_UNREACHABLE', async () => {
    const closedPort = await freeLoopbackPort();
    const error = await openFailure(serverConfig({ url: `http://127.0.0.1:${closedPort}` }));
    expect(error.code).toBe('SERVER_UNREACHABLE');
    expect(error.message).toContain(`Cannot reach ClickHouse server http://127.0.0.1:${closedPort}/`);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

