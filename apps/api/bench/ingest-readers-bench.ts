// `npx nx run api:bench-ingest`: NDJSON ingest over HTTP alone and with 50 readers of the executive dashboard (issue
// 17 item 4: ≥ 1,000,000 rows/s alone, ≥ 300,000 with the readers), in one run, never part of the test suite. The
// real API in this process on loopback over a copy of a seeded store, the answer cache off (every dashboard request
// is cold: the engine computes it), the readers in a worker thread (load-clients.ts), each upload from a thread of
// its own (uploadFromThread). Prints the machine, rows/s alone (median of rounds) and with the readers, their ratio,
// and the dashboards the readers got meanwhile.
//
//   npx nx run api:bench-ingest                          # tmp/bench/scale-1 (seeded if empty), copied to tmp/bench/ingest-<pid>
//   npx nx run api:bench-ingest -- --scale 0.35 --rounds 3 --rows 500000
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConsoleLogger } from '@nestjs/common';
import { createApiKey } from '@amanah/access';
import { countRows } from '@amanah/seed';
import type { Store } from '@amanah/store';
import { createApp } from '../src/app/create-app.js';
import { openCopyOfSeededStore } from './bench-store.js';
import { listenOnLoopback } from '../src/analytics/testing.js';
import { uploadVisits } from './bench-ingest-upload.js';
import { clientThread } from './client-thread.js';
import { READERS_DASHBOARD_QUERY as DASHBOARD_QUERY } from './web-dashboard-query.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TODAY = '2025-12-31'; // the demo data's last day, as in the dashboard bench
const READERS = 50;
const TARGETS = { alone: 1_000_000, withReaders: 300_000 };

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, rows: { type: 'string', default: '500000' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
    strict: true,
  });
  const rows = Number(values.rows);
  const rounds = Number(values.rounds);
  if (!(rows >= 1000 && rows <= 5_000_000) || !(rounds >= 1 && rounds <= 20)) throw new Error('--rows must be in [1000, 5,000,000] and --rounds in [1, 20]');
  // A copy of the dashboard bench's store, so that the batches never grow it.
  const { store, dataDir } = await openCopyOfSeededStore(Number(values.scale), 'ingest');
  try {
    await run(store, rows, rounds);
  } finally {
    await store.close();
    if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(store: Store, rows: number, rounds: number): Promise<void> {
  const app = await createApp(store, {
    production: true,
    logger: new ConsoleLogger('bench-ingest', { logLevels: ['error'] }),
    access: { adminKey: ADMIN_KEY },
    runner: { cache: false },
    ingestMaxBodyBytes: 2 ** 31,
    today: () => TODAY,
  });
  const url = await listenOnLoopback(app);
  try {
    const counts = await countRows(store);
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? process.arch}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}; ClickHouse (chDB) ${store.serverVersion}`);
    console.log(`store: portal_visits ${fmt(counts.portal_visits!)} rows; answer cache off (every dashboard request cold); batches of ${fmt(rows)} NDJSON portal_visits rows over HTTP`);
    const key = async (role: 'viewer' | 'ingest') => (await createApiKey(store, { label: `bench-ingest ${role}`, role, amanahs: 'all' })).key;
    const ingestKey = await key('ingest');
    const readerKeys = await Promise.all(Array.from({ length: READERS }, () => key('viewer'))); // a key each: a key's rate and cost budget are its own
    let offset = 0;
    const batch = async () => {
      offset += rows;
      return uploadVisits(url, ingestKey, offset, rows, { idempotencyKey: `bench-ingest-${process.pid}-${offset}`, sessionPrefix: 'bench-ingest' });
    };

    const warmUp = await batch();
    console.log(`warm-up (not counted): ${fmt(warmUp.rowsPerSecond)} rows/s`);
    const alone: number[] = [];
    const withReaders: number[] = [];
    let dashboards = 0;
    let dashboardSeconds = 0;
    let readerFailures = 0;
    // Alone and with readers alternate, so that the host's load drifting during the run weighs on both alike.
    for (let round = 1; round <= rounds; round += 1) {
      const quiet = await batch();
      alone.push(quiet.rowsPerSecond);
      console.log(`round ${round} alone: ${quiet.seconds.toFixed(2)} s = ${fmt(quiet.rowsPerSecond)} rows/s (CPU of all threads ${quiet.cpuSeconds.toFixed(2)} s)`);
      const readers = clientThread({
        url, durationMs: 600_000, maxRequestsPerClient: 1_000_000, honorRetryAfter: true, mode: 'dashboard', query: DASHBOARD_QUERY, seed: round,
        clients: Array.from({ length: READERS }, (_, i) => ({ key: readerKeys[i % readerKeys.length]!, amanahs: 'all' as const })),
      });
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // the readers are all under way
      let busy: Awaited<ReturnType<typeof uploadVisits>>;
      try {
        busy = await batch();
      } finally {
        readers.stop();
      }
      const samples = (await readers.done).samples.filter((s) => s.end >= busy.started && s.end <= busy.ended);
      withReaders.push(busy.rowsPerSecond);
      const ok = samples.filter((s) => s.kind === 'ok');
      dashboards += ok.length;
      dashboardSeconds += busy.seconds;
      readerFailures += samples.length - ok.length;
      const refused = new Map<string, number>();
      for (const sample of samples) if (sample.kind !== 'ok') refused.set(sample.kind, (refused.get(sample.kind) ?? 0) + 1);
      const p50 = ok.length > 0 ? median(ok.map((s) => s.end - s.start)) : NaN;
      console.log(`round ${round} with ${READERS} readers: ${busy.seconds.toFixed(2)} s = ${fmt(busy.rowsPerSecond)} rows/s (CPU of all threads ${busy.cpuSeconds.toFixed(2)} s); ` +
        `${ok.length} cold dashboards answered meanwhile (p50 ${p50.toFixed(0)} ms), ${samples.length - ok.length} refused or failed` +
        `${refused.size > 0 ? ` (${[...refused].map(([kind, n]) => `${n} ${kind}`).join(', ')})` : ''}`);
    }
    const a = median(alone), r = median(withReaders);
    console.log(`\n| NDJSON ingest (median of ${rounds}) | rows/s | target | |`);
    console.log('|---|---:|---:|---|');
    console.log(`| alone | ${fmt(a)} | ${fmt(TARGETS.alone)} | ${a >= TARGETS.alone ? 'PASS' : 'FAIL'} |`);
    console.log(`| with ${READERS} readers of the executive dashboard (cold) | ${fmt(r)} | ${fmt(TARGETS.withReaders)} | ${r >= TARGETS.withReaders ? 'PASS' : 'FAIL'} |`);
    console.log(`| ratio with ÷ alone | ${(r / a).toFixed(2)} | | |`);
    console.log(`readers: ${fmt(dashboards / dashboardSeconds)} cold dashboards/s during the ingests, ${readerFailures} refused or failed`);
  } finally {
    await app.close();
  }
}


main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
