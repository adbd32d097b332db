import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_FIGURES } from '@amanah/seed';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest } from './testing.js';

// Every published figure that a metric covers, one GraphQL query away, on the seeded demo store, over real HTTP.
let store: SeededTestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-05-01' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const KPI = `query Kpi($metric: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison) {
  kpi(metric: $metric, range: $range, filters: $filters, compare: $compare) {
    value previous change changePct range { from to } previousRange { from to } asOf
    provenance { metric source table exact range { from to } filters { dimension values } asOf dataVersion }
  }
}`;

describe('published figures through GraphQL', () => {
  it.each(PUBLISHED_FIGURES.map((figure) => [figure.id, figure] as const))('%s', async (_id, figure) => {
    const { data, errors } = await api.graphql(KPI, {
      metric: figure.metric,
      range: figure.range,
      filters: [{ dimension: 'amanah', values: [figure.amanah] }, ...figure.filters],
      compare: 'NONE',
    });
    expect(errors).toBeUndefined();
    const value = data!.kpi.value as number;
    if (figure.expected.kind === 'exact') expect(value).toBeCloseTo(figure.expected.value, 6);
    else {
      expect(value).toBeGreaterThanOrEqual(figure.expected.atLeast);
      expect(value).toBeLessThan(figure.expected.below);
    }
    expect(data!.kpi.provenance).toMatchObject({ metric: figure.metric, range: figure.range });
  });

  it('Tabuk in-person visits: 1,733 in H1 2024 against 5,393 in H1 2023, −67.87 %', async () => {
    const { data } = await api.graphql(KPI, {
      metric: 'office.visits',
      range: { from: '2024-01-01', to: '2024-06-30' },
      filters: [{ dimension: 'amanah', values: ['tabuk'] }],
      compare: 'SAME_PERIOD_LAST_YEAR',
    });
    expect(data!.kpi).toMatchObject({ value: 1733, previous: 5393, change: -3660, previousRange: { from: '2023-01-01', to: '2023-06-30' } });
    expect(data!.kpi.changePct).toBeCloseTo(-67.87, 2);
    expect(data!.kpi.provenance).toMatchObject({ source: 'rollup', table: 'office_visits_monthly', exact: true });
  });
});

describe('shapes of answers', () => {
  it('series: every bucket present, zero-filled (offices are closed on Fridays and Saturdays)', async () => {
    const { data } = await api.graphql(
      `{ series(metric: "office.visits", range: {from: "2024-01-01", to: "2024-01-31"}, granularity: DAY,
                filters: [{dimension: "amanah", values: ["tabuk"]}]) { points { date value } provenance { source } } }`,
    );
    const points = data!.series.points as Array<{ date: string; value: number }>;
    expect(points).toHaveLength(31);
    expect(points[0]!.date).toBe('2024-01-01');
    expect(points.find((p) => p.date === '2024-01-05')!.value).toBe(0); // a Friday
    expect(points.reduce((s, p) => s + p.value, 0)).toBeGreaterThan(0);
  });

  it('series with a breakdown: one line per member, and the members add up to the whole', async () => {
    const { data } = await api.graphql(
      `{ series(metric: "services.requests", range: {from: "2024-01-01", to: "2024-12-31"}, granularity: QUARTER,
                filters: [{dimension: "amanah", values: ["jeddah"]}], breakdownBy: "channel") {
           points { date value } series { key label { ar en } points { date value } } } }`,
    );
    const series = data!.series;
    expect(series.points).toHaveLength(4);
    expect(series.series.length).toBeGreaterThan(1);
    for (let i = 0; i < 4; i++) {
      expect(series.series.reduce((s: number, line: any) => s + line.points[i].value, 0)).toBe(series.points[i].value);
    }
  });

  it('breakdown shares add up to 100, with a limit too', async () => {
    for (const limit of [null, 3]) {
      const { data } = await api.graphql(
        `query B($limit: Int) { breakdown(metric: "services.requests", dimension: "service", limit: $limit,
                  range: {from: "2023-01-01", to: "2024-12-31"}, filters: [{dimension: "amanah", values: ["jeddah"]}]) { key value share } }`,
        { limit },
      );
      const items = data!.breakdown as Array<{ key: string; share: number }>;
      expect(items.reduce((s, i) => s + i.share, 0)).toBeCloseTo(100, 9);
      if (limit) expect(items.map((i) => i.key)).toContain('__other__');
    }
  });

  it('social.followers is a level: a year and its last month give the same value, not a sum over days', async () => {
    const q = (from: string, to: string) =>
      api.graphql(KPI, { metric: 'social.followers', range: { from, to }, filters: [{ dimension: 'amanah', values: ['jeddah'] }, { dimension: 'platform', values: ['twitter'] }], compare: 'NONE' });
    const year = (await q('2024-01-01', '2024-12-31')).data!.kpi.value;
    const december = (await q('2024-12-01', '2024-12-31')).data!.kpi.value;
    expect(year).toBe(2_200_000);
    expect(december).toBe(year);
  });

  it('ranking: every amanah once, with its rank in the comparison period', async () => {
    const { data } = await api.graphql(
      `{ ranking(metric: "portal.visits", range: {from: "2024-01-01", to: "2024-12-31"}) { items { amanah rank previousRank rankChange value } } }`,
    );
    const items = data!.ranking.items as Array<{ amanah: string; rank: number; previousRank: number }>;
    expect(items).toHaveLength(17);
    expect(items.map((i) => i.rank)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(items.every((i) => i.previousRank >= 1)).toBe(true);
  });

  it('Hijri presets: this Ramadan (1445 = 2024-03-11..2024-04-09) compared with Ramadan 1444', async () => {
    const filters = [{ dimension: 'amanah', values: ['makkah'] }];
    const viaPreset = await api.graphql(KPI, { metric: 'portal.visits', range: { preset: 'ramadan' }, filters, compare: 'SAME_PERIOD_LAST_YEAR' });
    expect(viaPreset.data!.kpi.range).toEqual({ from: '2024-03-11', to: '2024-04-09' });
    expect(viaPreset.data!.kpi.previousRange).toEqual({ from: '2023-03-23', to: '2023-04-20' });
    const explicit = await api.graphql(KPI, { metric: 'portal.visits', range: { from: '2024-03-11', to: '2024-04-09' }, filters, compare: 'NONE' });
    expect(viaPreset.data!.kpi.value).toBe(explicit.data!.kpi.value);
  });

  it('the executive dashboard: every widget’s data in one request', async () => {
    const { data, errors } = await api.graphql(`{ dashboard(id: "executive") { id widgets { id type
        kpi(range: {from: "2024-01-01", to: "2024-12-31"}) { value changePct target { value attainmentPct } }
        series(range: {from: "2024-01-01", to: "2024-12-31"}, granularity: MONTH) { points { value } }
        breakdown(range: {from: "2024-01-01", to: "2024-12-31"}) { key share }
        ranking(range: {from: "2024-01-01", to: "2024-12-31"}) { items { amanah rank } } } } }`);
    expect(errors).toBeUndefined();
    for (const widget of data!.dashboard.widgets) {
      if (widget.type === 'kpi') expect(widget.kpi.value, widget.id).toEqual(expect.any(Number));
      if (widget.type === 'trend') expect(widget.series.points, widget.id).toHaveLength(12);
      if (widget.type === 'bar' || widget.type === 'donut') expect(widget.breakdown.length, widget.id).toBeGreaterThan(0);
      if (widget.type === 'ranking') expect(widget.ranking.items, widget.id).toHaveLength(17);
    }
  });

  it('exact distinct visitors read the visitor-days table; the approximate form reads the sketch within its bound', async () => {
    const ask = (approximate: boolean) =>
      api.graphql(
        `query V($a: Boolean!) { kpi(metric: "portal.visitors", range: {from: "2024-01-01", to: "2024-12-31"}, approximate: $a,
           filters: [{dimension: "amanah", values: ["eastern"]}], compare: NONE) { value provenance { source exact relativeErrorPct } } }`,
        { a: approximate },
      );
    const exact = (await ask(false)).data!.kpi;
    const approximate = (await ask(true)).data!.kpi;
    expect(exact.provenance).toEqual({ source: 'rollup', exact: true, relativeErrorPct: null });
    expect(approximate.provenance).toEqual({ source: 'rollup', exact: false, relativeErrorPct: 1 });
    expect(Math.abs(approximate.value - exact.value) / exact.value).toBeLessThan(0.01);
  });
});

describe('bad input is BAD_USER_INPUT naming the argument', () => {
  const range = { from: '2024-01-01', to: '2024-12-31' };
  it.each([
    ['unknown metric', { metric: 'portal.vists', range }, 'metric', /Unknown metric "portal.vists"\. Allowed: .*portal\.visits/],
    ['dimension not allowed', { metric: 'office.visits', range, filters: [{ dimension: 'platform', values: ['twitter'] }] }, 'filters[0].dimension', /not allowed for office\.visits\. Allowed: amanah, with_appointment, service/],
    ['unknown dimension', { metric: 'office.visits', range, filters: [{ dimension: 'colour', values: ['x'] }] }, 'filters[0].dimension', /Unknown dimension "colour"/],
    ['unknown amanah', { metric: 'office.visits', range, filters: [{ dimension: 'amanah', values: ['atlantis'] }] }, 'filters[0].values', /Unknown amanah "atlantis".*Allowed: riyadh, makkah/],
    ['inverted range', { metric: 'office.visits', range: { from: '2024-12-31', to: '2024-01-01' } }, 'range', /inverted/],
    ['range over 10 years', { metric: 'office.visits', range: { from: '2010-01-01', to: '2024-12-31' } }, 'range', /longer than 10 years/],
    ['half a range', { metric: 'office.visits', range: { from: '2024-01-01' } }, 'range', /needs both from and to/],
    ['preset and dates', { metric: 'office.visits', range: { preset: 'h1', from: '2024-01-01', to: '2024-02-01' } }, 'range', /either a preset or from\/to/],
  ])('%s', async (_name, variables, argument, message) => {
    const { errors } = await api.graphql(KPI, { compare: 'NONE', ...variables });
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors![0]!.message).toMatch(message);
  });

  it('an unknown preset or an impossible date is refused by the schema, naming it', async () => {
    const preset = await api.graphql(KPI, { metric: 'office.visits', range: { preset: 'next_century' }, compare: 'NONE' });
    expect(preset.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(preset.errors![0]!.message).toMatch(/next_century/);
    const date = await api.graphql(KPI, { metric: 'office.visits', range: { from: '2024-02-30', to: '2024-03-01' }, compare: 'NONE' });
    expect(date.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(date.errors![0]!.message).toMatch(/2024-02-30/);
  });

  it('a breakdown by a dimension the metric does not have names the argument', async () => {
    const { errors } = await api.graphql(`{ breakdown(metric: "licenses.issued", dimension: "device", range: {preset: last_year}) { key } }`);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'dimension' });
  });

  it('a query deeper or costlier than the limits is refused before it runs', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: metrics { id }`).join(' ');
    const tooManyAliases = await api.graphql(`{ ${aliases} }`);
    expect(tooManyAliases.errors![0]!).toMatchObject({ message: expect.stringMatching(/Aliases limit of 30/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const deep = await api.graphql(`{ dashboards { widgets { metric { label { ar } } kpi(range: {preset: ytd}) { metric { label { ar } } target { period { from } } provenance { range { from } } } } } }`);
    expect(deep.errors).toBeUndefined(); // a real dashboard query (depth 6) is well inside the limits
  });
});

