import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.js';
import { calendarDays } from './calendar.js';
import { FLOW_TARGETS, FOLLOWER_TARGETS, INDICATOR_TARGETS } from './calibration.js';
import { PUBLISHED_FIGURES } from './figures.js';
import { buildPlan } from './plan.js';

describe('apportion', () => {
  it('splits a total exactly, in proportion, deterministically', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]); // 3.5, 1.75, 1.75: the larger remainders win
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
    const parts = apportion(1_733, Array.from({ length: 182 }, (_, i) => (i % 7 < 5 ? 1 + (i % 3) : 0)));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_733);
  });

  it('rejects a negative or fractional total', () => {
    expect(() => apportion(-1, [1])).toThrow(/non-negative integer/);
    expect(() => apportion(1.5, [1])).toThrow(/non-negative integer/);
  });
});

describe('calendar', () => {
  it('marks the Saudi weekend, Ramadan, Eid and the Hajj season', () => {
    const days = new Map(calendarDays().map((d) => [d.date, d]));
    expect(days.get('2024-03-15')!.weekend).toBe(true); // a Friday
    expect(days.get('2024-03-17')!.weekend).toBe(false); // a Sunday
    expect(days.get('2024-03-20')!.ramadan).toBe(true);
    expect(days.get('2024-04-10')!.eidHoliday).toBe(true);
    expect(days.get('2024-06-10')!.hajjSeason).toBe(true);
    expect(days.get('2024-09-10')!.hajjSeason).toBe(false);
    expect(days.size).toBe(2_192);
  });
});

describe('the count plan', () => {
  const plan = buildPlan(1);
  const total = (stream: string, amanah: string, from: string, to: string, k1?: readonly string[], k2?: readonly string[]) =>
    plan.series
      .filter((s) => s.stream === stream && s.amanah === amanah && (!k1 || k1.includes(s.k1)) && (!k2 || k2.includes(s.k2)))
      .reduce((sum, s) => sum + plan.days.filter((d) => d.date >= from && d.date <= to).reduce((a, d) => a + s.counts[d.index]!, 0), 0);

  it('hits every flow target exactly at scale 1', () => {
    for (const t of FLOW_TARGETS) expect(total(t.stream, t.amanah, t.from, t.to, t.k1, t.k2), `${t.amanah} ${t.stream}`).toBe(t.total);
  });

  it('holds every level target on its day', () => {
    const dayIndex = (date: string) => plan.days.find((d) => d.date === date)!.index;
    for (const t of FOLLOWER_TARGETS) {
      expect(plan.followers.find((f) => f.amanah === t.amanah && f.key === t.platform)!.values[dayIndex(t.asOf)]).toBe(t.value);
    }
    for (const t of INDICATOR_TARGETS) {
      const k = plan.snapshotDays.indexOf(t.asOf);
      expect(k, `${t.asOf} is a snapshot day`).toBeGreaterThanOrEqual(0);
      expect(plan.indicators.find((s) => s.amanah === t.amanah && s.key === t.indicator)!.values[k]).toBe(t.value);
    }
  });

  it('scales event volumes and leaves levels alone', () => {
    const small = buildPlan(0.1);
    const sum = (p: typeof plan, stream: string) => p.series.filter((s) => s.stream === stream).reduce((a, s) => a + s.counts.reduce((x, y) => x + y, 0), 0);
    expect(sum(small, 'portal_visits') / sum(plan, 'portal_visits')).toBeCloseTo(0.1, 2);
    expect(sum(small, 'social_impressions')).toBe(sum(plan, 'social_impressions'));
    expect(small.followers).toEqual(plan.followers);
  });

  it('every published figure names a contract metric and a range inside the demo window', () => {
    for (const f of PUBLISHED_FIGURES) {
      expect(f.metric).toMatch(/^(portal|services|licenses|notifications|social|support|participations|office|archive|indicator)\.[a-z_]+$/);
      expect(f.range.from >= '2020-01-01' && f.range.to <= '2025-12-31' && f.range.from <= f.range.to, f.id).toBe(true);
      if (f.expected.kind === 'at_least_below') expect(f.expected.atLeast).toBeLessThan(f.expected.below);
    }
    expect(new Set(PUBLISHED_FIGURES.map((f) => f.id)).size).toBe(PUBLISHED_FIGURES.length);
  });
});
