import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@amanah/access';
import { addDays } from '@amanah/calendar';
import { openTestStore } from '@amanah/store/testing';
import { createAnalytics } from '../create-analytics.js';
import { analyticsFailure as failure, REPO_DASHBOARDS_DIR } from '../testing/index.js';

// Citizen reports received per day, 2024-01-01 … 2024-03-31, by the app or by phone (940), in four amanahs; every
// figure below is counted from these rows.
const FIRST_DAY = '2024-01-01';
const PER_DAY = { riyadh: 4, jeddah: 2, tabuk: 1, hail: 3 } as const;
type Amanah = keyof typeof PER_DAY;
const rows = Array.from({ length: 91 }, (_, index) => addDays(FIRST_DAY, index)).flatMap((date, index) =>
  (Object.keys(PER_DAY) as Amanah[]).flatMap((amanah) =>
    Array.from({ length: PER_DAY[amanah] + (index % 3 === 0 ? 1 : 0) }, (_, n) => ({
      report_id: `${amanah}-${date}-${n}`, received_at: `${date} ${String(8 + n).padStart(2, '0')}:00:00`, amanah, city: 'main',
      channel: n % 2 === 0 ? 'app' : 'call_940', category: 'lighting', priority: 'normal', status: 'open',
    })),
  ),
);
const counted = (amanah: string, from: string, to: string, channel?: string) =>
  rows.filter((r) => r.amanah === amanah && r.received_at.slice(0, 10) >= from && r.received_at.slice(0, 10) <= to && (!channel || r.channel === channel)).length;

const analyst: Caller = { keyId: 'analyst', label: 'analyst', role: 'analyst', amanahs: 'all' };
const RANGE = { from: '2024-01-01', to: '2024-03-31' };

let store: Awaited<ReturnType<typeof openTestStore>>;
let wired: ReturnType<typeof createAnalytics>;

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('citizen_reports', rows);
  wired = createAnalytics({ store, dashboardsDir: REPO_DASHBOARDS_DIR, today: () => '2024-04-01' });
  // Riyadh and Jeddah: 2024 targets (366 days; 91 of them in the range); Tabuk: February's only; Hail: none.
  await wired.targets.set(analyst, { metric: 'reports.received', amanah: 'riyadh', calendar: 'GREGORIAN', year: 2024, value: 366 * 5 });
  await wired.targets.set(analyst, { metric: 'reports.received', amanah: 'jeddah', calendar: 'GREGORIAN', year: 2024, value: 366 });
  await wired.targets.set(analyst, { metric: 'reports.received', amanah: 'tabuk', calendar: 'GREGORIAN', year: 2024, month: 2, value: 30 });
});

afterAll(async () => {
  await store?.dispose();
});

describe('ranking by attainment', () => {
  it('ranks amanahs by attainment of their own targets, like for like, those without one last and marked', async () => {
    const ranking = await wired.analytics.ranking(analyst, { metric: 'reports.received', range: RANGE, compare: 'NONE', by: 'ATTAINMENT' });
    const expected = {
      riyadh: (counted('riyadh', RANGE.from, RANGE.to) / 455) * 100,
      jeddah: (counted('jeddah', RANGE.from, RANGE.to) / 91) * 100,
      // Tabuk's target is February's: February's reports against it, not the range's.
      tabuk: (counted('tabuk', '2024-02-01', '2024-02-29') / 30) * 100,
    };
    expect(expected.jeddah).toBeGreaterThan(expected.tabuk);
    expect(expected.tabuk).toBeGreaterThan(expected.riyadh);
    expect(ranking.by).toBe('ATTAINMENT');
    expect(ranking.items.map((i) => [i.amanah, i.attainmentRank])).toEqual([['jeddah', 1], ['tabuk', 2], ['riyadh', 3], ['hail', null]]);
    const item = (amanah: string) => ranking.items.find((i) => i.amanah === amanah)!;
    for (const amanah of ['riyadh', 'jeddah', 'tabuk'] as const) expect(item(amanah).target!.attainmentPct).toBeCloseTo(expected[amanah], 9);
    expect(item('tabuk').target).toMatchObject({ value: 30, compared: { from: '2024-02-01', to: '2024-02-29' } });
    expect(item('riyadh').target).toMatchObject({ value: 455, compared: RANGE });
    // Hail has no target: listed last, marked by a null target, keeping its value and its rank by value.
    expect(item('hail')).toMatchObject({ target: null, attainmentRank: null, value: counted('hail', RANGE.from, RANGE.to), rank: 2 });
  });

  it('by value (the default) keeps the value order and answers no targets', async () => {
    const ranking = await wired.analytics.ranking(analyst, { metric: 'reports.received', range: RANGE, compare: 'NONE' });
    expect(ranking.by).toBe('VALUE');
    expect(ranking.items.map((i) => i.amanah)).toEqual(['riyadh', 'hail', 'jeddah', 'tabuk']);
    expect(ranking.items.every((i) => i.target === null && i.attainmentRank === null)).toBe(true);
  });

  it('a scoped key ranks only its amanahs, against their own targets', async () => {
    const scoped: Caller = { keyId: 'scoped', label: 'scoped', role: 'viewer', amanahs: ['riyadh', 'hail'] };
    const ranking = await wired.analytics.ranking(scoped, { metric: 'reports.received', range: RANGE, compare: 'NONE', by: 'ATTAINMENT' });
    expect(ranking.items.map((i) => [i.amanah, i.attainmentRank])).toEqual([['riyadh', 1], ['hail', null]]);
  });
});

