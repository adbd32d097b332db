import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApi } from './testing-bundle.js';

// `kpi keys create|revoke` are audited as the command line's, and `kpi audit list` prints the log: each command in a
// process of its own, as `npm run kpi` runs them (the bundle of cli.ts), over one new embedded store.
let bundleDir: string;
let dataDir: string;

beforeAll(async () => {
  bundleDir = await bundleApi('api-cli-audit-');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-cli-audit-'));
}, 120_000);

afterAll(() => {
  for (const dir of [bundleDir, dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function kpi(args: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(bundleDir, 'kpi.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), KPI_DATA_DIR: dataDir },
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

describe('kpi audit list', () => {
  it('lists the key changes made on the command line, newest first, filtered by action', async () => {
    const created = await kpi(['keys', 'create', '--label', 'Hail uploads', '--role', 'ingest', '--amanahs', 'hail']);
    expect(created.err).toEqual([]);
    const id = /^created key ([0-9a-f]{16}) /.exec(created.out[0]!)?.[1];
    expect(id).toBeDefined();
    expect((await kpi(['keys', 'revoke', id!])).code).toBe(0);

    const all = await kpi(['audit', 'list']);
    expect(all.code).toBe(0);
    const fields = all.out.map((line) => line.split('\t'));
    expect(fields.map((f) => f.slice(1))).toEqual([
      ['key_revoked', 'ok', 'cli', 'admin', 'kpi command line', `api_key:${id}`, 'Hail uploads'],
      ['key_created', 'ok', 'cli', 'admin', 'kpi command line', `api_key:${id}`, 'ingest, amanahs hail: Hail uploads'],
    ]);
    for (const [at] of fields) expect(Date.parse(at!)).toBeGreaterThan(Date.now() - 300_000);

    const createdOnly = await kpi(['audit', 'list', '--action', 'key_created', '--limit', '5']);
    expect(createdOnly.out.map((line) => line.split('\t')[1])).toEqual(['key_created']);
    expect((await kpi(['audit', 'list', '--since', new Date(Date.now() + 60_000).toISOString()])).out).toEqual([]);
  });

  it('refuses a limit out of bounds, an unknown action or a bad date, with usage (exit 2)', async () => {
    for (const [args, message] of [
      [['--limit', '1001'], /^--limit: limit must be a whole number from 1 to 1000, got 1001\.$/],
      [['--action', 'deleted'], /^--action: action must be one of sign_in, /],
      [['--since', 'soon'], /^--since: since must be an ISO 8601 date/],
    ] as const) {
      const refused = await kpi(['audit', 'list', ...args]);
      expect(refused.code).toBe(2);
      expect(refused.err[0]).toMatch(message);
    }
  });
});
