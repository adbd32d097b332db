import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@amanah/access';
import { createAnalytics } from './create-analytics.js';
import { analyticsFailure as failure, REPO_DASHBOARDS_DIR, openOfficeVisitsStore } from './testing/index.js';

// The services with no Nest app, no request and no transport, as delivery, alerts and exports use them.
let store: Awaited<ReturnType<typeof openOfficeVisitsStore>>;
let services: ReturnType<typeof createAnalytics>;

const everyone: Caller = { keyId: 'job', label: 'a scheduled job', role: 'viewer', amanahs: 'all' };
const jeddahOnly: Caller = { keyId: 'jeddah', label: 'jeddah viewer', role: 'press', amanahs: ['jeddah'] };
const RANGE = { from: '2024-01-01', to: '2024-01-31' };

beforeAll(async () => {
  store = await openOfficeVisitsStore();
  services = createAnalytics({ store, dashboardsDir: REPO_DASHBOARDS_DIR, today: () => '2024-02-15' });
});

afterAll(async () => {
  await store?.dispose();
});

describe('AnalyticsService, plain calls', () => {
  it('answers a KPI, a breakdown, a ranking and a series for a caller of every amanah', async () => {
    const { analytics } = services;
    const kpi = await analytics.kpi(everyone, { metric: 'office.visits', range: RANGE, compare: 'NONE' });
    expect(kpi).toMatchObject({ value: 15, metric: { id: 'office.visits' }, range: RANGE, previousRange: null });

    const breakdown = await analytics.breakdown(everyone, { metric: 'office.visits', range: RANGE, dimension: 'amanah' });
    expect(breakdown.map((item) => [item.key, item.value])).toEqual([['makkah', 7], ['riyadh', 5], ['jeddah', 3]]);

    const ranking = await analytics.ranking(everyone, { metric: 'office.visits', range: RANGE, compare: 'NONE' });
    // Fewer in-person visits is better (office.visits is down_is_good).
    expect(ranking.items.map((item) => [item.amanah, item.rank, item.rankChange])).toEqual([['jeddah', 1, null], ['riyadh', 2, null], ['makkah', 3, null]]);

    const series = await analytics.series(everyone, { metric: 'office.visits', range: RANGE, granularity: 'MONTH' });
    expect(series.points).toEqual([{ date: '2024-01-01', value: 15 }]);
    expect(series.comparison).toBeNull();
  });

  it('a series answers the comparison period’s whole line, over the KPI’s previousRange, in the caller’s scope', async () => {
    const { analytics } = services;
    const february = { from: '2024-02-01', to: '2024-02-29' };
    const args = { metric: 'office.visits', range: february, compare: 'PREVIOUS_PERIOD' } as const;
    const series = await analytics.series(everyone, { ...args, granularity: 'WEEK', breakdownBy: 'amanah' });
    const kpi = await analytics.kpi(everyone, args);
    expect(series.comparison!.range).toEqual(kpi.previousRange);
    expect(series.comparison!.range).toEqual(RANGE);
    // January's weeks (from Sunday 31 December): the visits of 10–16 January fall in the weeks of the 7th and the 14th.
    expect(series.comparison!.points.map((p) => p.date)).toEqual(['2023-12-31', '2024-01-07', '2024-01-14', '2024-01-21', '2024-01-28']);
    expect(series.comparison!.points.reduce((sum, p) => sum + p.value!, 0)).toBe(kpi.previous);
    const alone = await analytics.series(everyone, { metric: 'office.visits', range: RANGE, granularity: 'WEEK' });
    expect(series.comparison!.points).toEqual(alone.points);

    const scoped = await analytics.series(jeddahOnly, { ...args, granularity: 'MONTH' });
    expect(scoped.comparison).toEqual({ range: RANGE, points: [{ date: '2024-01-01', value: 3 }] });
  });

  it('a caller limited to one amanah sees that amanah only, whatever its filters ask', async () => {
    const { analytics } = services;
    expect((await analytics.kpi(jeddahOnly, { metric: 'office.visits', range: RANGE, compare: 'NONE' })).value).toBe(3);
    const filtered = await analytics.kpi(jeddahOnly, {
      metric: 'office.visits', range: RANGE, compare: 'NONE', filters: [{ dimension: 'amanah', values: ['riyadh', 'makkah'] }],
    });
    expect(filtered.value).toBe(0);
  });

  it('bad arguments are AnalyticsErrors with a code, the argument and the values allowed', async () => {
    const { analytics } = services;
    const unknown = await failure(() => analytics.kpi(everyone, { metric: 'no.such.metric', range: RANGE }));
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'metric' });
    expect(unknown.allowed).toContain('office.visits');

    const limit = await failure(() => analytics.breakdown(everyone, { metric: 'office.visits', range: RANGE, dimension: 'amanah', limit: 0 }));
    expect(limit).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit', message: 'limit must be between 1 and 1000, got 0' });

    const heatmap = await failure(() => analytics.heatmap(everyone, { metric: 'office.visits', range: RANGE }));
    expect(heatmap).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'metric', allowed: ['portal.visits'] });
  });
});

describe('PressService, plain calls', () => {
  it('a press figure of a caller’s own amanah; another amanah is FORBIDDEN naming the argument', async () => {
    const { press } = services;
    const request = { amanah: 'jeddah', range: RANGE, metrics: ['office.visits'], compare: 'NONE', lang: 'EN', precision: 'EXACT', digits: 'LATN' } as const;
    const [figure] = await press.figures(request, jeddahOnly);
    expect(figure).toMatchObject({ value: 3, metric: { id: 'office.visits' } });

    const forbidden = await failure(() => press.figures({ ...request, amanah: 'riyadh' }, jeddahOnly));
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', argument: 'amanah', message: 'This key is limited to other amanahs and may not see riyadh.' });
  });
});
