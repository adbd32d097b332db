import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openStore, type Store } from './store.js';

// Each failure the embedded store can meet on open, produced for real. The tests run as root, so permissions
// cannot make a directory unwritable: a path below a regular file (ENOTDIR) and paths in /proc stand in for it.
// Tests in this file run in order and share this process's one chDB data directory slot.

let scratch: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-store-errors-'));
  fs.writeFileSync(path.join(scratch, 'chdb-holder.mjs'), CHDB_HOLDER_SCRIPT);
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function openFailure(dataDir: string): Promise<StoreError> {
  const error = await openStore({ kind: 'embedded', dataDir }).then(
    (store) => store.close().then(() => new Error(`openStore(${dataDir}) succeeded`)),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StoreError);
  const storeError = error as StoreError;
  expect(storeError.message, 'a StoreError is one line').not.toMatch(/\n/);
  return storeError;
}

describe('an embedded data directory that cannot be written', () => {
  it('is refused when a parent is a regular file', async () => {
    const file = path.join(scratch, 'a-file');
    fs.writeFileSync(file, '');
    const error = await openFailure(path.join(file, 'data'));
    expect(error.code).toBe('DATA_DIR_NOT_WRITABLE');
    expect(error.message).toBe(
      `The data directory ${file}/data is not writable (ENOTDIR): set KPI_DATA_DIR to a directory you can write to.`,
    );
  });

  it('is refused when the path itself is a regular file', async () => {
    const file = path.join(scratch, 'another-file');
    fs.writeFileSync(file, '');
    const error = await openFailure(file);
    expect(error.code).toBe('DATA_DIR_NOT_WRITABLE');
    expect(error.message).toContain('(ENOTDIR)');
  });

  // Node's fs.mkdirSync(..., { recursive: true }) spins forever on such a path (see makeDirectory in store.ts);
  // if that came back, this test would hang instead of finishing in milliseconds.
  it('is refused, at once, below /proc where no directory can be created', async () => {
    const dataDir = `/proc/amanah-kpi-${process.pid}/data`;
    const started = performance.now();
    const error = await openFailure(dataDir);
    expect(error.code).toBe('DATA_DIR_NOT_WRITABLE');
    expect(error.message).toContain(`The data directory ${dataDir} is not writable (ENOENT)`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is refused when it exists but even root cannot write into it (/proc/self)', async () => {
    const error = await openFailure('/proc/self');
    expect(error.code).toBe('DATA_DIR_NOT_WRITABLE');
    expect(error.message).toContain('KPI_DATA_DIR');
  });
});

describe('an embedded store held by another process', () => {
  let heldDir: string;
  let holder: ChdbHolder;

  beforeAll(async () => {
    heldDir = path.join(scratch, 'held');
    holder = await startHolder(heldDir);
  });

  it('is refused with STORE_LOCKED, naming the holder and what to do', async () => {
    const error = await openFailure(heldDir);
    expect(error.code).toBe('STORE_LOCKED');
    // The holder's command line, cut to 120 characters, tells the user which of their processes it is.
    const commandStart = [process.execPath, path.join(scratch, 'chdb-holder.mjs'), 'hold'].join(' ');
    expect(error.message.startsWith(`The store at ${heldDir} is in use by another process (pid ${holder.pid}: ${commandStart}`)).toBe(true);
    expect(error.message).toMatch(
      /\.\.\.\); chDB lets one process open a data directory: stop that process \(a running API, seed or kpi command\), or set KPI_DATA_DIR to another directory\.$/,
    );
  });

  it('leaves the holder working after the refused attempt', async () => {
    expect(await holder.ask('insert-and-count')).toBe('4'); // three rows at start, one more now
  });

  // SIGKILL, as a crash would: the holder's status file stays behind with its pid, and must not block the store.
  it('opens, with the holder’s data, once the holder has been killed', async () => {
    await holder.kill();
    expect(fs.readFileSync(path.join(heldDir, 'status'), 'utf8')).toContain(`PID: ${holder.pid}`);
    const store = await openStore({ kind: 'embedded', dataDir: heldDir });
    try {
      expect(await store.select<{ n: number }>('SELECT count() AS n FROM held')).toEqual([{ n: 4 }]);
    } finally {
      await store.close();
    }
  });
});

describe('a store open in this process', () => {
  let ownDir: string;
  let store: Store;

  beforeAll(async () => {
    ownDir = path.join(scratch, 'own');
    store = await openStore({ kind: 'embedded', dataDir: ownDir });
    await migrate(store);
  });
  afterAll(() => store?.close());

  it('keeps another process out, and is unaffected by its attempt', async () => {
    const probe = await runProbe(ownDir);
    expect(probe.exitCode).toBe(1);
    expect(probe.output).toContain('Failed to create connection');
    const again = await migrate(store);
    expect(again.applied).toEqual([]);
    expect(await store.select<{ n: number }>('SELECT count() AS n FROM schema_migrations FINAL')).toEqual([
      { n: MIGRATIONS.length },
    ]);
  });

  // chDB binds one data directory per process; a second store elsewhere must close the first.
  it('makes a second directory in the same process fail with STORE_LOCKED', async () => {
    const error = await openFailure(path.join(scratch, 'second'));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toBe(
      `This process already has another chDB data directory open; it cannot also open ${path.join(scratch, 'second')}. ` +
        `Close the first store before opening another.`,
    );
  });
});

/**
 * A plain Node script, not TypeScript, so that a child process can run it without our build: it opens a chDB data
 * directory through the same client and connection the store uses. `hold` keeps it open and answers commands on
 * stdin until stdin closes (so it never outlives the test process); `probe` tries to open it and reports.
 */
const CHDB_HOLDER_SCRIPT = `
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
const [mode, dataDir, clientPath, connectionPath] = process.argv.slice(2);
const { createClient } = await import(pathToFileURL(clientPath).href);
const { createChdbConnection } = await import(pathToFileURL(connectionPath).href);
let client;
try {
  client = createClient({ connection: createChdbConnection({ path: dataDir }) });
} catch (error) {
  console.log(error.message);
  process.exit(1);
}
if (mode === 'probe') {
  console.log('opened');
  process.exit(0);
}
const count = async () => (await (await client.query({ query: 'SELECT count() AS n FROM held', format: 'JSONEachRow' })).json())[0].n;
await client.command({ query: 'CREATE TABLE IF NOT EXISTS held (n UInt32) ENGINE = MergeTree ORDER BY n' });
await client.command({ query: 'INSERT INTO held VALUES (1), (2), (3)' });
console.log('ready');
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'insert-and-count') {
    await client.command({ query: 'INSERT INTO held VALUES (4)' });
    console.log(String(await count()));
  }
}
await client.close();
`;

interface ChdbHolder {
  pid: number;
  ask(command: string): Promise<string>;
  kill(): Promise<void>;
}

function holderArgs(mode: 'hold' | 'probe', dataDir: string): string[] {
  const require = createRequire(import.meta.url);
  return [
    path.join(scratch, 'chdb-holder.mjs'),
    mode,
    dataDir,
    require.resolve('@clickhouse/client'),
    require.resolve('chdb/connection'),
  ];
}

async function startHolder(dataDir: string): Promise<ChdbHolder> {
  const child = spawn(process.execPath, holderArgs('hold', dataDir));
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the chDB holder exited: ${stderr}`);
    return line.value;
  };
  expect(await next()).toBe('ready');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    async ask(command) {
      child.stdin.write(`${command}\n`);
      return next();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function runProbe(dataDir: string): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, holderArgs('probe', dataDir));
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve({ exitCode, output }));
  });
}
