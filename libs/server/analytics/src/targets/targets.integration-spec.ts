import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@amanah/access';
import { addDays } from '@amanah/calendar';
import { openTestStore } from '@amanah/store/testing';
import { createAnalytics } from '../create-analytics.js';
import { analyticsFailure as failure, REPO_DASHBOARDS_DIR } from '../testing/index.js';

// In-person visits per day for riyadh and jeddah, 2024-01-01 … 2024-03-31; every figure below is counted from them.
const FIRST_DAY = '2024-01-01';
const DAYS = 91;
const rows = Array.from({ length: DAYS }, (_, index) => addDays(FIRST_DAY, index)).flatMap((date, index) =>
  (['riyadh', 'jeddah'] as const).flatMap((amanah) =>
    Array.from({ length: amanah === 'riyadh' ? 3 + (index % 4) : 1 + (index % 2) }, (_, n) => ({
      ts: `${date} ${String(8 + n).padStart(2, '0')}:10:00`, amanah, office: 'main', with_appointment: n % 2 === 0, service: 'other',
    })),
  ),
);
const counted = (amanah: string, from: string, to: string) => rows.filter((r) => r.amanah === amanah && r.ts.slice(0, 10) >= from && r.ts.slice(0, 10) <= to).length;

const analyst: Caller = { keyId: 'analyst-1', label: 'analyst one', role: 'analyst', amanahs: 'all' };
const viewer: Caller = { keyId: 'viewer', label: 'viewer', role: 'viewer', amanahs: 'all' };
const jeddahAnalyst: Caller = { keyId: 'jeddah-analyst', label: 'jeddah analyst', role: 'analyst', amanahs: ['jeddah'] };

let store: Awaited<ReturnType<typeof openTestStore>>;
let wired: ReturnType<typeof createAnalytics>;

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', rows);
  wired = createAnalytics({ store, dashboardsDir: REPO_DASHBOARDS_DIR, today: () => '2024-04-01' });
});

afterAll(async () => {
  await store?.dispose();
});

const riyadhKpi = (from: string, to: string) =>
  wired.analytics.kpi(analyst, { metric: 'office.visits', range: { from, to }, filters: [{ dimension: 'amanah', values: ['riyadh'] }], compare: 'NONE' });

