// `npm run bench` (nx run api:bench): how fast the executive dashboard answers, on the demo store or a larger one.
// Never part of the test suite. Prints p50/p95 of the whole dashboard request (every widget's data in one GraphQL
// request, as the web app sends it) with the answer cache off (cold: ClickHouse does the work each time) and on
// (warm), plus rollup-vs-raw ratios for single KPIs, all measured in this one run.
//
//   npm run bench                                   # demo store (scale 1) in tmp/bench/scale-1, seeded if empty
//   npm run bench -- --scale 3.5 --iterations 20    # ~100 million portal visits, in tmp/bench/scale-3.5
//   npm run bench -- --sizes [--large]              # the cold dashboard at ≈10 M and ≈100 M visits [and ≈300 M]
//   npm run bench -- --scale 3.5 --peers            # also the same figures from PostgreSQL, side by side
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Session } from 'chdb';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { findMetric } from '@amanah/metrics';
import { QueryRunner, resolveRange, type RunnerTimings, type TimedBranch } from '@amanah/query';
import { countRows } from '@amanah/seed';
import type { Store } from '@amanah/store';
import { createApp } from '../src/app/create-app.js';
import { openSeededStore } from './bench-store.js';
import { benchPeers, type DashboardAnswer } from './peers.js';
import { WEB_DASHBOARD_QUERY as DASHBOARD_QUERY } from './web-dashboard-query.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TODAY = '2025-12-31'; // the demo data's last day: "last_year" is then 2024 (the last whole year), compared with 2023

const DASHBOARD_VARIABLES = { id: 'executive', range: { preset: 'last_year' }, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' };

/** The sizes of `--sizes` (portal visits; the other datasets grow with them), and the one `--large` adds (~19 GB, seeded in ~14 min). */
const SIZES = [
  { label: '≈ 10 M visits', scale: 0.35 },
  { label: '≈ 100 M visits', scale: 3.5 },
];
const LARGE_SIZE = { label: '≈ 300 M visits', scale: 10.5 };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      iterations: { type: 'string', default: '30' },
      'data-dir': { type: 'string' },
      sizes: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      peers: { type: 'boolean', default: false },
      // One size's cold dashboard, as a JSON line: what --sizes runs in a process per size.
      'cold-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const iterations = Number(values.iterations);
  if (!(scale > 0 && scale <= 30) || !(iterations >= 3 && iterations <= 1000)) {
    throw new Error('--scale must be in (0, 30] and --iterations in [3, 1000]');
  }
  // First, in processes of their own: this process then opens its store (chDB: one data directory per process).
  if (values.sizes) await benchSizes(values.large ? [...SIZES, LARGE_SIZE] : SIZES, iterations);
  const dataDir = path.resolve(values['data-dir'] ?? `tmp/bench/scale-${scale}`);
  const store = await openSeededStore(scale, dataDir);
  try {
    const rows = await countRows(store);
    const events = Object.values(rows).reduce((a, b) => a + b, 0);
    if (values['cold-only']) {
      const cold = await benchDashboard(store, iterations, false);
      console.log(JSON.stringify({ visits: rows.portal_visits, events, times: cold.times.map((t) => t.total) }));
      return;
    }
    console.log(`store: ${dataDir}, portal_visits ${rows.portal_visits!.toLocaleString('en')} rows, ${events.toLocaleString('en')} event rows in all`);
    console.log(`machine: ${process.arch}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg()[0]!.toFixed(1)}, ` +
      `Node ${process.version} (NODE_ENV ${process.env.NODE_ENV ?? 'unset'}), ClickHouse (chDB) ${store.serverVersion}\n`);

    const cold = await benchDashboard(store, iterations, false);
    const fresh = await benchDashboard(store, iterations, false, unseenRange);
    const warm = await benchDashboard(store, iterations, true);
    console.log('| executive dashboard (14 widgets, one request, as the web app asks) | p50 ms | p95 ms |');
    console.log('|---|---:|---:|');
    console.log(`| cold: answer cache off | ${cold.p50.toFixed(1)} | ${cold.p95.toFixed(1)} |`);
    console.log(`| cold, each request a range this process was not asked before (12–16 whole months; planning p50 ${percentiles(fresh.times.map((t) => t.planned)).p50.toFixed(1)} ms against ${percentiles(cold.times.map((t) => t.planned)).p50.toFixed(1)} ms) | ${fresh.p50.toFixed(1)} | ${fresh.p95.toFixed(1)} |`);
    console.log(`| warm: answer cache on | ${warm.p50.toFixed(1)} | ${warm.p95.toFixed(1)} |`);
    console.log(`| ratio cold ÷ warm | ${(cold.p50 / warm.p50).toFixed(1)}× | ${(cold.p95 / warm.p95).toFixed(1)}× |\n`);
    await printBreakdown(dataDir, cold);

    await benchRollupVersusRaw(store, iterations);
    if (values.peers) await benchPeers(store, { ours: async () => cold.answer, oursColdP50: cold.p50, iterations: Math.min(iterations, 3) });
  } finally {
    await store.close();
  }
}

