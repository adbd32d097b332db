import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { migrate, openStore } from '@amanah/store';
import { recoverIngests } from './ingestor.js';
import { runAndKill } from './testing/kill-child.js';

/**
 * A process killed with SIGKILL in the middle of a large ingest leaves, after a restart and recovery, all of the
 * batch or none of it — never a part — in the table and in its daily rollup; and the client's retry with the same
 * Idempotency-Key then ends with the batch exactly once.
 */
const ROWS = 120_000;
const CHUNK_ROWS = 10_000; // 12 chunks: the commit is 12 INSERTs, so a kill can land between them
let bundleDir: string;
let childScript: string;
const dataDirs: string[] = [];
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

beforeAll(async () => {
  // The child runs as plain node: bundle it (npm packages stay external and resolve from the workspace's
  // node_modules, hence a folder inside the workspace's tmp/).
  bundleDir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', 'ingest-crash-child-'));
  await build({
    configFile: fileURLToPath(new URL('../testing/crash-child.vite.config.ts', import.meta.url)),
    build: { outDir: bundleDir, emptyOutDir: true, sourcemap: false },
  });
  childScript = path.join(bundleDir, 'crash-child.js');
});

afterAll(() => {
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-ingest-crash-'));
  dataDirs.push(dir);
  return dir;
}

/** Runs the child until it prints `killAt` (or until `killAfterMs`), then SIGKILLs it and waits for it to be gone. */
function ingestAndKill(dataDir: string, options: { pauseAt?: string; killAt?: string; killAfterMs?: number }) {
  return runAndKill(childScript, ['ingest', dataDir, String(ROWS), String(CHUNK_ROWS), options.pauseAt ?? 'none'], { ...options, startLine: 'ready' });
}

interface Verification {
  afterKill: { raw: number; rollup: number };
  recovered: { committed: string[]; discarded: string[] };
  afterRecovery: { raw: number; rollup: number };
  retry: { status: number; rowsInserted: number; duplicate?: boolean };
  afterRetry: { raw: number; rollup: number };
  stages: number;
}

function verifyInChild(dataDir: string): Promise<Verification> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, 'verify', dataDir, String(ROWS), String(CHUNK_ROWS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Verification) : reject(new Error(stderr))));
  });
}

describe('SIGKILL during a large ingest', () => {
  it('killed between the INSERTs of the commit: recovery at start-up completes the batch, in the table and the rollup', async () => {
    const dataDir = newDataDir();
    const run = await ingestAndKill(dataDir, { pauseAt: 'committed:4', killAt: 'paused' });
    expect(run.signal).toBe('SIGKILL');
    expect(run.lines).toContain('committed:4');
    expect(run.lines).not.toContain('committed:5');

    // This test process opens the directory only now, after the child is gone.
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      await migrate(store);
      const totals = () =>
        store.select<{ raw: number; rollup: number }>(
          'SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT toUInt64(sum(visits)) FROM portal_visits_daily) AS rollup',
        ).then((rows) => rows[0]!);
      // The window: five of twelve chunks are visible until recovery runs.
      expect(await totals()).toEqual({ raw: 5 * CHUNK_ROWS, rollup: 5 * CHUNK_ROWS });
      const recovered = await recoverIngests(store);
      expect(recovered).toEqual({ committed: ['portal_visits/crash-test-batch'], discarded: [] });
      expect(await totals()).toEqual({ raw: ROWS, rollup: ROWS });
      const [ledger] = await store.select<{ state: string; rows: number }>(
        "SELECT state, rows FROM ingest_ledger FINAL WHERE idempotency_key = 'crash-test-batch'",
      );
      expect(ledger).toEqual({ state: 'committed', rows: ROWS });
      // A second recovery (another restart) changes nothing.
      await recoverIngests(store);
      expect(await totals()).toEqual({ raw: ROWS, rollup: ROWS });
    } finally {
      await store.close();
    }
  });

  it('killed while the batch is still being staged: nothing of it is visible, and the retry inserts it once', async () => {
    const dataDir = newDataDir();
    const run = await ingestAndKill(dataDir, { pauseAt: 'staged:6', killAt: 'paused' });
    expect(run.lines).not.toContain('committing');
    const seen = await verifyInChild(dataDir);
    expect(seen).toEqual({
      afterKill: { raw: 0, rollup: 0 },
      recovered: { committed: [], discarded: ['portal_visits/crash-test-batch'] },
      afterRecovery: { raw: 0, rollup: 0 },
      retry: expect.objectContaining({ status: 200, rowsInserted: ROWS }),
      afterRetry: { raw: ROWS, rollup: ROWS },
      stages: 0,
    });
  });

  it('killed at an arbitrary moment: after recovery the store holds all or none, and the retry ends with exactly one copy', async () => {
    for (const killAfterMs of [300, 900, 1800]) {
      const dataDir = newDataDir();
      await ingestAndKill(dataDir, { killAfterMs });
      const seen = await verifyInChild(dataDir);
      expect([0, ROWS], `killed after ${killAfterMs} ms`).toContain(seen.afterRecovery.raw);
      expect(seen.afterRecovery.rollup).toBe(seen.afterRecovery.raw);
      expect(seen.retry.rowsInserted).toBe(seen.afterRecovery.raw === ROWS ? 0 : ROWS);
      expect(seen.afterRetry).toEqual({ raw: ROWS, rollup: ROWS });
      expect(seen.stages).toBe(0);
    }
  });
});