describe('stored targets', () => {
  it('reads dashboards/targets.json as the fallback, with no one who set it', async () => {
    const targets = await wired.targets.list(analyst, { metric: 'office.visits', amanah: 'tabuk' });
    expect(targets).toEqual([expect.objectContaining({ amanah: 'tabuk', from: '2025-01-01', to: '2025-12-31', value: 3000, setBy: null })]);
  });

  it('answers with a target at once when it is set, and with the new value when it is changed, with who set it', async () => {
    expect((await riyadhKpi('2024-01-01', '2024-03-31')).target).toBeNull();
    const versionBefore = await wired.runner.dataVersion();
    const set = await wired.targets.set(analyst, { metric: 'office.visits', amanah: 'riyadh', calendar: 'GREGORIAN', year: 2024, value: 1830 });
    expect(set).toMatchObject({ from: '2024-01-01', to: '2024-12-31', periodLabel: '2024', setBy: { keyId: 'analyst-1', label: 'analyst one' } });
    // A data change ('manual') was recorded: answers cached before it are not served again.
    expect(await wired.runner.dataVersion()).toBe(versionBefore + 1);

    const value = counted('riyadh', '2024-01-01', '2024-03-31');
    const first = await riyadhKpi('2024-01-01', '2024-03-31');
    expect(first.value).toBe(value);
    // 1,830 over 366 days is 5 a day: 91 days → 455.
    expect(first.target).toMatchObject({ value: 455, period: { from: '2024-01-01', to: '2024-12-31' }, compared: { from: '2024-01-01', to: '2024-03-31' } });
    // Fewer in-person visits is better (down_is_good): attainment is target / value.
    expect(first.target!.attainmentPct).toBeCloseTo((455 / value) * 100, 9);

    await wired.targets.set(analyst, { metric: 'office.visits', amanah: 'riyadh', calendar: 'GREGORIAN', year: 2024, value: 3660 });
    const changed = await riyadhKpi('2024-01-01', '2024-03-31');
    expect(changed.target!.value).toBe(910);
    const listed = await wired.targets.list(viewer, { metric: 'office.visits', amanah: 'riyadh' });
    expect(listed.filter((t) => t.from === '2024-01-01' && t.to === '2024-12-31')).toEqual([expect.objectContaining({ value: 3660 })]);
  });

  it('compares like for like: a range reaching past the period counts only its days inside the period', async () => {
    await wired.targets.set(analyst, { metric: 'office.visits', amanah: 'jeddah', calendar: 'GREGORIAN', year: 2024, month: 2, value: 58 });
    const kpi = await wired.analytics.kpi(analyst, {
      metric: 'office.visits', range: { from: '2024-01-15', to: '2024-03-31' }, filters: [{ dimension: 'amanah', values: ['jeddah'] }], compare: 'NONE',
    });
    const february = counted('jeddah', '2024-02-01', '2024-02-29');
    // The KPI is the whole range; the attainment is February's visits against February's target, not the range's.
    expect(kpi.value).toBe(counted('jeddah', '2024-01-15', '2024-03-31'));
    expect(kpi.target).toMatchObject({ value: 58, period: { from: '2024-02-01', to: '2024-02-29' }, compared: { from: '2024-02-01', to: '2024-02-29' } });
    expect(kpi.target!.attainmentPct).toBeCloseTo((58 / february) * 100, 9);
    // Against the whole range's visits it would be less than half of that.
    expect(kpi.target!.attainmentPct).toBeGreaterThan((58 / kpi.value!) * 100 * 2);
  });

  it('keeps a Hijri year as the Gregorian days Intl gives, with its label', async () => {
    const set = await wired.targets.set(analyst, { metric: 'office.visits', calendar: 'HIJRI', year: 1445, value: 1000 });
    // 1 Muharram 1445 is 2023-07-19 and 1 Muharram 1446 is 2024-07-07 (Intl, islamic-umalqura).
    expect(set).toMatchObject({ calendar: 'HIJRI', periodLabel: '1445', from: '2023-07-19', to: '2024-07-06' });
    const national = await wired.analytics.kpi(analyst, { metric: 'office.visits', range: { from: '2024-01-01', to: '2024-03-31' }, compare: 'NONE' });
    expect(national.target).toMatchObject({ period: { from: '2023-07-19', to: '2024-07-06' }, compared: { from: '2024-01-01', to: '2024-03-31' } });
    expect(national.target!.value).toBeCloseTo((1000 * 91) / 354, 9);
  });

  it('draws the target on a series: per bucket, prorated to its days; none where a bucket is not inside a period', async () => {
    const series = (amanah: string | null, granularity: 'MONTH' | 'HIJRI_MONTH', from = '2024-01-01') => wired.analytics.series(analyst, {
      metric: 'office.visits', range: { from, to: '2024-03-31' }, granularity,
      filters: amanah ? [{ dimension: 'amanah', values: [amanah] }] : null,
    });
    // Riyadh's 2024 target is 3,660 (set above): 10 a day, so January 310, February 290, March 310.
    const riyadh = await series('riyadh', 'MONTH');
    expect(riyadh.target!.points).toEqual([
      { date: '2024-01-01', value: 310 }, { date: '2024-02-01', value: 290 }, { date: '2024-03-01', value: 310 },
    ]);
    // Jeddah's target is February's alone: January and March have none.
    const jeddah = await series('jeddah', 'MONTH', '2024-01-15');
    expect(jeddah.target!.points).toEqual([{ date: '2024-01-01', value: null }, { date: '2024-02-01', value: 58 }, { date: '2024-03-01', value: null }]);
    // Hijri months: each bucket's days in the range, prorated; together the range's target (the KPI's 910).
    const hijri = await series('riyadh', 'HIJRI_MONTH');
    expect(hijri.target!.points.map((p) => p.date)).toEqual(hijri.points.map((p) => p.date));
    expect(hijri.target!.points.length).toBe(4);
    expect(hijri.target!.points.reduce((sum, p) => sum + p.value!, 0)).toBeCloseTo(910, 9);
    // 1 Rajab 1445 is 2024-01-13 (Intl): the first bucket counts the range's 12 days before it.
    expect(hijri.target!.points[0]).toEqual({ date: '2023-12-14', value: 120 });
    // The national Hijri-year 1445 target: 1,000 over its 354 days.
    const national = await series(null, 'HIJRI_MONTH');
    expect(national.target!.points.reduce((sum, p) => sum + p.value!, 0)).toBeCloseTo((1000 * 91) / 354, 9);
    // Two amanahs together have no target; nor has a metric without one.
    expect((await wired.analytics.series(analyst, {
      metric: 'office.visits', range: { from: '2024-01-01', to: '2024-03-31' }, granularity: 'MONTH',
      filters: [{ dimension: 'amanah', values: ['riyadh', 'jeddah'] }],
    })).target).toBeNull();
  });

  it('refuses other roles, amanahs outside the scope and bad input, naming the argument', async () => {
    const input = { metric: 'office.visits', amanah: 'riyadh', calendar: 'GREGORIAN' as const, year: 2024, value: 10 };
    expect((await failure(() => wired.targets.set(viewer, input))).code).toBe('FORBIDDEN');
    expect(await failure(() => wired.targets.set(jeddahAnalyst, input))).toMatchObject({ code: 'FORBIDDEN', argument: 'input.amanah' });
    expect(await failure(() => wired.targets.set(jeddahAnalyst, { ...input, amanah: null }))).toMatchObject({ code: 'FORBIDDEN', argument: 'input.amanah' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, calendar: 'HIJRI', year: 1445, month: 3 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.month' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, value: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.value' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, year: 1445 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.year' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, amanah: 'atlantis' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.amanah' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, metric: 'no.such' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.metric' });
    // A scoped key sees its amanahs' targets only.
    const seen = await wired.targets.list(jeddahAnalyst, { metric: 'office.visits' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => t.amanah === 'jeddah')).toBe(true);
  });
});
