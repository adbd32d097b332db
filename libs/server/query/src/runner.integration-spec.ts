import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparisonRange } from '@amanah/calendar';
import { findMetric } from '@amanah/metrics';
import { recordDataChange, runWithWork, WorkRefusedError } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { resolveRange } from './input.js';
import { QueryRunner } from './runner.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let runner: QueryRunner;

const m = (id: string) => findMetric(id)!;
const r = (from: string, to: string) => resolveRange({ from, to }, '2025-01-01');

beforeAll(async () => {
  store = await openTestStore();
  runner = new QueryRunner(store);
  await store.insert('office_visits', [
    { ts: '2023-02-01 09:00:00', amanah: 'tabuk', office: 'hq', with_appointment: false, service: 'licenses' },
    { ts: '2023-02-02 10:00:00', amanah: 'tabuk', office: 'hq', with_appointment: true, service: 'licenses' },
    { ts: '2023-03-05 11:00:00', amanah: 'tabuk', office: 'hq', with_appointment: false, service: 'permits' },
    { ts: '2023-06-30 23:59:59', amanah: 'tabuk', office: 'hq', with_appointment: false, service: 'permits' },
    { ts: '2024-01-01 00:00:00', amanah: 'tabuk', office: 'hq', with_appointment: true, service: 'licenses' },
    { ts: '2024-07-01 00:00:00', amanah: 'tabuk', office: 'hq', with_appointment: true, service: 'licenses' },
    { ts: '2024-03-01 08:00:00', amanah: 'jeddah', office: 'north', with_appointment: true, service: 'licenses' },
  ]);
  await store.insert('service_requests', [
    { request_id: 'r1', submitted_at: '2024-01-01 08:00:00', amanah: 'jeddah', service: 'registration', channel: 'portal', status: 'completed', completed_at: '2024-01-01 10:00:00' },
    { request_id: 'r2', submitted_at: '2024-01-02 08:00:00', amanah: 'jeddah', service: 'registration', channel: 'office', status: 'completed', completed_at: '2024-01-02 12:00:00' },
    { request_id: 'r3', submitted_at: '2024-01-03 08:00:00', amanah: 'jeddah', service: 'payment', channel: 'balady', status: 'in_progress', completed_at: null },
    { request_id: 'r4', submitted_at: '2024-01-04 08:00:00', amanah: 'jeddah', service: 'payment', channel: 'portal', status: 'completed', completed_at: '2024-01-05 08:00:00' },
  ]);
  await store.insert('social_stats', [
    { day: '2024-01-10', amanah: 'jeddah', platform: 'twitter', followers: 1000, impressions: 5, views: 0, engagements: 1, posts: 1 },
    { day: '2024-02-10', amanah: 'jeddah', platform: 'twitter', followers: 1200, impressions: 7, views: 0, engagements: 1, posts: 1 },
    { day: '2024-01-15', amanah: 'jeddah', platform: 'instagram', followers: 300, impressions: 2, views: 0, engagements: 1, posts: 1 },
    { day: '2024-03-20', amanah: 'jeddah', platform: 'instagram', followers: 350, impressions: 1, views: 0, engagements: 1, posts: 1 },
  ]);
});
afterAll(() => store?.dispose());

