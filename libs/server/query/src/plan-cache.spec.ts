import { describe, expect, it } from 'vitest';
import { findMetric } from '@amanah/metrics';
import { PlanCache } from './plan-cache.js';
import { planQuery, type MetricQuery, type QueryShape } from './planner.js';

const metric = (id: string) => findMetric(id)!;
const query = (extra: Partial<MetricQuery> = {}): MetricQuery => ({
  metric: metric('office.visits'),
  range: { from: '2024-01-01', to: '2024-12-31' },
  filters: [],
  ...extra,
});
const card: QueryShape = { kind: 'total', previous: { from: '2023-01-01', to: '2023-12-31' }, by: 'MONTH' };

describe('PlanCache', () => {
  it('plans a question once: asked again (a copy, not the same objects), the same plan, equal to planQuery’s', () => {
    const plans = new PlanCache();
    const first = plans.plan(query(), card);
    expect(first).toEqual(planQuery(query(), card));
    expect(plans.plan(structuredClone(query()), structuredClone(card))).toBe(first);
    // A resolved range's preset is not read by the planner: the same plan.
    expect(plans.plan(query({ range: { from: '2024-01-01', to: '2024-12-31', preset: 'last_year' } as MetricQuery['range'] }), card)).toBe(first);
    expect(plans.size).toBe(1);
    // Any other field of the query is in the key (one added to MetricQuery later, say): planned apart.
    expect(plans.plan({ ...query(), later: true } as MetricQuery, card)).not.toBe(first);
  });

  it('gives a fresh plan, planQuery’s, when anything the planner reads differs', () => {
    const plans = new PlanCache();
    const base = plans.plan(query(), card);
    // Each differs from the base question in one thing planQuery reads, and plans differently.
    const variants: Array<[string, MetricQuery, QueryShape]> = [
      ['range', query({ range: { from: '2024-01-05', to: '2024-12-31' } }), card],
      ['filters', query({ filters: [{ dimension: 'amanah', values: ['tabuk'] }] }), card],
      ['filter values', query({ filters: [{ dimension: 'amanah', values: ['jeddah'] }] }), card],
      ['scope', query({ scope: ['tabuk'] }), card],
      ['forceRaw', query({ forceRaw: true }), card],
      ['approximate', query({ metric: metric('portal.visitors'), approximate: true }), card],
      ['metric', query({ metric: metric('licenses.issued') }), card],
      // The same id with another definition (a catalogue edit in a test): keyed by the definition, not the id.
      ['metric definition', query({ metric: { ...metric('office.visits'), dataset: 'licenses' } as never }), card],
      ['comparison period', query(), { ...card, previous: { from: '2023-01-05', to: '2023-12-31' } }],
      ['granularity', query(), { ...card, by: 'WEEK' }],
      ['shape', query(), { kind: 'breakdown', dimension: 'amanah' }],
    ];
    const seen = new Set([base]);
    for (const [what, q, shape] of variants) {
      const plan = plans.plan(q, shape);
      expect(seen.has(plan), what).toBe(false);
      expect(plan, what).toEqual(planQuery(q, shape));
      seen.add(plan);
    }
    // approximate is read only by metrics that have an approximate form: the exact visitors' plan differs too.
    expect(plans.plan(query({ metric: metric('portal.visitors') }), card).sql).not.toBe(plans.plan(query({ metric: metric('portal.visitors'), approximate: true }), card).sql);
    expect(plans.plan(query(), card)).toBe(base);
  });

  it('holds at most maxPlans, dropping the least recently used', () => {
    const plans = new PlanCache(3);
    const day = (d: number) => query({ range: { from: `2024-01-${String(d).padStart(2, '0')}`, to: '2024-12-31' } });
    const first = plans.plan(day(1), card);
    plans.plan(day(2), card);
    plans.plan(day(3), card);
    expect(plans.plan(day(1), card)).toBe(first); // used again: now the most recent
    for (let d = 4; d <= 20; d++) {
      plans.plan(day(d), card);
      expect(plans.size).toBeLessThanOrEqual(3);
    }
    expect(plans.size).toBe(3);
    expect(plans.plan(day(1), card)).not.toBe(first); // dropped, planned again
    expect(() => new PlanCache(0)).toThrow('maxPlans must be a positive integer, got 0');
  });

  it('hands out frozen plans: a request cannot change the plan the next one gets', () => {
    const plans = new PlanCache();
    const plan = plans.plan(query({ filters: [{ dimension: 'amanah', values: ['tabuk'] }] }), card);
    expect(() => Object.assign(plan.params, { from: '1999-01-01' })).toThrow(TypeError);
    expect(() => (plan.params.f0 as string[]).push('jeddah')).toThrow(TypeError);
    expect(plans.plan(query({ filters: [{ dimension: 'amanah', values: ['tabuk'] }] }), card).params).toMatchObject({ from: '2024-01-01', f0: ['tabuk'] });
  });
});