describe('access: a key scoped to one amanah sees only that amanah', () => {
  it('kpi, breakdown, ranking and dashboards are filtered to the scope, whatever the arguments say', async () => {
    const jeddah = await api.key('viewer', ['jeddah']);
    const range = { from: '2024-01-01', to: '2024-12-31' };
    const national = (await api.graphql(KPI, { metric: 'portal.visits', range, compare: 'NONE' })).data!.kpi.value;
    const own = (await api.graphql(KPI, { metric: 'portal.visits', range, compare: 'NONE', filters: [{ dimension: 'amanah', values: ['jeddah'] }] })).data!.kpi.value;
    const scoped = await api.graphql(KPI, { metric: 'portal.visits', range, compare: 'NONE' }, jeddah);
    expect(scoped.data!.kpi.value).toBe(own);
    expect(own).toBeLessThan(national);
    const other = await api.graphql(KPI, { metric: 'portal.visits', range, compare: 'NONE', filters: [{ dimension: 'amanah', values: ['eastern'] }] }, jeddah);
    expect(other.data!.kpi.value).toBe(0);
    const breakdown = await api.graphql(`{ breakdown(metric: "portal.visits", dimension: "amanah", range: {from: "2024-01-01", to: "2024-12-31"}) { key share } }`, {}, jeddah);
    expect(breakdown.data!.breakdown).toEqual([{ key: 'jeddah', share: 100 }]);
    const ranking = await api.graphql(`{ ranking(metric: "portal.visits", range: {from: "2024-01-01", to: "2024-12-31"}) { items { amanah rank previousRank } } }`, {}, jeddah);
    expect(ranking.data!.ranking.items).toEqual([{ amanah: 'jeddah', rank: 1, previousRank: 1 }]);
    const dashboard = await api.graphql(`{ dashboard(id: "executive") { widgets { id ranking(range: {from: "2024-01-01", to: "2024-12-31"}) { items { amanah } } } } }`, {}, jeddah);
    for (const widget of dashboard.data!.dashboard.widgets) if (widget.ranking) expect(widget.ranking.items).toEqual([{ amanah: 'jeddah' }]);
  });

  it('no key: UNAUTHENTICATED; an ingest key may not read', async () => {
    const anonymous = await api.graphql(`{ metrics { id } }`, {}, null);
    expect(anonymous.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const ingest = await api.graphql(`{ metrics { id } }`, {}, await api.key('ingest', 'all'));
    expect(ingest.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});
