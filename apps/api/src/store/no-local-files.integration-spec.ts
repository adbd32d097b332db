import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@amanah/seed';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// Which files the API's own disk sees while it seeds, ingests and answers: every function of node:fs that opens,
// reads, writes, creates or removes a file or folder by its path is wrapped to record the path. Over a ClickHouse
// server (CLICKHOUSE_URL, `npm run test:server`) the list must be empty: everything goes over the connection. On the
// embedded store the one folder used is the store's own `row-binary-inserts` (chDB reads an INSERT's data fastest
// from a file, store.ts), so the same test also proves the recording works.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

const BY_PATH = [
  'open', 'openSync', 'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync',
  'createReadStream', 'createWriteStream', 'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'rm', 'rmSync', 'unlink',
  'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync',
  'readdir', 'readdirSync', 'existsSync', 'stat', 'statSync',
] as const;
const PROMISES_BY_PATH = ['open', 'readFile', 'writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'unlink', 'rename', 'copyFile', 'cp', 'truncate', 'readdir', 'stat'] as const;

/** Records the path of every call of those functions until the returned function is called. */
function recordFileAccess(): { calls: string[]; stop(): void } {
  const calls: string[] = [];
  const restore: Array<() => void> = [];
  const wrap = (owner: Record<string, unknown>, name: string, label: string) => {
    const original = owner[name] as (...args: unknown[]) => unknown;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      const target = args[0];
      if (typeof target === 'string' || target instanceof URL || Buffer.isBuffer(target)) calls.push(`${label} ${String(target)}`);
      return original.apply(this, args);
    };
    restore.push(() => (owner[name] = original));
  };
  for (const name of BY_PATH) wrap(fs as unknown as Record<string, unknown>, name, name);
  for (const name of PROMISES_BY_PATH) wrap(fs.promises as unknown as Record<string, unknown>, name, `promises.${name}`);
  syncBuiltinESMExports(); // named imports of node:fs see the wrappers too
  return {
    calls,
    stop() {
      for (const undo of restore) undo();
      syncBuiltinESMExports();
    },
  };
}

beforeAll(async () => {
  store = await openTestStore();
  api = await startApi(store);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const visit = (amanah: string, ts: string, n: number) =>
  JSON.stringify({ ts, amanah, channel: 'web', visitor_id: `v${n}`, session_id: `s${n}`, page: '/', device: 'mobile', source: 'direct' });

/** Seeds a small demo, ingests a batch through the API, and asks for a KPI, a series and a breakdown. */
async function seedIngestAndAsk(round: number): Promise<{ visits: number }> {
  await seedDemo(store, { scale: 0.01, force: true });
  const writer = await api.key('ingest', ['tabuk']);
  const rows = Array.from({ length: 300 }, (_, i) => visit('tabuk', `2026-0${round}-1${i % 9} 10:00:00`, i)).join('\n');
  const response = await fetch(`${api.url}/api/ingest/portal_visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${writer}`, 'idempotency-key': `round-${round}` },
    body: rows,
  });
  expect(response.status).toBe(200);
  const answer = await api.graphql(
    `{ kpi(metric: "portal.visits", range: {from: "2026-0${round}-01", to: "2026-0${round}-28"}, filters: [{dimension: "amanah", values: ["tabuk"]}], compare: NONE) { value }
       series(metric: "office.visits", range: {from: "2024-01-01", to: "2024-03-31"}, granularity: MONTH) { points { date value } }
       breakdown(metric: "services.requests", dimension: "channel", range: {from: "2024-01-01", to: "2024-06-30"}) { key value } }`,
  );
  expect(answer.errors).toBeUndefined();
  return { visits: answer.data!.kpi.value as number };
}

describe('files on the API’s disk while it seeds, ingests and answers', () => {
  it(`are none over a server; on the embedded store, only the store's own RowBinary folder`, async () => {
    // A first round loads every module these paths import (Node reads module files with readFileSync).
    expect((await seedIngestAndAsk(1)).visits).toBe(300);
    const recording = recordFileAccess();
    let visits: number;
    try {
      visits = (await seedIngestAndAsk(2)).visits;
    } finally {
      recording.stop();
    }
    expect(visits).toBe(300);
    if (store.config.kind === 'server') {
      expect(recording.calls).toEqual([]);
    } else {
      const folder = path.join(store.config.dataDir, 'row-binary-inserts') + path.sep;
      expect(recording.calls.filter((call) => !call.split(' ')[1]!.startsWith(folder))).toEqual([]);
      expect(recording.calls.some((call) => call.startsWith('promises.writeFile ')), 'the stage insert wrote its file, and it was seen').toBe(true);
    }
  }, 240_000);
});
