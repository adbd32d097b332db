import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { migrate, openStore } from '@amanah/store';
import { rollupsAgainstRaw } from '@amanah/store/testing';
import { Ingestor } from './ingestor.js';
import { runAndKill } from './testing/kill-child.js';
import type { WithdrawStep } from './batches.js';
import { storeFingerprint } from './testing/withdraw-fingerprint.js';

/**
 * A process killed with SIGKILL in the middle of a withdrawal leaves, after a restart and its recovery, the store
 * exactly as before the withdrawal (killed before the status says WITHDRAWING: nothing had changed, the copy is
 * dropped) or exactly as after it (killed later: recovery finishes it from the copy) — raw rows, daily and monthly
 * rollups (sketches included), the rows kept aside and the batch's status; never a part.
 */
type Fingerprint = Record<string, unknown>;
let bundleDir: string;
let childScript: string;
const dataDirs: string[] = [];
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let reference: { before: Fingerprint; after: Fingerprint };

function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-withdraw-crash-'));
  dataDirs.push(dir);
  return dir;
}

/** Runs the child; SIGKILLs it when it prints `killAt`, or `killAfterMs` after it starts withdrawing. */
function runChild(dataDir: string, options: { pauseAt?: WithdrawStep; killAt?: string; killAfterMs?: number } = {}) {
  return runAndKill(childScript, [dataDir, options.pauseAt ?? 'none'], { ...options, startLine: 'withdrawing' });
}

const printed = (lines: string[], name: 'before' | 'after') => JSON.parse(lines.find((l) => l.startsWith(`${name} `))!.slice(name.length + 1)) as Fingerprint;

/** Opens the killed child's directory as a restarted API would: migrate, recover; the fingerprint then. */
async function restart(dataDir: string): Promise<Fingerprint> {
  const store = await openStore({ kind: 'embedded', dataDir });
  try {
    await migrate(store);
    await new Ingestor(store).recover();
    const recovered = await storeFingerprint(store);
    // Every rollup of the table, not only those the fingerprint reads, is what its view makes of the raw rows.
    for (const [table, { rollup, raw }] of Object.entries(await rollupsAgainstRaw(store, 'portal_visits'))) expect(rollup, table).toEqual(raw);
    // A second restart changes nothing.
    await new Ingestor(store).recover();
    expect(await storeFingerprint(store)).toEqual(recovered);
    return recovered;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  // The child runs as plain node: bundle it (npm packages stay external and resolve from the workspace's
  // node_modules, hence a folder inside the workspace's tmp/).
  fs.mkdirSync(path.join(workspaceRoot, 'tmp'), { recursive: true });
  bundleDir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', 'withdraw-crash-child-'));
  await build({
    configFile: fileURLToPath(new URL('../testing/withdraw-crash-child.vite.config.ts', import.meta.url)),
    build: { outDir: bundleDir, emptyOutDir: true, sourcemap: false },
  });
  childScript = path.join(bundleDir, 'withdraw-crash-child.js');
  // The same batches withdrawn without a kill: the two states a killed withdrawal may end in.
  const { lines } = await runChild(newDataDir());
  reference = { before: printed(lines, 'before'), after: printed(lines, 'after') };
}, 300_000);

afterAll(() => {
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL during a withdrawal', () => {
  it('has a reference: the withdrawal changes the rows, both rollups and the rows kept, and leaves no copy', () => {
    const { before, after } = reference;
    expect(before).toMatchObject({ status: 'COMMITTED', kept: 0, copies: 0 });
    expect(after).toMatchObject({ status: 'WITHDRAWN', kept: 6000, copies: 0 });
    for (const part of ['raw', 'daily', 'monthly'] as const) expect(after[part], part).not.toEqual(before[part]);
    expect((before.raw as [number])[0] - (after.raw as [number])[0]).toBe(6000);
  });

  it('killed once the copy is made, before the status says WITHDRAWING: a restart leaves the store as before', async () => {
    const dataDir = newDataDir();
    const run = await runChild(dataDir, { pauseAt: 'copied', killAt: 'paused' });
    expect(run.signal).toBe('SIGKILL');
    expect(printed(run.lines, 'before')).toEqual(reference.before);
    expect(await restart(dataDir)).toEqual(reference.before);
  }, 120_000);

  it.each(['withdrawing', 'kept', 'reinserted', 'rollup0:kept', 'rollup0:replaced', 'rollup1:kept', 'rollup1:replaced', 'rollup2:kept', 'rollup2:replaced', 'rollups', 'withdrawn'] as const)(
    'killed after step %s: a restart completes the withdrawal, exactly',
    async (step) => {
      const dataDir = newDataDir();
      const run = await runChild(dataDir, { pauseAt: step, killAt: 'paused' });
      expect(run.signal).toBe('SIGKILL');
      expect(run.lines).toContain(`step:${step}`);
      expect(await restart(dataDir)).toEqual(reference.after);
    },
    120_000,
  );

  it('killed at an arbitrary moment: a restart leaves the store before or after, never between', async () => {
    for (const killAfterMs of [20, 150, 400]) {
      const dataDir = newDataDir();
      const run = await runChild(dataDir, { killAfterMs });
      const recovered = await restart(dataDir);
      const steps = run.lines.filter((l) => l.startsWith('step:')).join(' ');
      console.info(`killed ${killAfterMs} ms into the withdrawal, after: ${steps || 'no step'}; recovered to ${recovered.status}`);
      expect([reference.before, reference.after], `killed ${killAfterMs} ms into the withdrawal (${steps || 'no step reached'})`).toContainEqual(recovered);
      if (run.lines.includes('step:withdrawing')) expect(recovered).toEqual(reference.after);
    }
  }, 300_000);
});
