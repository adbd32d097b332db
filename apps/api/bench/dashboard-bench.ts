// `npm run bench` (nx run api:bench): how fast the executive dashboard answers, on the demo store or a larger one.
// Never part of the test suite. Prints p50/p95 of the whole dashboard request (every widget's data in one GraphQL
// request, as the web app sends it) with the answer cache off (cold: ClickHouse does the work each time) and on
// (warm), plus rollup-vs-raw ratios for single KPIs, all measured in this one run.
//
//   npm run bench                                   # demo store (scale 1) in tmp/bench/scale-1, seeded if empty
//   npm run bench -- --scale 3.5 --iterations 20    # ~100 million portal visits, in tmp/bench/scale-3.5
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { findMetric } from '@amanah/metrics';
import { QueryRunner, resolveRange } from '@amanah/query';
import { countRows, seedDemo, storeHasEventData } from '@amanah/seed';
import { migrate, openStore, type Store } from '@amanah/store';
import { createApp } from '../src/app/create-app.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TODAY = '2025-12-31'; // the demo data's last day: "last_year" is then 2025, compared with 2024

const DASHBOARD_QUERY = `query Executive($range: DateRangeInput!, $compare: Comparison!, $granularity: Granularity!) {
  dashboard(id: "executive") { widgets { id type
    kpi(range: $range, compare: $compare) { value previous changePct asOf target { value attainmentPct } }
    series(range: $range, granularity: $granularity) { points { date value } series { key points { date value } } }
    breakdown(range: $range, compare: $compare) { key value share previous }
    ranking(range: $range, compare: $compare) { items { amanah value rank previousRank } }
  } }
}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      iterations: { type: 'string', default: '30' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const iterations = Number(values.iterations);
  if (!(scale > 0 && scale <= 30) || !(iterations >= 3 && iterations <= 1000)) {
    throw new Error('--scale must be in (0, 30] and --iterations in [3, 1000]');
  }
  const dataDir = path.resolve(values['data-dir'] ?? `tmp/bench/scale-${scale}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const store = await openStore({ kind: 'embedded', dataDir });
  try {
    await migrate(store);
    if (!(await storeHasEventData(store))) {
      console.log(`seeding ${dataDir} at scale ${scale} (once; later runs reuse it)…`);
      const report = await seedDemo(store, { scale });
      console.log(`seeded in ${report.seconds.toFixed(1)} s`);
    }
    const rows = await countRows(store);
    console.log(`store: ${dataDir}, portal_visits ${rows.portal_visits!.toLocaleString('en')} rows, ${Object.values(rows).reduce((a, b) => a + b, 0).toLocaleString('en')} event rows in all`);
    console.log(`machine: ${process.arch}, Node ${process.version}, ClickHouse (chDB) ${store.serverVersion}\n`);

    const cold = await benchDashboard(store, iterations, false);
    const warm = await benchDashboard(store, iterations, true);
    console.log('| executive dashboard (14 widgets, one request) | p50 ms | p95 ms |');
    console.log('|---|---:|---:|');
    console.log(`| cold: answer cache off | ${cold.p50.toFixed(1)} | ${cold.p95.toFixed(1)} |`);
    console.log(`| warm: answer cache on | ${warm.p50.toFixed(1)} | ${warm.p95.toFixed(1)} |`);
    console.log(`| ratio cold ÷ warm | ${(cold.p50 / warm.p50).toFixed(1)}× | ${(cold.p95 / warm.p95).toFixed(1)}× |\n`);

    await benchRollupVersusRaw(store, iterations);
  } finally {
    await store.close();
  }
}

async function benchDashboard(store: Store, iterations: number, cache: boolean) {
  const app = await createApp(store, { access: { adminKey: ADMIN_KEY }, runner: { cache }, today: () => TODAY });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { range: { preset: 'last_year' }, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' } });
  const request = async () => {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body });
    const answer = (await response.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(`dashboard query failed: ${JSON.stringify(answer.errors)}`);
    return performance.now() - started;
  };
  try {
    await request(); // first request: connection, schema caches, ClickHouse's own caches of marks
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await request());
    return percentiles(times);
  } finally {
    await app.close();
  }
}

/** The same KPI from the daily rollup and from the raw events: what the rollups buy. */
async function benchRollupVersusRaw(store: Store, iterations: number) {
  const runner = new QueryRunner(store, { cache: false });
  const range = resolveRange({ from: '2024-01-01', to: '2025-12-31' }, TODAY);
  const cases = [
    { label: 'portal.visits, all amanahs, 2 years', metric: 'portal.visits', filters: [] },
    { label: 'portal.visits, Jeddah, 2 years', metric: 'portal.visits', filters: [{ dimension: 'amanah' as const, values: ['jeddah'] }] },
    { label: 'services.digital_share, all amanahs', metric: 'services.digital_share', filters: [] },
    { label: 'office.visits, Tabuk', metric: 'office.visits', filters: [{ dimension: 'amanah' as const, values: ['tabuk'] }] },
  ];
  console.log('| single KPI, 2024–2025 | rollup p50 ms | raw p50 ms | raw ÷ rollup |');
  console.log('|---|---:|---:|---:|');
  for (const c of cases) {
    const query = { metric: findMetric(c.metric)!, range, filters: c.filters };
    const time = async (forceRaw: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        await runner.kpi({ ...query, forceRaw }, 'NONE');
        times.push(performance.now() - started);
      }
      return percentiles(times).p50;
    };
    const rollup = await time(false);
    const raw = await time(true);
    console.log(`| ${c.label} | ${rollup.toFixed(1)} | ${raw.toFixed(1)} | ${(raw / rollup).toFixed(1)}× |`);
  }
  const exact = await timeOnce(() => runner.kpi({ metric: findMetric('portal.visitors')!, range, filters: [] }, 'NONE'));
  const approximate = await timeOnce(() => runner.kpi({ metric: findMetric('portal.visitors')!, range, filters: [], approximate: true }, 'NONE'));
  console.log(`| portal.visitors all amanahs: exact (raw) vs ≈ sketch | ${approximate.ms.toFixed(1)} (≈) | ${exact.ms.toFixed(1)} (exact) | ${(exact.ms / approximate.ms).toFixed(1)}× |`);
  console.log(`\nexact visitors ${exact.value.toLocaleString('en')}, sketch ${approximate.value.toLocaleString('en')} (${(((approximate.value - exact.value) / exact.value) * 100).toFixed(2)} %)`);
}

async function timeOnce(run: () => Promise<{ value: number | null }>) {
  const started = performance.now();
  const { value } = await run();
  return { ms: performance.now() - started, value: value ?? 0 };
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95) };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
