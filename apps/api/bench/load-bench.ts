// `npx nx run api:bench-load` (or `npm run bench:load`): the API under hostile load (issue 11), never part of the
// test suite. Starts the real API in this process on loopback over a copy of the demo store (production settings:
// answer cache on, default limits, real access control with created viewer keys, the ingest validation threads the
// server uses), and prints in one run:
//   0. 200 clients on 20 keys for 30 s on the warm executive dashboard (the web app's request, views already in the
//      answer cache): requests/s, p50/p95/p99 and errors (issue 17: ≥ 200 req/s, p99 < 1 s, none);
//   1. 200 clients on 20 keys for 30 s on the executive dashboard (half the requests cacheable): p50, p99, req/s,
//      errors by kind (HTTP status + GraphQL extensions.code), and that no answer was a 5xx;
//   2. the fate of one 30-alias portal.visitors request from an all-amanah key, and other keys' simple queries'
//      p50/p95 while it was in flight;
//   3. probe queries of scoped keys during the load phases compared with their idle answers: equal, refused with a
//      code (allowed), WRONG (different data, or null without an error);
//   4. ingest rows/s of 500,000 NDJSON portal_visits rows alone and with 50 dashboard readers, and the ratio;
// with the machine, the store's size, and PASS/FAIL next to each target. About 3 minutes.
//
//   npx nx run api:bench-load                       # demo store: tmp/bench/scale-1 (seeded if empty) copied to tmp/bench/load-<pid>
//   npx nx run api:bench-load -- --seconds 10       # a shorter load phase
//   npx nx run api:bench-load -- --warm-only        # only phase 0: the warm dashboard's throughput (~1.5 min)
//   npx nx run api:bench-load -- --warm-rate 380    # phase 0 offering 380 req/s (19 a key, the most within the limits)
// The clients run in worker threads (dist/node/bench-load/bench-load-clients.js); they honour Retry-After (at most
// 1 s) as the web app would; --ignore-retry-after makes them retry at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConsoleLogger } from '@nestjs/common';
import { createApiKey } from '@amanah/access';
import { validationWorkerBeside } from '@amanah/ingest';
import { uploadVisits } from './bench-ingest-upload.js';
import { clientThread } from './client-thread.js';
import { countRows } from '@amanah/seed';
import { recordDataChange, type Store } from '@amanah/store';
import { createApp } from '../src/app/create-app.js';
import { openCopyOfSeededStore } from './bench-store.js';
import { listenOnLoopback } from '../src/analytics/testing.js';
import type { ClientPlan, ClientResult, ProbeSpec, Sample } from './load-clients.js';
import { READERS_DASHBOARD_QUERY as DASHBOARD_QUERY, WARM_VIEWS, WEB_DASHBOARD_QUERY } from './web-dashboard-query.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TODAY = '2025-12-31'; // the demo data's last day, as in the dashboard bench
const INGEST_ROWS = 500_000;
const TARGETS = { heavySeconds: 15, othersP95Ms: 1500, wrong: 0, ingestWithReaders: 100_000, warmPerSecond: 200, warmP99Ms: 1000 };
/**
 * Warm phase: the requests a second the 200 clients offer together (`--warm-rate`), spread over the 20 keys. Each key
 * stays within the default per-key limit of 20 a second (burst 60): clients that sent faster would be refused (429) by
 * design, so at most 19 a key, 380 in all. Clients that always had a request waiting would measure the queue (200 in
 * flight ÷ requests a second), not the answer: the default offers a little more than the target, 220 a second.
 */
const WARM_RATE = { default: 220, max: 20 * 19 };


const SIMPLE_QUERY = `query Simple($from: Date!, $to: Date!) { kpi(metric: "office.visits", range: { from: $from, to: $to }) { value previous } }`;