describe('QueryRunner on real chDB', () => {
  it('heatmap: weekday 0 = Sunday, hours in Riyadh time, all 168 cells', async () => {
    const visit = { amanah: 'riyadh', channel: 'web', visitor_id: 'v', session_id: 's', page: '/', device: 'mobile', source: 'direct' };
    await store.insert('portal_visits', [
      { ...visit, ts: '2024-08-11 10:15:00' }, // a Sunday
      { ...visit, ts: '2024-08-17 23:59:00' }, // a Saturday
      { ...visit, ts: '2024-08-17 23:30:00' },
    ]);
    const { cells } = await runner.heatmap({ metric: m('portal.visits'), range: r('2024-08-01', '2024-08-31'), filters: [] });
    expect(cells).toHaveLength(168);
    expect(cells.filter((c) => c.value > 0)).toEqual([{ weekday: 0, hour: 10, value: 1 }, { weekday: 6, hour: 23, value: 2 }]);
  });

  it('kpi with the same period last year: the Tabuk shape, Riyadh days at both ends', async () => {
    const kpi = await runner.kpi(
      { metric: m('office.visits'), range: r('2024-01-01', '2024-06-30'), filters: [{ dimension: 'amanah', values: ['tabuk'] }] },
      'SAME_PERIOD_LAST_YEAR',
    );
    expect(kpi).toMatchObject({ value: 1, previous: 4, change: -3, changePct: -75, previousRange: { from: '2023-01-01', to: '2023-06-30' } });
    expect(kpi.provenance).toMatchObject({ source: 'rollup', table: 'office_visits_monthly', exact: true });
    expect(kpi.asOf).toBe('2024-01-01');
  });

  it('rollup and raw agree', async () => {
    const query = { metric: m('office.appointment_share'), range: r('2023-01-01', '2024-12-31'), filters: [] };
    const viaRollup = await runner.kpi(query, 'NONE');
    const viaRaw = await runner.kpi({ ...query, forceRaw: true }, 'NONE');
    expect(viaRollup.provenance.source).toBe('rollup');
    expect(viaRaw.provenance.source).toBe('raw');
    expect(viaRollup.value).toBeCloseTo((4 / 7) * 100, 10);
    expect(viaRaw.value).toBeCloseTo(viaRollup.value!, 10);
  });

  it('median completion hours is the exact median; completion rate and digital share in percent', async () => {
    const query = { metric: m('services.median_completion_hours'), range: r('2024-01-01', '2024-01-31'), filters: [] };
    expect((await runner.kpi(query, 'NONE')).value).toBe(4); // 2 h, 4 h, 24 h
    expect((await runner.kpi({ ...query, metric: m('services.completion_rate') }, 'NONE')).value).toBe(75);
    expect((await runner.kpi({ ...query, metric: m('services.digital_share') }, 'NONE')).value).toBe(75);
  });

  it('series are zero-filled, every bucket present', async () => {
    const series = await runner.series(
      { metric: m('office.visits'), range: r('2023-01-01', '2023-06-30'), filters: [{ dimension: 'amanah', values: ['tabuk'] }] },
      'MONTH',
    );
    expect(series.series).toHaveLength(1);
    expect(series.series[0]!.points).toEqual([
      { date: '2023-01-01', value: 0 }, { date: '2023-02-01', value: 2 }, { date: '2023-03-01', value: 1 },
      { date: '2023-04-01', value: 0 }, { date: '2023-05-01', value: 0 }, { date: '2023-06-01', value: 1 },
    ]);
  });

  it('breakdown shares add up to 100, with the limit folded into "other"', async () => {
    const result = await runner.breakdown(
      { metric: m('services.requests'), range: r('2024-01-01', '2024-01-31'), filters: [] },
      'channel',
      { limit: 1 },
    );
    expect(result.items.map((i) => [i.key, i.value])).toEqual([['portal', 2], ['__other__', 2]]);
    expect(result.items.reduce((s, i) => s + i.share!, 0)).toBeCloseTo(100, 10);
  });

  it('followers are a level: the last value per platform, summed, carried through months without a new value', async () => {
    const total = await runner.kpi({ metric: m('social.followers'), range: r('2024-01-01', '2024-02-29'), filters: [] }, 'NONE');
    expect(total.value).toBe(1200 + 300);
    const series = await runner.series({ metric: m('social.followers'), range: r('2024-02-01', '2024-04-30'), filters: [] }, 'MONTH');
    expect(series.series[0]!.points.map((p) => p.value)).toEqual([1500, 1550, 1550]);
    const byPlatform = await runner.breakdown({ metric: m('social.followers'), range: r('2024-01-01', '2024-12-31'), filters: [] }, 'platform');
    expect(byPlatform.items.map((i) => [i.key, i.value])).toEqual([['twitter', 1200], ['instagram', 350]]);
  });

  it('ranking orders amanahs by the metric direction (fewer office visits rank first)', async () => {
    const ranking = await runner.ranking({ metric: m('office.visits'), range: r('2024-01-01', '2024-12-31'), filters: [] }, 'PREVIOUS_PERIOD');
    expect(ranking.items.map((i) => [i.amanah, i.value, i.rank])).toEqual([['jeddah', 1, 1], ['tabuk', 2, 2]]);
  });

  it('the scope of a key filters every answer', async () => {
    const kpi = await runner.kpi({ metric: m('office.visits'), range: r('2024-01-01', '2024-12-31'), filters: [], scope: ['jeddah'] }, 'NONE');
    expect(kpi.value).toBe(1);
  });

  it('a comparison period read with the range (rows grouped by period) answers what each period asked alone does, overlapping or empty', async () => {
    const tabuk = [{ dimension: 'amanah' as const, values: ['tabuk'] }];
    const alone = async (from: string, to: string, filters = tabuk) => (await runner.kpi({ metric: m('office.visits'), range: r(from, to), filters }, 'NONE')).value;
    // Two years against the same two years a year earlier: 2023 is in both periods, and counts in each.
    const twoYears = { metric: m('office.visits'), range: r('2023-01-01', '2024-12-31'), filters: tabuk };
    const overlapping = await runner.kpi(twoYears, 'SAME_PERIOD_LAST_YEAR');
    expect(overlapping).toMatchObject({ value: 6, previous: 4, previousRange: { from: '2022-01-01', to: '2023-12-31' }, asOf: '2024-07-01' });
    expect([overlapping.value, overlapping.previous]).toEqual([await alone('2023-01-01', '2024-12-31'), await alone('2022-01-01', '2023-12-31')]);
    const byAmanah = await runner.breakdown({ ...twoYears, filters: [] }, 'amanah', { compare: 'SAME_PERIOD_LAST_YEAR' });
    expect(byAmanah.items.map(({ key, value, previous }) => ({ key, value, previous }))).toEqual([
      { key: 'tabuk', value: 6, previous: 4 },
      { key: 'jeddah', value: 1, previous: 0 },
    ]);
    // A member with rows in the comparison period only is still a member (its value over no rows: 0; a share: none).
    const h1 = await runner.breakdown({ metric: m('office.visits'), range: r('2024-07-01', '2024-12-31'), filters: [] }, 'amanah', { compare: 'PREVIOUS_PERIOD' });
    expect(h1.items.map(({ key, value, previous }) => ({ key, value, previous }))).toEqual([
      { key: 'jeddah', value: 0, previous: 1 },
      { key: 'tabuk', value: 1, previous: 1 },
    ].sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1)));
    const shares = await runner.breakdown({ metric: m('office.appointment_share'), range: r('2024-07-01', '2024-12-31'), filters: [] }, 'amanah', { compare: 'PREVIOUS_PERIOD' });
    expect(shares.items.find((item) => item.key === 'jeddah')).toMatchObject({ value: null, previous: 100 });
    // Neither period has a row: the card still has its row, as each period's aggregate over no rows.
    const empty = { metric: m('office.visits'), range: r('2019-01-01', '2019-12-31'), filters: [] };
    const [kpi, series] = await Promise.all([runner.kpi(empty, 'PREVIOUS_PERIOD'), runner.series(empty, 'MONTH')]);
    expect(kpi).toMatchObject({ value: 0, previous: 0, change: 0, changePct: null, asOf: null });
    expect(series.series[0]!.points.every((point) => point.value === 0)).toBe(true);
    const noShare = await runner.kpi({ ...empty, metric: m('office.appointment_share') }, 'PREVIOUS_PERIOD');
    expect(noShare).toMatchObject({ value: null, previous: null, asOf: null });
  });

  it("a KPI card's value and sparkline asked together are one query, with the answers they have apart", async () => {
    const cases = [
      { metric: m('office.visits'), range: r('2023-01-01', '2024-12-31'), filters: [] }, // whole months: monthly rollup
      { metric: m('office.visits'), range: r('2023-01-01', '2024-12-31'), filters: [], granularity: 'DAY' as const },
      { metric: m('services.digital_share'), range: r('2024-01-01', '2024-01-20'), filters: [] }, // days: daily rollup
      { metric: m('services.median_completion_hours'), range: r('2024-01-01', '2024-03-31'), filters: [] },
      { metric: m('services.median_completion_hours'), range: r('2024-01-01', '2024-03-31'), filters: [], approximate: true },
      { metric: m('portal.daily_avg_visits'), range: r('2024-08-01', '2024-09-30'), filters: [] },
    ];
    const apart = new QueryRunner(store, { cache: false });
    let queries = 0;
    // Queries reaching ClickHouse: a batch is one statement whose branches are the queries.
    const counting = Object.assign(Object.create(store) as TestStore, {
      select: (...args: Parameters<TestStore['select']>) => ((queries += args[0].match(/^SELECT \d+ AS q,/gm)?.length ?? 1), store.select(...args)),
    });
    const fused = new QueryRunner(counting, { cache: false });
    // The same year a year earlier overlaps a two-year range: a row of 2023 is read in both periods (arrayJoin).
    for (const { granularity = 'MONTH', ...query } of cases) for (const compare of ['PREVIOUS_PERIOD', 'SAME_PERIOD_LAST_YEAR'] as const) {
      const kpi = await apart.kpi(query, compare);
      const series = await apart.series(query, granularity);
      queries = 0;
      const [kpiTogether, seriesTogether] = await Promise.all([fused.kpi(query, compare), fused.series(query, granularity)]);
      expect(queries, `${query.metric.id} ${compare}`).toBe(1);
      expect({ ...kpiTogether, provenance: undefined }, `${query.metric.id} ${compare}`).toEqual({ ...kpi, provenance: undefined });
      expect(seriesTogether.series, `${query.metric.id} ${compare}`).toEqual(series.series);
      expect(kpiTogether.provenance.table).toBe(seriesTogether.provenance.table);
      const previousAlone = await apart.kpi({ ...query, range: r(kpi.previousRange!.from, kpi.previousRange!.to) }, 'NONE');
      expect(kpiTogether.previous, `${query.metric.id} ${compare}`).toEqual(previousAlone.value);
    }
    // A level's series carries levels forward: its KPI and sparkline stay two queries.
    const followers = { metric: m('social.followers'), range: r('2024-01-01', '2024-03-31'), filters: [] };
    queries = 0;
    const [level, levels] = await Promise.all([fused.kpi(followers, 'NONE'), fused.series(followers, 'MONTH')]);
    expect(queries).toBe(2);
    expect(level.value).toBe(1550);
    expect(levels.series[0]!.points.map((p) => p.value)).toEqual([1300, 1500, 1550]);
  });

  it("a KPI card's comparison sparkline asked with the card is in the card's one query, with the answer it has apart", async () => {
    const cases = [
      { metric: m('office.visits'), range: r('2024-01-01', '2024-12-31'), filters: [] }, // whole months: monthly rollup
      // January is in both periods (the comparison ends on the 14th): its bucket holds both periods' parts.
      { metric: m('office.visits'), range: r('2024-01-15', '2024-03-20'), filters: [] },
      { metric: m('services.digital_share'), range: r('2024-01-15', '2024-03-20'), filters: [] }, // a ratio, no data in the range
      // The first quarter holds February (the comparison, no visits) and March (the range, one visit).
      { metric: m('office.visits'), range: r('2024-03-01', '2024-03-31'), filters: [], granularity: 'QUARTER' as const },
      { metric: m('services.median_completion_hours'), range: r('2024-01-03', '2024-01-31'), filters: [] },
      { metric: m('services.median_completion_hours'), range: r('2024-02-01', '2024-03-31'), filters: [], approximate: true },
      { metric: m('portal.daily_avg_visits'), range: r('2024-09-01', '2024-10-31'), filters: [], granularity: 'WEEK' as const },
      { metric: m('office.visits'), range: r('2024-01-01', '2024-06-30'), filters: [{ dimension: 'amanah' as const, values: ['tabuk'] }], compare: 'SAME_PERIOD_LAST_YEAR' as const },
    ];
    const apart = new QueryRunner(store, { cache: false });
    let queries = 0;
    const counting = Object.assign(Object.create(store) as TestStore, {
      select: (...args: Parameters<TestStore['select']>) => ((queries += args[0].match(/^SELECT \d+ AS q,/gm)?.length ?? 1), store.select(...args)),
    });
    const fused = new QueryRunner(counting, { cache: false });
    for (const { granularity = 'MONTH', compare = 'PREVIOUS_PERIOD', ...query } of cases) {
      const previous = comparisonRange(query.range, compare)!;
      const alone = await apart.series({ ...query, range: previous }, granularity);
      queries = 0;
      const [, comparison] = await Promise.all([
        fused.kpi(query, compare),
        fused.comparisonSeries(query, previous, granularity),
        fused.series(query, granularity),
      ]);
      expect(queries, query.metric.id).toBe(1);
      expect({ ...comparison, provenance: undefined }, `${query.metric.id} ${query.range.from}`).toEqual({ ...alone, provenance: undefined });
      expect(comparison.provenance.asOf, query.metric.id).toBe(alone.provenance.asOf);
      expect(comparison.range).toEqual(previous);
    }
    // Without its card in the batch, the comparison is a query of its own.
    const query = cases[1]!;
    queries = 0;
    const previous = comparisonRange(query.range, 'PREVIOUS_PERIOD')!;
    const comparison = await fused.comparisonSeries(query, previous, 'MONTH');
    expect(queries).toBe(1);
    expect(comparison.series).toEqual((await apart.series({ ...query, range: previous }, 'MONTH')).series);
  });

  it('queries of one batch over the same rows are one query (grouping sets), each with the answer it has apart', async () => {
    // A request of 2023 only, by a channel 2024 has not: a scan of 2024 alone read over both years must not answer it.
    await store.insert('service_requests', [
      { request_id: 'r0', submitted_at: '2023-05-01 08:00:00', amanah: 'jeddah', service: 'payment', channel: 'kiosk', status: 'completed', completed_at: '2023-05-01 09:00:00' },
    ]);
    const apart = new QueryRunner(store, { cache: false });
    let queries = 0;
    const counting = Object.assign(Object.create(store) as TestStore, {
      select: (...args: Parameters<TestStore['select']>) => ((queries += args[0].match(/^SELECT \d+ AS q,/gm)?.length ?? 1), store.select(...args)),
    });
    const fused = new QueryRunner(counting, { cache: false });
    const year = r('2024-01-01', '2024-12-31'); // whole months: the lean monthly rollup of service requests
    const days = r('2024-01-02', '2024-01-20'); // days: the daily rollup
    const asks = (runner: QueryRunner) => [
      // One query over the lean monthly rows of both periods: three cards (one with its sparkline), two breakdowns,
      // and, read over both periods too (Scan.widened), a series by member and a total of the range alone.
      () => runner.kpi({ metric: m('services.requests'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      () => runner.series({ metric: m('services.requests'), range: year, filters: [] }, 'MONTH'),
      () => runner.kpi({ metric: m('services.digital_share'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      () => runner.kpi({ metric: m('services.completion_rate'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      () => runner.breakdown({ metric: m('services.requests'), range: year, filters: [] }, 'channel', { compare: 'PREVIOUS_PERIOD' }),
      () => runner.ranking({ metric: m('services.digital_share'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      () => runner.series({ metric: m('services.requests'), range: year, filters: [] }, 'QUARTER', 'channel'),
      () => runner.kpi({ metric: m('services.requests'), range: year, filters: [] }, 'NONE'),
      // One query over the duration rows of both periods: an exact median's card, and its breakdown of the range alone.
      () => runner.breakdown({ metric: m('services.median_completion_hours'), range: year, filters: [] }, 'channel'),
      () => runner.kpi({ metric: m('services.median_completion_hours'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      // One query over the daily rows: two cards by Hijri month (each its own `hbuckets`) and a breakdown.
      () => runner.kpi({ metric: m('services.digital_share'), range: days, filters: [] }, 'NONE'),
      () => runner.series({ metric: m('services.digital_share'), range: days, filters: [] }, 'HIJRI_MONTH'),
      () => runner.kpi({ metric: m('services.completion_rate'), range: days, filters: [] }, 'NONE'),
      () => runner.series({ metric: m('services.completion_rate'), range: days, filters: [] }, 'HIJRI_MONTH'),
      () => runner.breakdown({ metric: m('services.requests'), range: days, filters: [] }, 'status'),
      // Other rows: a query of their own each.
      () => runner.kpi({ metric: m('services.requests'), range: days, filters: [{ dimension: 'channel', values: ['portal'] }] }, 'NONE'),
      () => runner.kpi({ metric: m('services.median_completion_hours'), range: year, filters: [], approximate: true }, 'PREVIOUS_PERIOD'),
    ];
    const alone: unknown[] = [];
    for (const ask of asks(apart)) alone.push(await ask());
    queries = 0;
    const together = await Promise.all(asks(fused).map((ask) => ask()));
    expect(queries).toBe(5);
    together.forEach((answer, i) => expect(answer, `ask ${i}`).toEqual(alone[i]));
    expect((together[0] as { value: number }).value).toBe(4);
    expect((together[0] as { previous: number }).previous).toBe(1);
    for (const i of [6, 8]) expect(JSON.stringify(together[i])).not.toContain('kiosk');
    expect(JSON.stringify(alone[4])).toContain('kiosk'); // the breakdown with a comparison lists it (previous 1)
  });

  it('a statement of monthly rollups only runs without the engine\'s plan optimizations, on one thread (the same answers); others keep them', async () => {
    const settings: unknown[] = [];
    const noting = Object.assign(Object.create(store) as TestStore, {
      select: (...args: Parameters<TestStore['select']>) => (settings.push(args[2]), store.select(...args)),
    });
    const year = r('2024-01-01', '2024-12-31');
    const asks = (runner: QueryRunner) =>
      Promise.all([
        runner.kpi({ metric: m('services.requests'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
        runner.series({ metric: m('services.requests'), range: year, filters: [] }, 'MONTH'),
        runner.kpi({ metric: m('office.visits'), range: year, filters: [] }, 'PREVIOUS_PERIOD'),
      ]);
    const monthly = await asks(new QueryRunner(noting, { cache: false }));
    expect(settings).toEqual([{ query_plan_enable_optimizations: 0, max_threads: 1 }]);
    expect(monthly).toEqual(await asks(new QueryRunner(store, { cache: false })));
    settings.length = 0;
    // By day: the daily rollup.
    await new QueryRunner(noting, { cache: false }).series({ metric: m('office.visits'), range: year, filters: [] }, 'DAY');
    expect(settings).toEqual([{}]);
  });

  it('a recorded data change moves the data version and drops cached answers, in every runner over the store', async () => {
    const query = { metric: m('office.visits'), range: r('2025-01-01', '2025-01-31'), filters: [] };
    const other = new QueryRunner(store); // another API process over the same store
    const before = await runner.kpi(query, 'NONE');
    expect(before.value).toBe(0);
    expect((await other.kpi(query, 'NONE')).value).toBe(0);
    await store.insert('office_visits', [{ ts: '2025-01-05 09:00:00', amanah: 'hail', office: 'hq', with_appointment: true, service: 'x' }]);
    expect((await runner.kpi(query, 'NONE')).value).toBe(0); // cached: nothing recorded a change
    await recordDataChange(store, 'manual', 'runner test');
    for (const each of [runner, other]) {
      const fresh = await each.kpi(query, 'NONE');
      expect(fresh.value).toBe(1);
      expect(fresh.provenance.dataVersion).toBe(before.provenance.dataVersion + 1);
    }
  });
});

describe('requests, as the API runs them (each in its WorkContext)', () => {
  const spent = () => {
    throw new WorkRefusedError('COST_BUDGET', 'this key has spent its budget', 3);
  };

  it('a refusal is the answer of the request it is for, even when another request asked the same query at once', async () => {
    const fresh = new QueryRunner(store);
    const query = { metric: m('office.visits'), range: r('2023-01-01', '2023-12-31'), filters: [] };
    const refused = runWithWork({ lane: 'spender', kind: 'read', charge: spent }, () => fresh.kpi(query, 'NONE'));
    const answered = runWithWork({ lane: 'other', kind: 'read' }, () => fresh.kpi(query, 'NONE'));
    await expect(refused).rejects.toMatchObject({ code: 'COST_BUDGET' });
    expect((await answered).value).toBe(4);
  });

  it('a request above the cost ceiling is refused before any of its queries runs, naming the costliest', async () => {
    const strict = new QueryRunner(store, { maxRequestCostMs: 1.5 });
    const query = { metric: m('office.visits'), range: r('2023-01-01', '2023-12-31'), filters: [] };
    const answer = runWithWork({ lane: 'a', kind: 'read' }, () => Promise.all([strict.kpi(query, 'NONE'), strict.kpi({ ...query, range: r('2024-01-01', '2024-12-31') }, 'NONE')]));
    await expect(answer).rejects.toMatchObject({ code: 'COST_LIMIT', message: expect.stringMatching(/office\.visits/) });
    // Work outside requests (start-up, the CLI) is not priced.
    expect((await strict.kpi(query, 'NONE')).value).toBe(4);
  });
});
