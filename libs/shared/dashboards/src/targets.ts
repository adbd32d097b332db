import type { DateRange } from '@amanah/calendar';
import { daysInclusive } from '@amanah/calendar';
import type { MetricDefinition } from '@amanah/metrics';
import type { TargetDefinition } from './definition.js';

export interface ResolvedTarget {
  value: number;
  attainmentPct: number | null;
  period: DateRange;
}

/**
 * The target that applies to a KPI: same metric, same amanah (or none when the KPI covers all amanahs), a period
 * overlapping the range. Counts and sums are prorated by the days of the range inside the period (a yearly target
 * of 3,650 is 10 a day); percentages, hours and levels apply as they are. Attainment follows the metric's direction.
 */
export function targetFor(
  targets: readonly TargetDefinition[],
  metric: MetricDefinition,
  amanah: string | undefined,
  range: DateRange,
  value: number | null,
): ResolvedTarget | null {
  const target = targets.find(
    (t) => t.metric === metric.id && t.amanah === amanah && t.from <= range.to && t.to >= range.from,
  );
  if (!target) return null;
  const additive = ['count', 'sum', 'distinct'].includes(metric.aggregate.fn);
  let targetValue = target.value;
  if (additive) {
    const overlapFrom = target.from > range.from ? target.from : range.from;
    const overlapTo = target.to < range.to ? target.to : range.to;
    targetValue = (target.value * daysInclusive(overlapFrom, overlapTo)) / daysInclusive(target.from, target.to);
  }
  let attainmentPct: number | null = null;
  if (value !== null && targetValue > 0) {
    attainmentPct = metric.direction === 'up_is_good' ? (value / targetValue) * 100 : value > 0 ? (targetValue / value) * 100 : null;
  }
  return { value: targetValue, attainmentPct, period: { from: target.from, to: target.to } };
}
