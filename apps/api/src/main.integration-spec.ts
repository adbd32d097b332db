import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';

// The server as `npm start` runs it (the bundle of main.ts), started with a bad environment: whatever is wrong, the
// output is one line that names it, and nothing before it (no Nest start-up lines, no engine messages).
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
let bundleDir: string;
let scratch: string;

beforeAll(async () => {
  // Bundled from the sources under test (npm packages stay external and resolve from the workspace's node_modules,
  // hence a folder inside the workspace's tmp/), not dist/node, which may be stale.
  fs.mkdirSync(path.join(workspaceRoot, 'tmp'), { recursive: true });
  bundleDir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', 'api-main-'));
  await build({
    configFile: path.join(workspaceRoot, 'apps/api/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: bundleDir, emptyOutDir: true, sourcemap: false },
  });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-main-'));
}, 120_000);

afterAll(() => {
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Starts the server with only these variables (and PATH, HOME); its stdout and stderr as non-empty lines. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(bundleDir, 'api.js')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), KPI_SEED_DEMO: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, lines: output.split('\n').filter((line) => line.trim() !== '') });
    });
  });
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the server started with a bad environment says so in one line', () => {
  it('names every bad variable, KPI_SEED_DEMO among them, in one line', async () => {
    const { code, lines } = await startServer({
      KPI_DATA_DIR: path.join(scratch, 'never'),
      KPI_SEED_DEMO: 'maybe',
      PORT: '0',
      LOG_LEVEL: 'loud',
      KPI_DASHBOARDS_DIR: path.join(scratch, 'no-such-dashboards'),
      KPI_FRAME_ANCESTORS: '*',
      KPI_ADMIN_KEY: 'short',
      CLICKHOUSE_URL: 'not a url',
    });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    for (const name of ['KPI_SEED_DEMO', 'PORT', 'LOG_LEVEL', 'KPI_DASHBOARDS_DIR', 'KPI_FRAME_ANCESTORS', 'KPI_ADMIN_KEY', 'CLICKHOUSE_URL']) {
      expect(lines[0]).toContain(name);
    }
  });

  it('KPI_DASHBOARDS_DIR that does not exist: the variable and the path', async () => {
    const missing = path.join(scratch, 'no-such-dashboards');
    const { code, lines } = await startServer({ KPI_DATA_DIR: path.join(scratch, 'never'), KPI_DASHBOARDS_DIR: missing, PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(lines).toEqual([`Invalid configuration: KPI_DASHBOARDS_DIR must be an existing folder of dashboard files: ${missing} does not exist (got "${missing}")`]);
  });

  it('PORT already in use: one line, before the store is even opened', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as net.AddressInfo;
    const dataDir = path.join(scratch, 'port-taken');
    try {
      const { code, lines } = await startServer({ KPI_DATA_DIR: dataDir, PORT: String(port) });
      expect(code).toBe(1);
      expect(lines).toEqual([`Port ${port} is already in use: stop the other server or set PORT to a free port.`]);
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('the store open in another process: the explanation alone, without the engine’s own message first', async () => {
    const store = await openTestStore(); // this test process holds the directory
    try {
      const { code, lines } = await startServer({ KPI_DATA_DIR: store.dataDir!, PORT: String(await freePort()) });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^The store at ${store.dataDir} is in use by another process \\(pid ${process.pid}: `));
    } finally {
      await store.dispose();
    }
  });
});
