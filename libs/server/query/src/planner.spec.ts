import { describe, expect, it } from 'vitest';
import { findMetric, METRIC_IDS } from '@amanah/metrics';
import { planQuery, type MetricQuery } from './planner.js';
import { periodRows } from './printers.js';

const metric = (id: string) => findMetric(id)!;
const range = { from: '2024-01-03', to: '2024-06-30' }; // not whole months: the daily rollups answer
const query = (id: string, extra: Partial<MetricQuery> = {}): MetricQuery => ({ metric: metric(id), range, filters: [], ...extra });

describe('planner', () => {
  it('counts office visits from the daily rollup, values as parameters only', () => {
    const plan = planQuery(query('office.visits', { filters: [{ dimension: 'amanah', values: ['tabuk'] }] }), { kind: 'total' });
    expect(plan.source).toBe('rollup');
    expect(plan.tables).toEqual(['office_visits_monthly', 'office_visits_daily']); // February to June are whole months
    expect(plan.sql).toContain('sum(visits) AS value');
    expect(plan.sql).toContain('day >= {from:Date}');
    expect(plan.sql).toContain('amanah IN {f0:Array(String)}');
    expect(plan.sql).not.toContain('tabuk');
    expect(plan.params).toMatchObject({ from: '2024-01-03', to: '2024-06-30', f0: ['tabuk'], d0from: '2024-01-03', d0to: '2024-01-31' });
  });

  it('counts exact distinct visitors from the visitor-days table, raw rows where it cannot, the sketch only when approximate is asked for', () => {
    const exact = planQuery(query('portal.visitors', { filters: [{ dimension: 'amanah', values: ['tabuk'] }] }), { kind: 'total', previous: range });
    expect(exact).toMatchObject({ source: 'rollup', tables: ['portal_visitor_days'], exact: true });
    expect(exact.sql).toContain('uniqExactIf(visitor, arrayExists(d -> d >= {from:Date} AND d <= {to:Date}, days)) AS value');
    expect(exact.sql).toContain('uniqExactIf(visitor, arrayExists(d -> d >= {pfrom:Date} AND d <= {pto:Date}, days)) AS previous');
    expect(exact.sql).toContain('amanah IN {f0:Array(String)}');
    expect(exact.sql).not.toContain('tabuk');
    const byAmanah = planQuery(query('portal.visitors'), { kind: 'breakdown', dimension: 'amanah' });
    expect(byAmanah).toMatchObject({ source: 'rollup', tables: ['portal_visitor_days'] });
    expect(byAmanah.sql).toContain('GROUP BY key');
    // A series, a sparkline or a filter the table does not keep: the raw visits.
    for (const [extra, shape] of [
      [{}, { kind: 'series', granularity: 'MONTH' }],
      [{}, { kind: 'total', by: 'MONTH' }],
      [{ filters: [{ dimension: 'channel', values: ['web'] }] }, { kind: 'total' }],
      [{}, { kind: 'breakdown', dimension: 'channel' }],
      [{ forceRaw: true }, { kind: 'total' }],
      // Shorter than a month: the table would be read by whole years, the raw visits read the days alone.
      [{ range: { from: '2024-06-01', to: '2024-06-30' } }, { kind: 'total' }],
    ] as const) {
      const raw = planQuery(query('portal.visitors', extra), shape);
      expect(raw, JSON.stringify([extra, shape])).toMatchObject({ source: 'raw', tables: ['portal_visits'], exact: true });
      expect(raw.sql).toContain('uniqExact(visitor_id)');
    }
    const approximate = planQuery(query('portal.visitors', { approximate: true }), { kind: 'total' });
    expect(approximate).toMatchObject({ source: 'rollup', tables: ['portal_visits_monthly', 'portal_visits_daily'], exact: false });
    expect(approximate.sql).toContain('uniqCombined64Merge(visitors_sketch)');
  });

  it('falls back to raw when a filter column is not in the rollup, or when forced', () => {
    expect(planQuery(query('portal.visits', { forceRaw: true }), { kind: 'total' }).source).toBe('raw');
    expect(planQuery(query('services.median_completion_hours', { forceRaw: true }), { kind: 'total' }).source).toBe('raw');
  });

  it('medians read the narrow duration table, exactly', () => {
    const plan = planQuery(query('services.median_completion_hours'), { kind: 'total' });
    expect(plan).toMatchObject({ source: 'rollup', tables: ['service_completions'], exact: true });
    expect(plan.sql).toContain('quantileExactInclusive(0.5)(seconds) / 3600');
    expect(plan.sql).not.toContain('status');
  });

  it('an approximate median groups the histogram counts, then finds the median over them in an enclosing query', () => {
    const months = { from: '2024-01-01', to: '2024-06-30' };
    const plan = planQuery(query('services.median_completion_hours', { range: months, approximate: true }), { kind: 'breakdown', dimension: 'amanah' });
    expect(plan).toMatchObject({ tables: ['service_completion_histogram'], exact: false, relativeErrorPct: 2 });
    expect(plan.sql).toMatch(/^SELECT key, if\(n_value = 0, nan, pow\(1\.02, \(arrayFirstIndex\(/);
    expect(plan.sql).toContain('sumResample(0, 1200, 1)(completions, log_bucket) AS h_value, sum(completions) AS n_value');
    expect(plan.sql).toMatch(/GROUP BY key\n\)\nORDER BY value DESC, key$/);
    // The enclosing query is the plan's own: batch.ts leaves it out of fused scans.
    expect(plan.scan?.outer?.map((column) => column.alias)).toEqual(['value', 'as_of']);
  });

  it('shares take their fixed condition as a parameter and divide in SQL', () => {
    const plan = planQuery(query('services.digital_share'), { kind: 'total' });
    expect(plan.sql).toContain('100 * sumIf(requests, channel NOT IN {c0:Array(String)}) / sum(requests)');
    expect(plan.params.c0).toEqual(['office']);
    const raw = planQuery(query('office.appointment_share', { forceRaw: true }), { kind: 'total' });
    expect(raw.sql).toContain('100 * countIf(toString(with_appointment) IN {c0:Array(String)}) / count()');
  });

  it('levels take the last value on or before the end, per group, summed — never a sum over days', () => {
    const plan = planQuery(query('social.followers', { filters: [{ dimension: 'platform', values: ['twitter'] }] }), { kind: 'total' });
    expect(plan.sql).toContain('argMax(followers, day)');
    expect(plan.sql).toContain('sum(level)');
    expect(plan.sql).toContain('day <= {to:Date}');
    expect(plan.sql).not.toContain('day >= {from:Date}');
    const series = planQuery(query('social.followers'), { kind: 'series', granularity: 'MONTH' });
    expect(series.levelGroups).toBe(2);
    expect(series.sql).toContain("if(day < {from:Date}, toDate('1970-01-01'), toStartOfMonth(day))");
  });

  it('whole months come from the monthly rollup, the days around them from the daily one', () => {
    const months = { from: '2024-01-01', to: '2024-06-30' };
    // 2023-07-03..2023-12-31 compared: July 2023 is cut by the boundary, so its days come from the daily rollup
    const plan = planQuery(query('office.visits', { range: months }), { kind: 'total', previous: { from: '2023-07-03', to: '2023-12-31' } });
    expect(plan.tables).toEqual(['office_visits_monthly', 'office_visits_daily']);
    expect(plan.params.months).toEqual(['2023-08-01', '2023-09-01', '2023-10-01', '2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']);
    // Only the days outside those months are read from the daily rollup.
    expect(plan.params).toMatchObject({ d0from: '2023-07-03', d0to: '2023-07-31' });
    expect(plan.params).not.toHaveProperty('d1from');
    expect(plan.sql).toContain('SELECT month AS day, last_day AS newest');
    expect(plan.sql).toContain('FROM office_visits_daily WHERE ((day >= {d0from:Date} AND day <= {d0to:Date}))');
    expect(plan.sql).toContain('toString(max(newest)) AS as_of');
    expect(planQuery(query('office.visits', { range: months }), { kind: 'series', granularity: 'WEEK' }).tables).toEqual(['office_visits_daily']);
    expect(planQuery(query('office.visits', { range: { from: '2024-01-02', to: '2024-01-30' } }), { kind: 'total' }).tables).toEqual(['office_visits_daily']);
  });

  it('whole months alone are read from the monthly rollup directly, month standing for day', () => {
    const months = { from: '2024-01-01', to: '2024-06-30' };
    const total = planQuery(query('office.visits', { range: months }), { kind: 'total', previous: { from: '2023-07-01', to: '2023-12-31' } });
    expect(total.tables).toEqual(['office_visits_monthly']);
    expect(total.sql).toContain('FROM office_visits_monthly\nWHERE');
    expect(total.sql).not.toContain('{months:');
    expect(total.sql).toContain('((month >= {from:Date} AND month <= {to:Date} AS in_range) OR (month >= {pfrom:Date} AND month <= {pto:Date} AS in_previous))');
    expect(total.sql).toContain('in_previous AS period, sum(visits) AS value, toString(max(last_day)) AS as_of');
    const quarters = planQuery(query('office.visits', { range: months }), { kind: 'series', granularity: 'QUARTER' });
    expect(quarters.tables).toEqual(['office_visits_monthly']);
    expect(quarters.sql).toContain('toString(toStartOfQuarter(month)) AS bucket');
  });

  it('whole months come from the lean monthly rollup when it has every column the query touches, else the wide one', () => {
    const months = { from: '2024-01-01', to: '2024-06-30' };
    const share = planQuery(query('services.digital_share', { range: months }), { kind: 'total', by: 'MONTH' });
    expect(share.tables).toEqual(['service_requests_lean_monthly']);
    expect(planQuery(query('services.requests', { range: months }), { kind: 'breakdown', dimension: 'channel' }).tables).toEqual(['service_requests_lean_monthly']);
    expect(planQuery(query('reports.resolved_share', { range: months }), { kind: 'breakdown', dimension: 'amanah' }).tables).toEqual(['citizen_reports_lean_monthly']);
    // `service` and `category` are only in the wide rollups; days around the months read the daily rollup either way.
    const byService = planQuery(query('services.digital_share', { range: months, filters: [{ dimension: 'service', values: ['registration'] }] }), { kind: 'total' });
    expect(byService.tables).toEqual(['service_requests_monthly']);
    expect(planQuery(query('reports.resolved_share', { range: months }), { kind: 'breakdown', dimension: 'category' }).tables).toEqual(['citizen_reports_monthly']);
    const split = planQuery(query('services.requests', { range: { from: '2024-01-10', to: '2024-06-30' } }), { kind: 'breakdown', dimension: 'status' });
    expect(split.tables).toEqual(['service_requests_lean_monthly', 'service_requests_daily']);
    expect(split.sql).toContain('SELECT day, day AS newest, amanah, channel, status, requests FROM service_requests_daily');
  });

  it("a total with its buckets (a KPI card's sparkline) is one scan: GROUPING SETS, the total's row flagged", () => {
    const plan = planQuery(query('office.visits', { range: { from: '2024-01-01', to: '2024-06-30' } }), {
      kind: 'total', previous: { from: '2023-07-01', to: '2023-12-31' }, by: 'MONTH',
    });
    expect(plan.tables).toEqual(['office_visits_monthly']);
    // The monthly table's `month` is its bucket by month already; by quarter, a function of it.
    expect(plan.sql).toContain('SELECT toString(month) AS bucket, in_previous AS period, grouping(bucket) AS is_total, sum(visits) AS value');
    expect(plan.sql).toContain('GROUP BY GROUPING SETS ((period, bucket), (period))');
    const quarters = planQuery(query('office.visits', { range: { from: '2024-01-01', to: '2024-06-30' } }), { kind: 'total', by: 'QUARTER' });
    expect(quarters.sql).toContain('SELECT toString(toStartOfQuarter(month)) AS bucket');
    // Buckets by day cannot come from the monthly rollup.
    expect(planQuery(query('office.visits'), { kind: 'total', by: 'DAY' }).tables).toEqual(['office_visits_daily']);
    expect(() => planQuery(query('social.followers'), { kind: 'total', by: 'MONTH' })).toThrow(/level/);
  });

  it('a comparison period is read in the same scan, its rows grouped by period, not a second query', () => {
    const previous = { from: '2023-01-01', to: '2023-06-30' };
    const plan = planQuery(query('office.visits'), { kind: 'total', previous });
    expect(plan.sql).toContain('((day >= {from:Date} AND day <= {to:Date} AS in_range) OR (day >= {pfrom:Date} AND day <= {pto:Date} AS in_previous))');
    expect(plan.sql).toContain('SELECT in_previous AS period, sum(visits) AS value, toString(max(newest)) AS as_of');
    expect(plan.sql).toContain('GROUP BY period');
    expect(plan.sql).not.toContain('AS previous');
    expect(plan.scan?.columns).toContainEqual({ expr: 'sum(visits)', alias: 'previous', period: { of: 1, empty: 0 } });
    expect(plan.params).toMatchObject({ pfrom: '2023-01-01', pto: '2023-06-30' });
    const median = planQuery(query('services.median_completion_hours'), { kind: 'total', previous });
    expect(median.sql).toContain('quantileExactInclusive(0.5)(seconds) / 3600 AS value');
    expect(median.scan?.columns).toContainEqual({ expr: 'quantileExactInclusive(0.5)(seconds) / 3600', alias: 'previous', period: { of: 1, empty: null } });
    // Periods that overlap (two years against the same two years a year earlier): a row of both is read in each.
    const twoYears = { from: '2023-01-01', to: '2024-12-31' };
    const overlapping = planQuery(query('office.visits', { range: twoYears }), { kind: 'total', previous: { from: '2022-01-01', to: '2023-12-31' } });
    expect(overlapping.sql).toContain('arrayJoin(if(in_range AND in_previous, [0, 1], [toUInt8(in_previous)])) AS period');
    const level = planQuery(query('social.followers'), { kind: 'breakdown', dimension: 'platform', previous });
    expect(level.sql).toContain('argMaxIf(followers, day, day <= {pto:Date}) AS previous_level');
  });

  it('the scope of a key is a filter on every query', () => {
    const plan = planQuery(query('licenses.issued', { scope: ['jeddah'] }), { kind: 'breakdown', dimension: 'license_type' });
    expect(plan.sql).toContain('amanah IN {scope:Array(String)}');
    expect(plan.params.scope).toEqual(['jeddah']);
    expect(plan.sql).toContain('GROUP BY key');
  });

  it('weeks start on Sunday; series group by bucket and member', () => {
    const plan = planQuery(query('reports.received'), { kind: 'series', granularity: 'WEEK', breakdownBy: 'channel' });
    expect(plan.sql).toContain('toString(toStartOfWeek(day, 0)) AS bucket');
    expect(plan.sql).toContain('GROUP BY bucket, member');
  });

  it('plans every metric of the catalogue in every shape without throwing', () => {
    for (const id of METRIC_IDS) {
      const m = metric(id);
      for (const shape of [{ kind: 'total' } as const, { kind: 'series', granularity: 'DAY' } as const, { kind: 'breakdown', dimension: m.dimensions[0]! } as const]) {
        const plan = planQuery(query(id), shape);
        expect(plan.sql, id).toMatch(/^SELECT/);
        expect(plan.sql, id).not.toMatch(/\$\{|undefined/);
      }
    }
  });
});

describe('periodRows', () => {
  it('keeps apart the groups of keys that would join into the same text (free text may hold any character)', () => {
    const plan = planQuery(query('office.visits', { range: { from: '2024-01-01', to: '2024-06-30' } }), {
      kind: 'breakdown', dimension: 'service', previous: { from: '2023-01-01', to: '2023-06-30' },
    });
    const key = plan.scan!.keys[0]!.alias;
    const row = (service: string | null, period: number, value: number) => ({ [key]: service, period, value, as_of: '2024-06-30' });
    const rows = periodRows(plan.scan, [row(null, 0, 5), row('\u0001', 0, 7), row('a\u0000', 1, 3), row('a', 0, 2), row('a', 1, 4)]);
    expect(rows.map((r) => [r[key], r.value, r.previous])).toEqual([[null, 5, 0], ['\u0001', 7, 0], ['a\u0000', 0, 3], ['a', 2, 4]]);
  });
});