/** 30 aliases of exact distinct visitors over ~9-10 years with last year's comparison, each range different. */
function heavyQuery(): string {
  const fields = Array.from({ length: 30 }, (_, i) => {
    const from = `2016-1${i % 3}-${String(1 + i).padStart(2, '0')}`;
    const to = `2025-11-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    return `  a${i}: kpi(metric: "portal.visitors", compare: SAME_PERIOD_LAST_YEAR, range: { from: "${from}", to: "${to}" }) { value }`;
  });
  return `{\n${fields.join('\n')}\n}`;
}

/** Probe queries of scoped keys: their idle answers are computed first, then compared under load. */
const PROBES: Array<{ name: string; scope: string; query: string }> = [
  { name: 'tabuk office.visits H1 2024', scope: 'tabuk', query: '{ kpi(metric: "office.visits", range: { from: "2024-01-01", to: "2024-06-30" }, compare: SAME_PERIOD_LAST_YEAR) { value previous changePct } }' },
  { name: 'tabuk portal.visits by month Q1 2024', scope: 'tabuk', query: '{ series(metric: "portal.visits", granularity: MONTH, range: { from: "2024-01-01", to: "2024-03-31" }) { points { date value } } }' },
  { name: 'jeddah portal.visits Q2 2024', scope: 'jeddah', query: '{ kpi(metric: "portal.visits", range: { from: "2024-04-01", to: "2024-06-30" }) { value previous } }' },
  { name: 'jeddah services.requests by channel 2024', scope: 'jeddah', query: '{ breakdown(metric: "services.requests", dimension: "channel", range: { from: "2024-01-01", to: "2024-12-31" }) { key value share } }' },
  { name: 'eastern services.completion_rate 2024', scope: 'eastern', query: '{ kpi(metric: "services.completion_rate", range: { from: "2024-01-01", to: "2024-12-31" }) { value previous } }' },
  { name: 'eastern portal.visitors March 2024 (exact)', scope: 'eastern', query: '{ kpi(metric: "portal.visitors", range: { from: "2024-03-01", to: "2024-03-31" }) { value } }' },
  { name: 'riyadh+eastern ranking portal.visits 2024', scope: 'riyadh,eastern', query: '{ ranking(metric: "portal.visits", range: { from: "2024-01-01", to: "2024-12-31" }) { items { amanah value rank previousRank } } }' },
  { name: 'all office.visits filtered to tabuk H1 2024', scope: 'all', query: '{ kpi(metric: "office.visits", filters: [{ dimension: "amanah", values: ["tabuk"] }], range: { from: "2024-01-01", to: "2024-06-30" }, compare: SAME_PERIOD_LAST_YEAR) { value previous changePct } }' },
];

const LOAD_SCOPES = ['all', 'all', 'all', 'all', 'all', 'all', 'all', 'all', 'all', 'all', 'tabuk', 'jeddah', 'eastern', 'riyadh', 'makkah', 'madinah', 'qassim', 'asir', 'hail', 'jazan'];

const now = (): number => performance.timeOrigin + performance.now();
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}


const startClients = (plan: ClientPlan): Promise<ClientResult> => clientThread(plan).done;

/**
 * The bytes under `dir`; a file a background merge removed between listing and reading it counts nothing, and a
 * folder it removed during the listing makes the listing start again.
 */
function dirBytes(dir: string, attempts = 3): number {
  try {
    let total = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
    }
    return total;
  } catch (error) {
    if (attempts > 1 && (error as NodeJS.ErrnoException).code === 'ENOENT') return dirBytes(dir, attempts - 1);
    throw error;
  }
}

function kinds(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) if (sample.kind !== 'ok') counts.set(sample.kind, (counts.get(sample.kind) ?? 0) + 1);
  return counts.size ? [...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind}: ${fmt(n)}`).join(', ') : 'none';
}

function summary(label: string, samples: Sample[], seconds: number): void {
  const ok = samples.filter((s) => s.kind === 'ok');
  const times = ok.map((s) => s.end - s.start);
  const all = samples.map((s) => s.end - s.start);
  console.log(`${label}: ${fmt(samples.length)} requests in ${seconds.toFixed(1)} s = ${(samples.length / seconds).toFixed(1)} req/s, answered ${fmt(ok.length)} = ${(ok.length / seconds).toFixed(1)}/s`);
  console.log(`  answered p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms; all answers (refusals too) p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms`);
  console.log(`  errors by kind: ${kinds(samples)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '30' },
      'ignore-retry-after': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'warm-only': { type: 'boolean', default: false },
      'warm-rate': { type: 'string', default: String(WARM_RATE.default) },
    },
    strict: true,
  });
  const loadSeconds = Number(values.seconds);
  if (!(loadSeconds >= 3 && loadSeconds <= 300)) throw new Error('--seconds must be in [3, 300]');
  const warmRate = Number(values['warm-rate']);
  if (!(warmRate >= 20 && warmRate <= WARM_RATE.max)) throw new Error(`--warm-rate must be in [20, ${WARM_RATE.max}] (20 keys, each within its limit)`);
  const honorRetryAfter = !values['ignore-retry-after'];
  const benchStarted = now();

  // A copy of the dashboard bench's demo store, so that the ingest phases never grow it.
  const { store, dataDir } = await openCopyOfSeededStore(1, 'load');
  try {
    await runBench(store, dataDir, loadSeconds, honorRetryAfter, { only: values['warm-only'], rate: warmRate });
  } finally {
    await store.close();
    if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nwhole bench: ${((now() - benchStarted) / 1000).toFixed(0)} s`);
}

async function runBench(store: Store, dataDir: string, loadSeconds: number, honorRetryAfter: boolean, warmOptions: { only: boolean; rate: number }): Promise<void> {
  const app = await createApp(store, {
    production: true,
    // Unexpected errors (a 5xx's cause) to stderr; refusals are not logged.
    logger: new ConsoleLogger('bench-load', { logLevels: ['error'] }),
    access: { adminKey: ADMIN_KEY },
    ingestValidation: { workerScript: validationWorkerBeside(import.meta.url) },
    today: () => TODAY,
  });
  const url = await listenOnLoopback(app);
  try {
    const rows = await countRows(store);
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? process.arch}), ${fmt(os.totalmem() / 2 ** 20)} MiB, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}; ClickHouse (chDB) ${store.serverVersion}`);
    console.log(`store: copy of the demo store in ${dataDir}, ${(dirBytes(dataDir) / 2 ** 20).toFixed(0)} MiB on disk, portal_visits ${fmt(rows.portal_visits!)} rows, ${fmt(Object.values(rows).reduce((a, b) => a + b, 0))} event rows in all`);
    console.log(`settings: production, answer cache on, default limits (query timeout ${store.queryTimeoutSeconds} s incl. waiting, 20 req/s burst 60 per key, cost budget 500 ms/s burst 30,000 per key, 10 s per request); clients ${honorRetryAfter ? 'honour Retry-After (≤ 1 s)' : 'ignore Retry-After'}\n`);

    const key = async (role: 'viewer' | 'ingest', scope: string) =>
      (await createApiKey(store, { label: `bench-load ${role} ${scope}`, role, amanahs: scope === 'all' ? 'all' : scope.split(',') })).key;
    const loadKeys = await Promise.all(LOAD_SCOPES.map(async (scope) => ({ key: await key('viewer', scope), amanahs: scope === 'all' ? ('all' as const) : [scope] })));
    const probeKeys = new Map<string, string>();
    for (const probe of PROBES) if (!probeKeys.has(probe.scope)) probeKeys.set(probe.scope, await key('viewer', probe.scope));
    const heavyKey = await key('viewer', 'all');
    const simpleKeys = await Promise.all(['tabuk', 'jeddah', 'eastern', 'asir', 'hail'].map((scope) => key('viewer', scope)));
    const ingestKey = await key('ingest', 'all');

    // 3. Idle answers: each probe twice, alone; a probe whose two idle answers differ would prove nothing.
    const probes: ProbeSpec[] = [];
    for (const probe of PROBES) {
      const answers: string[] = [];
      for (let i = 0; i < 2; i++) {
        if (i === 1) await recordDataChange(store, 'manual', 'bench'); // the second computes again rather than reading the cache
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${probeKeys.get(probe.scope)}` }, body: JSON.stringify({ query: probe.query }) });
        const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
        if (response.status !== 200 || body.errors || !body.data) throw new Error(`idle probe ${probe.name}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
        answers.push(JSON.stringify(body.data));
      }
      if (answers[0] !== answers[1]) throw new Error(`idle probe ${probe.name} answers differently twice: ${answers.join(' / ')}`);
      probes.push({ name: probe.name, key: probeKeys.get(probe.scope)!, query: probe.query, idle: answers[0]! });
    }
    // How many engine statements one cold dashboard request is (each waits for its own turn under load).
    await recordDataChange(store, 'manual', 'bench');
    let statements = 0;
    const select = store.select.bind(store);
    store.select = ((...args: Parameters<Store['select']>) => (statements++, select(...args))) as Store['select'];
    const coldStarted = now();
    const cold = await fetch(`${url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${loadKeys[0]!.key}` },
      body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { range: { from: '2024-02-03', to: '2024-11-05' }, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' } }),
    });
    await cold.text();
    const coldMs = now() - coldStarted;
    store.select = select;
    console.log(`one cold dashboard request alone: ${coldMs.toFixed(0)} ms, ${statements} engine statements (SELECTs)`);
    // 0. The warm dashboard's throughput.
    const warm = await warmPhase(url, loadKeys, loadSeconds, warmOptions.rate);
    if (warmOptions.only) {
      printTargets([warm.row]);
      return;
    }
    await recordDataChange(store, 'manual', 'bench'); // the load starts with an empty answer cache
    const probeTotals = { equal: 0, refused: 0, wrong: 0, otherErrors: 0, wrongExamples: [] as string[] };
    const addProbes = (result: ClientResult) => {
      const p = result.probes!;
      probeTotals.equal += p.equal;
      probeTotals.refused += p.refused;
      probeTotals.wrong += p.wrong;
      probeTotals.otherErrors += p.otherErrors;
      probeTotals.wrongExamples.push(...p.wrongExamples);
    };
    const probeClients = (durationMs: number, seed: number) =>
      startClients({ url, durationMs, maxRequestsPerClient: 100_000, honorRetryAfter, mode: 'probes', clients: [{ key: '', amanahs: 'all' }, { key: '', amanahs: 'all' }], probes, seed });
    console.log(`idle answers of ${probes.length} probe queries (tabuk, jeddah, eastern, riyadh+eastern, all): computed twice, equal\n`);

    // 1. 200 clients on 20 keys.
    console.log(`## 1. 200 clients on 20 keys, ${loadSeconds} s, executive dashboard (half from 4 cacheable variants, half random ranges)`);
    const loadStarted = now();
    const [load, probesA] = await Promise.all([
      Promise.all([0, 1].map((half) =>
        startClients({
          url, durationMs: loadSeconds * 1000, maxRequestsPerClient: 5_000, honorRetryAfter, mode: 'dashboard', query: DASHBOARD_QUERY, seed: 1 + half,
          clients: Array.from({ length: 100 }, (_, i) => loadKeys[(half * 100 + i) % loadKeys.length]!),
        }),
      )),
      probeClients(loadSeconds * 1000, 3),
    ]);
    addProbes(probesA);
    const loadSamples = load.flatMap((result) => result.samples);
    const loadElapsed = (now() - loadStarted) / 1000;
    summary('dashboard', loadSamples, loadElapsed);
    const cacheable = loadSamples.filter((s) => s.cacheable && s.kind === 'ok').map((s) => s.end - s.start);
    const uncached = loadSamples.filter((s) => s.cacheable === false && s.kind === 'ok').map((s) => s.end - s.start);
    console.log(`  answered, cacheable variants: ${fmt(cacheable.length)} p50 ${percentile(cacheable, 50).toFixed(0)} ms; random ranges: ${fmt(uncached.length)} p50 ${percentile(uncached, 50).toFixed(0)} ms, p99 ${percentile(uncached, 99).toFixed(0)} ms`);
    const fiveXX = loadSamples.filter((s) => s.status >= 500 || s.status === 0).length;
    console.log(`  probes during the load: ${fmt(probesA.probes!.equal)} equal, ${fmt(probesA.probes!.refused)} refused with a code, ${fmt(probesA.probes!.wrong)} WRONG, ${fmt(probesA.probes!.otherErrors)} other errors\n`);

    // 2. The 30-alias request, and other keys' simple queries while it is in flight.
    console.log('## 2. one 30-alias portal.visitors request (all amanahs, ~10 years, SAME_PERIOD_LAST_YEAR) + 5 other keys\' simple queries');
    const othersPlan: ClientPlan = {
      url, durationMs: 6_000, maxRequestsPerClient: 10_000, honorRetryAfter, mode: 'simple', query: SIMPLE_QUERY, seed: 4,
      clients: Array.from({ length: 10 }, (_, i) => ({ key: simpleKeys[i % simpleKeys.length]!, amanahs: [] })),
    };
    const othersRun = startClients(othersPlan);
    const probesBRun = probeClients(6_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const heavyStart = now();
    const heavyResponse = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${heavyKey}` }, body: JSON.stringify({ query: heavyQuery() }) });
    const heavyBody = (await heavyResponse.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const heavyEnd = now();
    const heavySeconds = (heavyEnd - heavyStart) / 1000;
    const others = (await othersRun).samples;
    const probesB = await probesBRun;
    addProbes(probesB);
    const heavyCodes = [...new Set((heavyBody.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'))];
    const answeredFields = Object.values(heavyBody.data ?? {}).filter((v) => v !== null).length;
    console.log(`heavy: HTTP ${heavyResponse.status}, ${heavyCodes.length ? `refused ${heavyCodes.join('+')}` : 'answered'} after ${heavySeconds.toFixed(2)} s (${answeredFields}/30 fields answered)`);
    if (heavyBody.errors?.[0]) console.log(`  "${heavyBody.errors[0].message.slice(0, 400)}"`);
    const during = others.filter((s) => s.start < heavyEnd && s.end > heavyStart);
    const duringTimes = during.filter((s) => s.kind === 'ok').map((s) => s.end - s.start);
    const allOthers = others.filter((s) => s.kind === 'ok').map((s) => s.end - s.start);
    console.log(`others while it was in flight: ${during.length} requests, p50 ${percentile(duringTimes, 50).toFixed(0)} ms, p95 ${percentile(duringTimes, 95).toFixed(0)} ms; errors: ${kinds(during)}`);
    console.log(`others over their whole 6 s: ${others.length} requests, p50 ${percentile(allOthers, 50).toFixed(0)} ms, p95 ${percentile(allOthers, 95).toFixed(0)} ms; errors: ${kinds(others)}`);
    // When the heavy request is refused at once, "while in flight" is the whole window's requests.
    const othersP95 = duringTimes.length >= 5 ? percentile(duringTimes, 95) : percentile(allOthers, 95);
    console.log(`  probes: ${fmt(probesB.probes!.equal)} equal, ${fmt(probesB.probes!.refused)} refused with a code, ${fmt(probesB.probes!.wrong)} WRONG, ${fmt(probesB.probes!.otherErrors)} other errors\n`);

    // 4. Ingest alone, then with 50 dashboard readers.
    console.log(`## 4. ingest ${fmt(INGEST_ROWS)} NDJSON portal_visits rows (dated 2012) over HTTP, alone and with 50 dashboard readers`);
    const warmUp = await uploadVisits(url, ingestKey, 0, 50_000, { idempotencyKey: `bench-load-warmup-${process.pid}`, sessionPrefix: 'bench-load' });
    console.log(`warm-up (not counted): 50,000 rows = ${fmt(warmUp.rowsPerSecond)} rows/s`);
    const alone = await uploadVisits(url, ingestKey, 1_000_000, INGEST_ROWS, { idempotencyKey: `bench-load-alone-${process.pid}`, sessionPrefix: 'bench-load' });
    console.log(`alone: ${alone.seconds.toFixed(2)} s = ${fmt(alone.rowsPerSecond)} rows/s`);
    let readersStop = false;
    const readers = clientThread({
      url, durationMs: 120_000, maxRequestsPerClient: 100_000, honorRetryAfter, mode: 'dashboard', query: DASHBOARD_QUERY, seed: 6,
      clients: Array.from({ length: 50 }, (_, i) => loadKeys[i % loadKeys.length]!),
    });
    void readers.done.finally(() => (readersStop = true));
    const probesCRun = probeClients(12_000, 7);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    let withReaders: Awaited<ReturnType<typeof uploadVisits>>;
    try {
      withReaders = await uploadVisits(url, ingestKey, 2_000_000, INGEST_ROWS, { idempotencyKey: `bench-load-readers-${process.pid}`, sessionPrefix: 'bench-load' });
    } catch (error) {
      readers.stop();
      await Promise.allSettled([readers.done, probesCRun]);
      throw error;
    }
    if (readersStop) throw new Error('the readers stopped before the ingest ended');
    console.log(`with 50 readers: ${withReaders.seconds.toFixed(2)} s = ${fmt(withReaders.rowsPerSecond)} rows/s; ratio with ÷ alone ${(withReaders.rowsPerSecond / alone.rowsPerSecond).toFixed(2)}`);
    // The readers' run is bounded at 120 s; stopped now, their samples count up to here.
    readers.stop();
    const [readerResult, probesC] = await Promise.all([readers.done.then((r) => r.samples), probesCRun]);
    addProbes(probesC);
    const readerSamples = readerResult.filter((s) => s.start >= withReaders.started && s.end <= withReaders.ended);
    summary('  readers during the ingest', readerSamples, (withReaders.ended - withReaders.started) / 1000);
    console.log(`  probes: ${fmt(probesC.probes!.equal)} equal, ${fmt(probesC.probes!.refused)} refused with a code, ${fmt(probesC.probes!.wrong)} WRONG, ${fmt(probesC.probes!.otherErrors)} other errors\n`);
    const readerFiveXX = readerResult.filter((s) => s.status >= 500 || s.status === 0).length;

    // 3. The probes over all load phases.
    console.log(`## 3. probes against idle answers, all load phases: ${fmt(probeTotals.equal)} equal, ${fmt(probeTotals.refused)} refused with a code (allowed), ${fmt(probeTotals.wrong)} WRONG, ${fmt(probeTotals.otherErrors)} other errors`);
    for (const example of probeTotals.wrongExamples.slice(0, 5)) console.log(`  wrong: ${example}`);

    const heavyOk = heavySeconds <= TARGETS.heavySeconds && (heavyResponse.status === 200 || heavyCodes.length > 0) && heavyResponse.status < 500;
    printTargets([
      warm.row,
      `| 200 clients × 20 keys: zero 5xx | ${fiveXX} 5xx/network errors (readers in 4: ${readerFiveXX}) | ${verdict(fiveXX === 0 && readerFiveXX === 0)} |`,
      `| 30-alias request refused or answered within ${TARGETS.heavySeconds} s | ${heavyResponse.status} ${heavyCodes.join('+') || 'answered'} in ${heavySeconds.toFixed(2)} s | ${verdict(heavyOk)} |`,
      `| others' p95 while it ran < ${TARGETS.othersP95Ms} ms | ${othersP95.toFixed(0)} ms | ${verdict(othersP95 < TARGETS.othersP95Ms)} |`,
      `| wrong answers = 0 | ${probeTotals.wrong} wrong, ${probeTotals.otherErrors} uncoded errors | ${verdict(probeTotals.wrong === 0 && probeTotals.otherErrors === 0)} |`,
      `| ingest with 50 readers ≥ ${fmt(TARGETS.ingestWithReaders)} rows/s | ${fmt(withReaders.rowsPerSecond)} rows/s (alone ${fmt(alone.rowsPerSecond)}, ratio ${(withReaders.rowsPerSecond / alone.rowsPerSecond).toFixed(2)}) | ${verdict(withReaders.rowsPerSecond >= TARGETS.ingestWithReaders)} |`,
    ]);
  } finally {
    await app.close();
  }
}

function printTargets(rows: string[]): void {
  console.log('\n| target | result | |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(row);
}

/**
 * Phase 0: 200 clients on the 20 load keys (10 per key, in two client threads) send the web app's dashboard request
 * for views already answered once per key (so every answer can come from the cache), each key's clients together
 * at `rate` ÷ 20 a second (a client waits for its key's next slot, and its time is counted from sending); a 429 or
 * any other refusal counts as an error.
 */
async function warmPhase(url: string, loadKeys: ClientPlan['clients'], seconds: number, rate: number): Promise<{ row: string }> {
  const perKey = rate / loadKeys.length;
  console.log(`## 0. warm dashboard: 200 clients on 20 keys, ${seconds} s, the web app's DashboardView request for ${WARM_VIEWS.length} views answered once before; offered ${rate} req/s (${perKey.toFixed(1)} a key)`);
  const primeStarted = now();
  for (const client of loadKeys) {
    for (const variables of WARM_VIEWS) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${client.key}` },
        body: JSON.stringify({ query: WEB_DASHBOARD_QUERY, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (response.status !== 200 || body.errors) throw new Error(`warm-up: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
  console.log(`warm-up: ${loadKeys.length * WARM_VIEWS.length} requests (each key × view once) in ${((now() - primeStarted) / 1000).toFixed(1)} s`);
  // The burst each key saved up during the warm-up is spent like any other request; one second's rest refills some.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const started = now();
  const cpuBefore = process.cpuUsage();
  const loopBefore = nodePerformance.eventLoopUtilization();
  const results = await Promise.all([0, 1].map((half) =>
    startClients({
      url, durationMs: seconds * 1000, maxRequestsPerClient: 100_000, honorRetryAfter: true, mode: 'warm', query: WEB_DASHBOARD_QUERY, variables: WARM_VIEWS,
      perKeyPerSecond: perKey / 2, seed: 10 + half,
      clients: Array.from({ length: 100 }, (_, i) => loadKeys[(half * 100 + i) % loadKeys.length]!),
    }),
  ));
  const elapsed = (now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const loop = nodePerformance.eventLoopUtilization(loopBefore);
  const samples = results.flatMap((result) => result.samples);
  const ok = samples.filter((s) => s.kind === 'ok');
  const times = ok.map((s) => s.end - s.start);
  const perSecond = ok.length / elapsed;
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
  const errors = samples.length - ok.length;
  console.log(`warm: ${fmt(samples.length)} requests in ${elapsed.toFixed(1)} s, answered ${fmt(ok.length)} = ${perSecond.toFixed(1)} req/s; p50 ${p50!.toFixed(1)} ms, p95 ${p95!.toFixed(1)} ms, p99 ${p99!.toFixed(1)} ms; errors ${fmt(errors)} (${kinds(samples)}); load average ${os.loadavg()[0]!.toFixed(2)}`);
  // What the host's load cannot change: CPU time per answer. The clients' threads are in this process too.
  console.log(`  CPU of this process (API and client threads): ${((cpu.user + cpu.system) / 1000 / ok.length).toFixed(2)} ms per answered request; the API's event loop busy ${(loop.utilization * 100).toFixed(0)} % of the time, ${((loop.active / ok.length)).toFixed(2)} ms per answered request\n`);
  const pass = perSecond >= TARGETS.warmPerSecond && p99! < TARGETS.warmP99Ms && errors === 0;
  return {
    row: `| warm dashboard, 200 clients × 20 keys: ≥ ${TARGETS.warmPerSecond} req/s, p99 < ${fmt(TARGETS.warmP99Ms)} ms, no errors | ${perSecond.toFixed(1)} req/s, p50 ${p50!.toFixed(0)} / p95 ${p95!.toFixed(0)} / p99 ${p99!.toFixed(0)} ms, ${errors} errors | ${verdict(pass)} |`,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
