import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '../../../../tools/vite-node.ts';
import { MIN_SERVER_VERSION } from './store.js';
import { startClickHouseServer, type ClickHouseTestServer } from './testing-server.js';

// `npm run test:server` against the only server installable here, Debian's clickhouse-server 18.16: the suite runs
// up to its global setup, which refuses the server with the store's own explanation before any spec file runs.
let server: ClickHouseTestServer;

beforeAll(async () => {
  server = await startClickHouseServer();
});
afterAll(() => server?.stop());

function testServer(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/test-server.mjs'], { cwd: workspaceRoot, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run test:server', () => {
  it('refuses a server too old for the store before any spec file runs, naming its version and the minimum', async () => {
    const { code, output } = await testServer({ CLICKHOUSE_URL: server.url, CLICKHOUSE_USER: server.user, CLICKHOUSE_PASSWORD: server.password });
    expect(code).not.toBe(0);
    expect(output).toContain(`runs ClickHouse "18.16.1"; Amanah KPI needs ${MIN_SERVER_VERSION.major}.${MIN_SERVER_VERSION.minor} or newer`);
    expect(output).toContain('test:server stopped before the first spec file: ClickHouse server');
    expect(output).not.toMatch(/✓|Test Files .* passed/);
    expect(output).not.toContain(server.password);
  }, 240_000);

  it('asks for CLICKHOUSE_URL when it is unset', async () => {
    const { code, output } = await testServer({ CLICKHOUSE_URL: '' });
    expect(code).toBe(2);
    expect(output).toContain('test:server needs CLICKHOUSE_URL');
  });

  it('names spec files that exist', async () => {
    const runner = path.join(workspaceRoot, 'tools/test-server.mjs');
    const { SERVER_CONFORMANCE_SPECS } = (await import(runner)) as { SERVER_CONFORMANCE_SPECS: string[] };
    expect(SERVER_CONFORMANCE_SPECS.length).toBeGreaterThan(10);
    for (const spec of SERVER_CONFORMANCE_SPECS) expect(fs.existsSync(path.join(workspaceRoot, spec)), spec).toBe(true);
  });
});