describe('targets that follow the filters they were set for', () => {
  const reports = (filters: Array<{ dimension: string; values: string[] }>) =>
    wired.analytics.kpi(analyst, { metric: 'reports.received', range: RANGE, filters: [{ dimension: 'amanah', values: ['hail'] }, ...filters], compare: 'NONE' });

  it('a channel = app target answers the app-filtered card only: not the unfiltered one, nor another channel', async () => {
    const set = await wired.targets.set(analyst, {
      metric: 'reports.received', amanah: 'hail', calendar: 'GREGORIAN', year: 2024, value: 732, filters: [{ dimension: 'channel', values: ['app'] }],
    });
    expect(set.filters).toEqual([{ dimension: 'channel', values: ['app'] }]);
    const app = await reports([{ dimension: 'channel', values: ['app'] }]);
    expect(app.value).toBe(counted('hail', RANGE.from, RANGE.to, 'app'));
    // 732 over 366 days: 2 a day, 182 over the range's 91.
    expect(app.target).toMatchObject({ value: 182, compared: RANGE });
    expect(app.target!.attainmentPct).toBeCloseTo((app.value! / 182) * 100, 9);
    expect((await reports([])).target).toBeNull();
    expect((await reports([{ dimension: 'channel', values: ['call_940'] }])).target).toBeNull();
    expect((await reports([{ dimension: 'channel', values: ['app', 'call_940'] }])).target).toBeNull();
    expect((await reports([{ dimension: 'channel', values: ['app'] }, { dimension: 'priority', values: ['normal'] }])).target).toBeNull();
    // The trend of the app-filtered question draws it; the unfiltered trend does not.
    const trend = (filters: Array<{ dimension: string; values: string[] }>) => wired.analytics.series(analyst, {
      metric: 'reports.received', range: RANGE, granularity: 'MONTH', filters: [{ dimension: 'amanah', values: ['hail'] }, ...filters],
    });
    expect((await trend([{ dimension: 'channel', values: ['app'] }])).target!.points.map((p) => p.value)).toEqual([62, 58, 62]);
    expect((await trend([])).target).toBeNull();
  });

  it('keeps the unfiltered target of the same metric, amanah and period beside it, each answering its own question', async () => {
    await wired.targets.set(analyst, { metric: 'reports.received', amanah: 'hail', calendar: 'GREGORIAN', year: 2024, value: 1464 });
    expect((await reports([])).target).toMatchObject({ value: 364 });
    expect((await reports([{ dimension: 'channel', values: ['app'] }])).target).toMatchObject({ value: 182 });
    const listed = await wired.targets.list(analyst, { metric: 'reports.received', amanah: 'hail' });
    expect(listed.map((t) => [t.value, t.filters])).toEqual([[1464, []], [732, [{ dimension: 'channel', values: ['app'] }]]]);
    // A ranking filtered to the app ranks by the app targets only: Hail's is the one there.
    const ranking = await wired.analytics.ranking(analyst, {
      metric: 'reports.received', range: RANGE, filters: [{ dimension: 'channel', values: ['app'] }], compare: 'NONE', by: 'ATTAINMENT',
    });
    expect(ranking.items.filter((i) => i.attainmentRank !== null).map((i) => i.amanah)).toEqual(['hail']);
  });

  it('refuses filters the metric cannot take, and the amanah as a filter, naming the argument', async () => {
    const input = { metric: 'reports.received', amanah: 'hail', calendar: 'GREGORIAN' as const, year: 2024, value: 10 };
    expect(await failure(() => wired.targets.set(analyst, { ...input, filters: [{ dimension: 'platform', values: ['twitter'] }] })))
      .toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.filters[0].dimension' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, filters: [{ dimension: 'channel', values: ['fax'] }] })))
      .toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.filters[0].values' });
    expect(await failure(() => wired.targets.set(analyst, { ...input, filters: [{ dimension: 'amanah', values: ['hail'] }] })))
      .toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.filters' });
  });
});

