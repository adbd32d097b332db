import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '@amanah/domain';
import { PUBLISHED_FIGURES } from '@amanah/seed';
import { copySeededTemplate, expectPublishedFigure } from '@amanah/seed/testing';
import { BackupError, backupStore, migrate, openStore, restoreStore, type Store } from '@amanah/store';
import { bundleApi } from './testing-bundle.js';

// `kpi backup` and `kpi restore` as `npm run kpi` runs them (the bundle of cli.ts), each in a process of its own
// (chDB: one data directory per process): the seeded demo is backed up, restored into an empty directory, and the
// restored store — opened by this test process only at the end — gives the published figures and the same rows.
let bundleDir: string;
let scratch: string;
let original: string;
/** What `kpi backup` listed: table → rows. */
let backedUp: Map<string, number>;

beforeAll(async () => {
  bundleDir = await bundleApi('api-backup-');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-backup-'));
  original = copySeededTemplate();
}, 120_000);

afterAll(() => {
  for (const dir of [bundleDir, scratch, original]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `kpi ARGS` with only these variables (and PATH, HOME); its exit code and non-empty output lines. */
function kpi(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string[]; err: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(bundleDir, 'kpi.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
      resolve({ code, out: lines(stdout), err: lines(stderr) });
    });
  });
}

/** The "  table\trows" lines the two commands print. */
function tableRows(lines: string[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (const line of lines) {
    const match = /^ {2}(\w+)\t(\d+)$/.exec(line);
    if (match) rows.set(match[1]!, Number(match[2]));
  }
  return rows;
}

describe('kpi backup and kpi restore', () => {
  let backupDir: string;
  let restored: string;

  it('backs up the seeded store into a new folder and lists every table with its rows', async () => {
    backupDir = path.join(scratch, 'backup');
    const { code, out, err } = await kpi(['backup', '--out', backupDir], { KPI_DATA_DIR: original });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^backed up embedded chDB store at ${original} to ${backupDir}: \\d+ tables, \\d+ rows$`));
    backedUp = tableRows(out);
    for (const dataset of DATASET_NAMES) expect(backedUp.get(dataset), dataset).toBeGreaterThan(0);
    expect(backedUp.get('schema_migrations')).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(backupDir, '.backup'))).toBe(true);
  }, 60_000);

  it('refuses, before opening any store, a folder that is not empty, a server, and a folder that is not a backup', async () => {
    // Checked before the engine starts, so in this process (which opens no store until the end).
    const embedded = { kind: 'embedded', dataDir: original } as const;
    await expect(backupStore(embedded, backupDir)).rejects.toThrow(new BackupError(`--out ${backupDir} is not empty: back up into a new or empty folder.`));
    await expect(backupStore(embedded, path.join(original, 'inside'))).rejects.toThrow(/is inside the store's directory/);
    const server = { kind: 'server', url: 'http://127.0.0.1:9', user: 'default', password: '', database: 'default' } as const;
    await expect(backupStore(server, path.join(scratch, 'never'))).rejects.toThrow(/^backup --out DIR is for the embedded store \(KPI_DATA_DIR\); CLICKHOUSE_URL names a server: use --disk NAME --name BACKUP/);
    expect(fs.existsSync(path.join(scratch, 'never'))).toBe(false);
    await expect(restoreStore(embedded, original)).rejects.toThrow(
      new BackupError(`--from ${original} is not a backup (it has no .backup file; make one with \`kpi backup --out DIR\`).`),
    );
    await expect(restoreStore(embedded, path.join(scratch, 'missing'))).rejects.toThrow(`--from ${path.join(scratch, 'missing')} does not exist.`);
  });

  it('restores into an empty directory: the same tables and rows', async () => {
    restored = path.join(scratch, 'restored');
    const { code, out, err } = await kpi(['restore', '--from', backupDir], { KPI_DATA_DIR: restored });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^restored ${backupDir} into embedded chDB store at ${restored}: ${backedUp.size} tables, \\d+ rows$`));
    expect(out).toContain('migrations applied after the restore: none (the backup was up to date)');
    expectSameTables(tableRows(out));
  }, 60_000);

  it('refuses to restore over data without --force (one line), and replaces it with --force', async () => {
    const refused = await kpi(['restore', '--from', backupDir], { KPI_DATA_DIR: restored });
    expect(refused.code).toBe(1);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(
      new RegExp(`^embedded chDB store at ${restored} already holds ${backedUp.size} tables \\(\\d+ rows\\): restore into a new or empty KPI_DATA_DIR, or pass --force to replace them\\.$`),
    );

    const forced = await kpi(['restore', '--from', backupDir, '--force'], { KPI_DATA_DIR: restored });
    expect(forced.err).toEqual([]);
    expect(forced.code).toBe(0);
    expect(forced.out.some((line) => line.startsWith(`replaced (--force): ${backedUp.size} tables, `))).toBe(true);
    expectSameTables(tableRows(forced.out));
  }, 60_000);

  describe('the restored store', () => {
    let store: Store;
    beforeAll(async () => {
      store = await openStore({ kind: 'embedded', dataDir: restored });
      await migrate(store);
    });
    afterAll(() => store?.close());

    it.each(PUBLISHED_FIGURES.map((f) => [f.id, f] as const))('reproduces the published figure %s', (_id, figure) =>
      expectPublishedFigure(store, figure),
    );

    it('has every event row of the original, and its rollups and materialized views work', async () => {
      for (const dataset of DATASET_NAMES) {
        const [row] = await store.select<{ n: number }>(`SELECT count() AS n FROM ${dataset}`);
        expect(row!.n, dataset).toBe(backedUp.get(dataset));
      }
      const visits = async () => {
        const [row] = await store.select<{ raw: number; rollup: number }>(
          'SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT sum(visits) FROM portal_visits_daily) AS rollup',
        );
        return row!;
      };
      const before = await visits();
      expect(before.rollup).toBe(before.raw);
      await store.insert('portal_visits', [
        { ts: '2024-06-01 10:00:00', amanah: 'riyadh', channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' },
      ]);
      expect(await visits()).toEqual({ raw: before.raw + 1, rollup: before.rollup + 1 });
    });
  });
});

/**
 * The same tables, and the same rows in every event table. (A rollup's rows in its parts may shrink when the engine
 * merges them, which it may do at any time after the restore, so only the event tables' counts are compared.)
 */
function expectSameTables(rows: Map<string, number>): void {
  expect([...rows.keys()]).toEqual([...backedUp.keys()]);
  for (const dataset of DATASET_NAMES) expect(rows.get(dataset), dataset).toBe(backedUp.get(dataset));
}