/**
 * The cold dashboard at each size, each in a process of its own (chDB opens one data directory per process), twice
 * over in alternating order (smallest first, then largest first) so that the host's load drifting during the run
 * weighs on every size alike; each size's p50 is over both passes, and its ratio is to the smallest size's.
 */
async function benchSizes(sizes: ReadonlyArray<{ label: string; scale: number }>, iterations: number): Promise<void> {
  const results = new Map<number, { visits: number; events: number; times: number[] }>();
  const passes = [sizes, [...sizes].reverse()];
  for (const pass of passes) {
    for (const { scale } of pass) {
      const child = spawnSync(process.execPath, [process.argv[1]!, '--scale', String(scale), '--iterations', String(iterations), '--cold-only'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const lines = child.stdout.trim().split('\n');
      for (const line of lines.slice(0, -1)) console.log(line); // seeding notes
      if (child.status !== 0) throw new Error(`the bench at scale ${scale} failed (exit ${child.status})`);
      const result = JSON.parse(lines[lines.length - 1]!) as { visits: number; events: number; times: number[] };
      const seen = results.get(scale);
      results.set(scale, seen ? { ...result, times: [...seen.times, ...result.times] } : result);
    }
  }
  console.log(`machine: ${process.arch}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}\n`);
  console.log('| size | portal visits | event rows | cold dashboard p50 ms | p95 ms | p50 ÷ smallest |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const smallest = percentiles(results.get(sizes[0]!.scale)!.times).p50;
  for (const { label, scale } of sizes) {
    const { visits, events, times } = results.get(scale)!;
    const { p50, p95 } = percentiles(times);
    console.log(`| ${label} (scale ${scale}) | ${visits.toLocaleString('en')} | ${events.toLocaleString('en')} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p50 / smallest).toFixed(2)}× |`);
  }
  console.log('');
}

/** One request's stages (RunnerTimings), in ms. */
interface RequestTimes {
  total: number;
  planned: number;
  shaped: number;
  engine: number;
  statements: Array<{ sql: string; params: Record<string, unknown>; settings: Record<string, number>; branches: TimedBranch[]; ms: number }>;
}

/**
 * The dashboard's variables for request `i` of a run (the warm-up is 0): by default the same view each time; with
 * `unseenRange`, a range no earlier request of the run asked, neither as its range nor as its comparison period, so
 * that no plan of the request is in the plan cache (plan-cache.ts): someone's first look at a period. Twelve requests
 * in a row take L whole months (L = 12, then 13, …) starting a month apart, L months after 2020-01 (so that the
 * comparison period, the L months before, starts in the seeded 2020): windows of one length start less than L months
 * apart, so none is another's previous period, and windows of different lengths differ. The 180 windows up to
 * L = 26 end by 2025-12 (the seeded years); then they repeat.
 */
type Variables = (i: number) => Record<string, unknown>;
const sameView: Variables = () => DASHBOARD_VARIABLES;
const unseenRange: Variables = (i) => {
  const k = i % 180;
  const months = 12 + Math.floor(k / 12);
  const first = months + (k % 12); // months after 2020-01
  const day = (month: number, date: number) => new Date(Date.UTC(2020, month, date)).toISOString().slice(0, 10);
  return { ...DASHBOARD_VARIABLES, range: { from: day(first, 1), to: day(first + months, 0) } };
};

async function benchDashboard(store: Store, iterations: number, cache: boolean, variables: Variables = sameView) {
  let current: RequestTimes | undefined;
  const timings: RunnerTimings = {
    planned: (ms) => void (current && (current.planned += ms)),
    shaped: (ms) => void (current && (current.shaped += ms)),
    statement: (statement) => {
      if (!current) return;
      current.engine += statement.ms;
      current.statements.push(statement);
    },
  };
  const app = await createApp(store, { access: { adminKey: ADMIN_KEY }, runner: { cache, timings }, today: () => TODAY });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  let answer: DashboardAnswer | undefined;
  let asked = 0;
  const request = async (): Promise<RequestTimes> => {
    const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: variables(asked++) });
    current = { total: 0, planned: 0, shaped: 0, engine: 0, statements: [] };
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body });
    const result = (await response.json()) as { data: DashboardAnswer; errors?: unknown[] };
    if (result.errors) throw new Error(`dashboard query failed: ${JSON.stringify(result.errors)}`);
    current.total = performance.now() - started;
    answer = result.data;
    return current;
  };
  try {
    await request(); // first request: connection, schema caches, ClickHouse's own caches of marks
    const times: RequestTimes[] = [];
    for (let i = 0; i < iterations; i++) times.push(await request());
    const parse = graphqlParseAndValidate(app.get(GraphQLSchemaHost).schema, iterations);
    return { ...percentiles(times.map((t) => t.total)), times, parse, answer: answer! };
  } finally {
    await app.close();
  }
}

