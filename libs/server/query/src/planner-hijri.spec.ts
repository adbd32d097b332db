import { describe, expect, it } from 'vitest';
import { bucketsOf, hijriYearRange } from '@amanah/calendar';
import { findMetric } from '@amanah/metrics';
import { planQuery, type MetricQuery } from './planner.js';

const year1446 = hijriYearRange(1446);
const query = (id: string): MetricQuery => ({ metric: findMetric(id)!, range: year1446, filters: [] });

describe('planner: Hijri buckets', () => {
  it('buckets by the Hijri months computed in JS, passed as one Array(Date) parameter, from the daily rollup', () => {
    const plan = planQuery(query('office.visits'), { kind: 'series', granularity: 'HIJRI_MONTH' });
    // 1446 starts and ends mid Gregorian month and holds whole ones, yet the monthly rollup is not read.
    expect(plan.tables).toEqual(['office_visits_daily']);
    expect(plan.sql).toContain('{hbuckets:Array(Date)}[arrayCount(b -> b <= day, {hbuckets:Array(Date)})]) AS bucket');
    expect(plan.params.hbuckets).toEqual(bucketsOf(year1446, 'HIJRI_MONTH').map((b) => b.start));
    expect(plan.sql).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('a whole-months total keeps the monthly rollup; with a Hijri sparkline it reads days', () => {
    const months = { ...query('office.visits'), range: { from: '2024-08-01', to: '2024-12-31' } };
    expect(planQuery(months, { kind: 'total', by: 'MONTH' }).tables).toEqual(['office_visits_monthly']);
    expect(planQuery(months, { kind: 'total', by: 'HIJRI_QUARTER' }).tables).toEqual(['office_visits_daily']);
  });

  it('levels bucket by Hijri years too, the level before the range apart', () => {
    const plan = planQuery(query('social.followers'), { kind: 'series', granularity: 'HIJRI_YEAR' });
    expect(plan.params.hbuckets).toEqual([year1446.from]);
    expect(plan.sql).toContain("if(day < {from:Date}, toDate('1970-01-01'), {hbuckets:Array(Date)}[");
  });
});