describe('an amanah with nothing in its target period', () => {
  // Roads reports, Riyadh and Tabuk, January to March 2024; Tabuk sent none in February, the period of its target.
  const roads = Array.from({ length: 91 }, (_, index) => addDays(FIRST_DAY, index)).flatMap((date) =>
    (['riyadh', 'tabuk'] as const)
      .filter((amanah) => amanah === 'riyadh' || !date.startsWith('2024-02'))
      .map((amanah) => ({
        report_id: `roads-${amanah}-${date}`, received_at: `${date} 09:00:00`, amanah, city: 'main',
        channel: 'app', category: 'roads', priority: 'normal', status: 'open',
      })),
  );
  const filters = [{ dimension: 'category', values: ['roads'] }];

  beforeAll(async () => {
    await store.insert('citizen_reports', roads);
    for (const input of [
      { metric: 'reports.received', amanah: 'riyadh', calendar: 'GREGORIAN' as const, year: 2024, value: 366, filters },
      { metric: 'reports.received', amanah: 'tabuk', calendar: 'GREGORIAN' as const, year: 2024, month: 2, value: 30, filters },
      { metric: 'reports.resolved_share', amanah: 'tabuk', calendar: 'GREGORIAN' as const, year: 2024, month: 2, value: 80, filters },
    ]) await wired.targets.set(analyst, input);
  });

  it('is ranked at the value its KPI card compares (none counted: 0 % of its target), not among those without one', async () => {
    const card = await wired.analytics.kpi(analyst, {
      metric: 'reports.received', range: RANGE, filters: [{ dimension: 'amanah', values: ['tabuk'] }, ...filters], compare: 'NONE',
    });
    expect(card.target).toMatchObject({ value: 30, compared: { from: '2024-02-01', to: '2024-02-29' }, attainmentPct: 0 });
    const ranking = await wired.analytics.ranking(analyst, { metric: 'reports.received', range: RANGE, filters, compare: 'NONE', by: 'ATTAINMENT' });
    expect(ranking.items.map((i) => [i.amanah, i.attainmentRank])).toEqual([['riyadh', 1], ['tabuk', 2]]);
    expect(ranking.items[1]!.target).toEqual(card.target);
    expect(ranking.items[1]!.value).toBe(roads.filter((r) => r.amanah === 'tabuk').length);
  });

  it('a metric whose value over no rows is not 0 answers, in the ranking, what its KPI card answers', async () => {
    const card = await wired.analytics.kpi(analyst, {
      metric: 'reports.resolved_share', range: RANGE, filters: [{ dimension: 'amanah', values: ['tabuk'] }, ...filters], compare: 'NONE',
    });
    const ranking = await wired.analytics.ranking(analyst, { metric: 'reports.resolved_share', range: RANGE, filters, compare: 'NONE', by: 'ATTAINMENT' });
    const tabuk = ranking.items.find((i) => i.amanah === 'tabuk')!;
    expect(card.target).not.toBeNull();
    expect(tabuk.target).toEqual(card.target);
  });
});
