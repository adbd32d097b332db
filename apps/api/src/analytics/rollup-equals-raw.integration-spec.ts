import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toDayNumber, fromDayNumber } from '@amanah/calendar';
import { AMANAH_IDS } from '@amanah/domain';
import { allowedValues, METRICS, type MetricDefinition } from '@amanah/metrics';
import { planQuery, QueryRunner, type Filter, type MetricQuery } from '@amanah/query';
import { DEMO_WINDOW } from '@amanah/seed';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';

// Every metric a daily rollup (or a monthly or lean monthly one, or a duration table) answers must give the same number from the rollup as from the raw events, for any
// range, amanahs and filters. The cases are drawn at random from a fixed seed, so a failure always reproduces.
let store: SeededTestStore;
let runner: QueryRunner;

beforeAll(async () => {
  store = await openSeededTestStore();
  runner = new QueryRunner(store, { cache: false });
});
afterAll(() => store?.dispose());

/** mulberry32: a tiny seeded generator, enough to draw test cases reproducibly. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drawCase(metric: MetricDefinition, next: () => number): MetricQuery {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const first = toDayNumber(DEMO_WINDOW.from);
  const last = toDayNumber(DEMO_WINDOW.to);
  let from = fromDayNumber(first + Math.floor(next() * (last - first)));
  let to = addDays(from, Math.floor(next() * Math.min(800, last - toDayNumber(from))));
  if (next() < 0.5) {
    // whole months, so the monthly rollups are checked as well as the daily ones
    from = `${from.slice(0, 8)}01`;
    to = addDays(`${addDays(`${to.slice(0, 8)}01`, 32).slice(0, 8)}01`, -1);
  }
  const filters: Filter[] = [];
  if (next() < 0.7) filters.push({ dimension: 'amanah', values: [pick(AMANAH_IDS), pick(AMANAH_IDS)] });
  const other = metric.dimensions.filter((d) => d !== 'amanah' && allowedValues(d, metric.dataset));
  if (other.length && next() < 0.7) {
    const dimension = pick(other);
    filters.push({ dimension, values: [pick(allowedValues(dimension, metric.dataset)!)] });
  }
  return { metric, range: { from, to }, filters };
}

const tables = new Set<string>();
afterAll(() => {
  // the random cases reached the daily and the monthly rollups (and the duration tables)
  expect([...tables].filter((t) => t.includes('_monthly + ')).length).toBeGreaterThan(5);
  expect([...tables].filter((t) => /^\w+_daily$/.test(t)).length).toBeGreaterThan(0);
  expect([...tables].filter((t) => /^\w+_monthly$/.test(t)).length).toBeGreaterThan(0);
  // and the lean monthly rollups (migration 0100), which the planner prefers when a query touches only their columns
  expect([...tables].filter((t) => t.startsWith('service_requests_lean_monthly')).length).toBeGreaterThan(0);
  expect([...tables].filter((t) => t.startsWith('citizen_reports_lean_monthly')).length).toBeGreaterThan(0);
});

const rollupMetrics = [...METRICS.values()].filter(
  (metric) => planQuery({ metric, range: { from: '2024-01-01', to: '2024-01-31' }, filters: [] }, { kind: 'total' }).source === 'rollup',
);

describe('rollup = raw', () => {
  it('covers every metric that has a rollup', () => {
    expect(rollupMetrics.map((m) => m.id).sort()).toEqual([
      'archive.attachments', 'archive.documents', 'licenses.issued', 'notifications.sent', 'office.appointment_share',
      'office.visits', 'participations.count', 'portal.daily_avg_visits', 'portal.visitors', 'portal.visits', 'reports.received',
      'reports.median_resolution_hours', 'reports.resolved_share', 'services.completion_rate', 'services.digital_share',
      'services.median_completion_hours', 'services.requests', 'support.tickets',
    ].sort());
  });

  it.each(rollupMetrics.map((m) => [m.id, m] as const))('%s: totals, breakdowns and series on 6 random cases', async (_id, metric) => {
    const next = random(metric.id.length * 7919);
    for (let i = 0; i < 6; i++) {
      const drawn = drawCase(metric, next);
      // The visitor-days table keeps amanah only: other filters read the raw visits (see the exact visitors below).
      const resolved = metric.aggregate.fn === 'distinct' ? { ...drawn, filters: drawn.filters.filter((f) => f.dimension === 'amanah') } : drawn;
      const label = `${metric.id} ${JSON.stringify(resolved.range)} ${JSON.stringify(resolved.filters)}`;
      const [viaRollup, viaRaw] = await Promise.all([runner.kpi(resolved, 'NONE'), runner.kpi({ ...resolved, forceRaw: true }, 'NONE')]);
      expect(viaRollup.provenance.source, label).toBe('rollup');
      tables.add(viaRollup.provenance.table);
      expect(viaRaw.provenance.source, label).toBe('raw');
      if (viaRaw.value === null) expect(viaRollup.value, label).toBeNull();
      else expect(viaRollup.value, label).toBeCloseTo(viaRaw.value, 9);

      const dimension = metric.dimensions[i % metric.dimensions.length]!;
      const [byRollup, byRaw] = await Promise.all([
        runner.breakdown(resolved, dimension),
        runner.breakdown({ ...resolved, forceRaw: true }, dimension),
      ]);
      expect(byRollup.items.map((item) => [item.key, item.value]), `${label} by ${dimension}`).toEqual(
        byRaw.items.map((item) => [item.key, expect.closeTo(item.value!, 9)]),
      );

      const [seriesRollup, seriesRaw] = await Promise.all([
        runner.series(resolved, 'MONTH'),
        runner.series({ ...resolved, forceRaw: true }, 'MONTH'),
      ]);
      expect(seriesRollup.series[0]!.points.map((p) => p.value), label).toEqual(
        seriesRaw.series[0]!.points.map((p) => (p.value === null ? null : expect.closeTo(p.value, 9))),
      );
    }
  });
});

describe('approximate medians (duration histograms) are within their bound of the exact ones', () => {
  const medianMetrics = [...METRICS.values()].filter((metric) => metric.aggregate.fn === 'median_hours');

  it.each(medianMetrics.map((m) => [m.id, m] as const))('%s: totals and monthly series on 6 random cases', async (_id, metric) => {
    expect(medianMetrics).toHaveLength(2);
    const next = random(metric.id.length * 104729);
    const approximateTables = new Set<string>();
    const errors: number[] = [];
    // Six random cases, and two over every amanah (whole months, and months with days around them).
    const everywhere = [{ from: '2024-01-01', to: '2024-12-31' }, { from: '2024-02-10', to: '2024-11-20' }].map((range) => ({ metric, range, filters: [] as Filter[] }));
    for (let i = 0; i < 8; i++) {
      // The histogram keeps amanah only: other filters read the exact durations.
      const drawn = i < 6 ? drawCase(metric, next) : everywhere[i - 6]!;
      const resolved = { ...drawn, filters: drawn.filters.filter((f) => f.dimension === 'amanah') };
      const label = `${metric.id} ${JSON.stringify(resolved.range)} ${JSON.stringify(resolved.filters)}`;
      // The bound (2 %) holds against a middle duration; with an even count the exact median is the mean of the two
      // middle ones, which differ by seconds on thousands of durations: a minute of slack covers that.
      const close = (approximate: number | null, exact: number | null) => {
        if (exact === null) return expect(approximate, label).toBeNull();
        expect(Math.abs(approximate! - exact), `${label}: ${approximate} vs ${exact}`).toBeLessThanOrEqual(exact * 0.02 + 1 / 60);
        errors.push(Math.abs(approximate! - exact) / exact);
      };
      const [approximate, exact] = await Promise.all([
        runner.kpi({ ...resolved, approximate: true }, 'PREVIOUS_PERIOD'),
        runner.kpi({ ...resolved, forceRaw: true }, 'PREVIOUS_PERIOD'),
      ]);
      if (approximate.provenance.table !== 'service_completions' && approximate.provenance.table !== 'report_resolutions') {
        expect(approximate.provenance, label).toMatchObject({ exact: false, relativeErrorPct: 2 });
        approximateTables.add(approximate.provenance.table);
      }
      close(approximate.value, exact.value);
      close(approximate.previous, exact.previous);
      if (resolved.filters.length === 0 && approximate.provenance.table.includes('_histogram')) {
        // The lean histogram (no amanah, migration 0120) holds the same counts summed over amanahs: the same median as
        // the histogram by amanah, which a filter on every amanah reads.
        const everyAmanah = await runner.kpi({ ...resolved, filters: [{ dimension: 'amanah', values: AMANAH_IDS }], approximate: true }, 'PREVIOUS_PERIOD');
        expect(approximate.provenance.table, label).toMatch(/_lean_histogram\b/);
        expect(everyAmanah.provenance.table, label).not.toMatch(/_lean_histogram\b/);
        expect([approximate.value, approximate.previous], label).toEqual([everyAmanah.value, everyAmanah.previous]);
        approximateTables.add(everyAmanah.provenance.table);
      }

      const [seriesApproximate, seriesExact] = await Promise.all([
        runner.series({ ...resolved, approximate: true }, 'QUARTER'),
        runner.series({ ...resolved, forceRaw: true }, 'QUARTER'),
      ]);
      seriesExact.series[0]!.points.forEach((point, j) => close(seriesApproximate.series[0]!.points[j]!.value, point.value));
    }
    // Interpolating within the bucket does far better than the bound, except on a handful of durations: the median
    // error stays under 0.2 % (the bucket's centre alone would give about 0.5 %).
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.002);
    // The cases reached the histogram alone (whole months) and the histogram with the days around it, by amanah and lean.
    expect([...approximateTables].some((t) => t.endsWith('_histogram')), [...approximateTables].join()).toBe(true);
    expect([...approximateTables].some((t) => t.includes('_histogram + ')), [...approximateTables].join()).toBe(true);
    expect([...approximateTables].some((t) => /_lean_histogram\b/.test(t)), [...approximateTables].join()).toBe(true);
    expect([...approximateTables].some((t) => /(?<!_lean)_histogram\b/.test(t)), [...approximateTables].join()).toBe(true);
  });
});

describe('exact distinct visitors from the visitor-days table = uniqExact over the raw visits', () => {
  const visitors = METRICS.get('portal.visitors')!;
  // Visitors who visit several amanahs, on several days, twice a day: a distinct count must count each once.
  const travellers = Array.from({ length: 400 }, (_, i) => ({
    ts: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`,
    amanah: AMANAH_IDS[i % 5]!, channel: 'web', visitor_id: `traveller-${i % 37}`, session_id: `ts${i}`, page: '/', device: 'mobile', source: 'direct',
    ingest_batch: 'traveller-test',
  }));

  beforeAll(async () => {
    await store.insert('portal_visits', [...travellers, ...travellers.map((row) => ({ ...row, ts: row.ts.replace(/ \d\d:/, ' 23:') }))]);
  });

  // A range shorter than a month reads the raw visits (visitor-days.ts MIN_DAYS): `shortRange` says it.
  const cases: Array<{ range: { from: string; to: string }; amanahs?: string[]; shortRange?: true }> = [
    { range: { from: '2024-01-01', to: '2025-12-31' } },
    { range: { from: '2024-03-05', to: '2024-04-04' } },
    { range: { from: '2024-03-05', to: '2024-03-05' }, shortRange: true },
    { range: { from: '2024-02-11', to: '2024-09-17' }, amanahs: AMANAH_IDS.slice(0, 3) },
    { range: { from: '2023-06-01', to: '2024-06-30' }, amanahs: [AMANAH_IDS[1]!] },
    { range: { from: '2022-12-10', to: '2023-01-20' }, amanahs: [AMANAH_IDS[4]!, AMANAH_IDS[16]!] },
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: totals with the previous period, and by amanah', async (_label, c) => {
    const query = { metric: visitors, range: c.range, filters: c.amanahs ? [{ dimension: 'amanah' as const, values: c.amanahs }] : [] };
    const [viaTable, viaRaw] = await Promise.all([runner.kpi(query, 'PREVIOUS_PERIOD'), runner.kpi({ ...query, forceRaw: true }, 'PREVIOUS_PERIOD')]);
    expect(viaTable.provenance).toMatchObject(c.shortRange ? { source: 'raw', exact: true } : { source: 'rollup', table: 'portal_visitor_days', exact: true });
    expect(viaRaw.provenance.source).toBe('raw');
    expect(viaTable.value).toBeGreaterThan(0);
    expect([viaTable.value, viaTable.previous]).toEqual([viaRaw.value, viaRaw.previous]);
    // Its own uniqExact over the raw strings, as the number to match.
    const [raw] = await store.select<{ n: number }>(
      `SELECT uniqExact(visitor_id) AS n FROM portal_visits WHERE toDate(ts) BETWEEN {from:Date} AND {to:Date}${c.amanahs ? ' AND amanah IN {amanahs:Array(String)}' : ''}`,
      { ...c.range, amanahs: c.amanahs ?? [] },
    );
    expect(viaTable.value).toBe(Number(raw!.n));

    const [byTable, byRaw] = await Promise.all([runner.breakdown(query, 'amanah'), runner.breakdown({ ...query, forceRaw: true }, 'amanah')]);
    expect(byTable.items.length).toBeGreaterThan(0);
    expect(byTable.items.map((item) => [item.key, item.value])).toEqual(byRaw.items.map((item) => [item.key, item.value]));
  });

  it('counts a visitor who visited several amanahs once across them, and once in each', async () => {
    const range = { from: '2024-01-01', to: '2024-12-31' };
    const five = AMANAH_IDS.slice(0, 5);
    const count = async (forceRaw: boolean, amanahs: readonly string[]) =>
      (await runner.kpi({ metric: visitors, range, filters: [{ dimension: 'amanah', values: amanahs }], forceRaw }, 'NONE')).value;
    const together = await count(false, five);
    expect(together).toBe(await count(true, five));
    const apart = await Promise.all(five.map((amanah) => count(false, [amanah])));
    // The travellers are counted in each amanah they visited, so the amanahs apart add up to more than together.
    expect(apart.reduce((a, b) => a! + b!, 0)).toBeGreaterThan(together!);
  });
});