/** GraphQL's own parse and validation of the dashboard query against the API's schema, p50 ms (Apollo caches neither per request). */
function graphqlParseAndValidate(schema: GraphQLSchema, iterations: number): number {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    const errors = validate(schema, parse(DASHBOARD_QUERY));
    if (errors.length) throw new Error(`the dashboard query does not validate: ${errors[0]!.message}`);
    times.push(performance.now() - started);
  }
  return percentiles(times).p50;
}

/**
 * Where the cold request's time goes: each stage's p50 over the runs (so the stages need not add up to the whole),
 * and each statement of the median run again alone on an engine session of the bench's own, whose `elapsed` is the
 * engine's own time (no client, no scheduler); then each of its branches alone, labelled by metric and range.
 */
async function printBreakdown(dataDir: string, cold: Awaited<ReturnType<typeof benchDashboard>>) {
  const p50 = (pick: (t: RequestTimes) => number) => percentiles(cold.times.map(pick)).p50;
  const median = [...cold.times].sort((a, b) => a.total - b.total)[Math.floor(cold.times.length / 2)]!;
  const session = new Session(dataDir);
  try {
    const elapsed = async (sql: string, params: Record<string, unknown>, settings: Record<string, number>) => {
      const clause = [`session_timezone = 'Asia/Riyadh'`, ...Object.entries(settings).map(([name, value]) => `${name} = ${value}`)].join(', ');
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push((await session.queryBindAsync(`${sql}\nSETTINGS ${clause}`, params, { format: 'JSONEachRow' })).elapsed * 1000);
      return percentiles(runs).p50;
    };
    const engineOwn = (await Promise.all(median.statements.map((s) => elapsed(s.sql, s.params, s.settings)))).reduce((a, b) => a + b, 0);
    const rest = p50((t) => t.total - t.planned - t.shaped - t.engine);
    console.log('| cold dashboard, where the time goes | p50 ms | share of p50 |');
    console.log('|---|---:|---:|');
    const row = (label: string, ms: number) => console.log(`| ${label} | ${ms.toFixed(1)} | ${((ms / cold.p50) * 100).toFixed(0)} % |`);
    row('whole request (HTTP, GraphQL, planning, engine, shaping)', cold.p50);
    row(`engine statements, as the runner waits for them (${median.statements.length} statement(s), ${median.statements.reduce((n, s) => n + s.branches.length, 0)} queries)`, p50((t) => t.engine));
    row('  of which the engine\'s own elapsed (same statements run again alone)', engineOwn);
    row('planning (planQuery, fused cards, the batch statement)', p50((t) => t.planned));
    row('shaping (rows split per query and shaped into answers)', p50((t) => t.shaped));
    row('GraphQL parse + validate of the query (measured apart)', cold.parse);
    row('the rest: HTTP, GraphQL execution and serialization, scheduler, data version', rest);
    console.log('');
    console.log('| one query of the cold dashboard, run alone | engine ms |');
    console.log('|---|---:|');
    for (const statement of median.statements) {
      for (const branch of statement.branches) console.log(`| ${branch.metric} ${branch.range.from}…${branch.range.to}${/GROUPING SETS/.test(branch.sql) ? ' (card: value + sparkline)' : ''} | ${(await elapsed(branch.sql, branch.params, statement.settings)).toFixed(1)} |`);
    }
    console.log('');
  } finally {
    session.close();
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
  const visitors = { metric: findMetric('portal.visitors')!, range, filters: [] };
  const exact = await timeThrice(() => runner.kpi(visitors, 'NONE'));
  const exactRaw = await timeThrice(() => runner.kpi({ ...visitors, forceRaw: true }, 'NONE'));
  const approximate = await timeThrice(() => runner.kpi({ ...visitors, approximate: true }, 'NONE'));
  console.log(`| portal.visitors all amanahs, exact: visitor days vs raw (p50 of 3) | ${exact.ms.toFixed(1)} | ${exactRaw.ms.toFixed(1)} | ${(exactRaw.ms / exact.ms).toFixed(1)}× |`);
  console.log(`| portal.visitors all amanahs: exact (visitor days) vs ≈ sketch | ${approximate.ms.toFixed(1)} (≈) | ${exact.ms.toFixed(1)} (exact) | ${(exact.ms / approximate.ms).toFixed(1)}× |`);
  if (exact.value !== exactRaw.value) throw new Error(`exact visitors: ${exact.value} from the visitor days, ${exactRaw.value} from the raw visits`);
  console.log(`\nexact visitors ${exact.value.toLocaleString('en')} (visitor days = raw), sketch ${approximate.value.toLocaleString('en')} (${(((approximate.value - exact.value) / exact.value) * 100).toFixed(2)} %)`);
}

/** p50 of three runs (one run of a query of ~0.5–3 s moved by a third with the host's load) and the answer's value. */
async function timeThrice(run: () => Promise<{ value: number | null }>) {
  const times: number[] = [];
  let value = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    value = (await run()).value ?? 0;
    times.push(performance.now() - started);
  }
  return { ms: percentiles(times).p50, value };
}

function percentiles(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95) };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
