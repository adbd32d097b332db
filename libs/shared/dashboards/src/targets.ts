import type { DateRange } from '@amanah/calendar';
import { daysInclusive } from '@amanah/calendar';
import type { MetricDefinition } from '@amanah/metrics';
import type { TargetDefinition } from './definition.js';

export interface ResolvedTarget {
  value: number;
  attainmentPct: number | null;
  period: DateRange;
  /** The days compared: the range's days inside the period (the whole range when the period covers it). */
  compared: DateRange;
}

/** The target that applies to a KPI: same metric, same amanah (or none when the KPI covers all amanahs), a period overlapping the range. */
export function findTarget<T extends TargetDefinition>(targets: readonly T[], metric: string, amanah: string | undefined, range: DateRange): T | undefined {
  return targets.find((t) => t.metric === metric && t.amanah === amanah && t.from <= range.to && t.to >= range.from);
}

/** The range's days inside the target's period: what attainment compares, like for like. */
export function comparedDays(target: TargetDefinition, range: DateRange): DateRange {
  return { from: target.from > range.from ? target.from : range.from, to: target.to < range.to ? target.to : range.to };
}

/**
 * A target against `value`, the KPI over `compared` (comparedDays: never days outside the period, so a range
 * reaching past it does not inflate attainment). Counts and sums are prorated by the compared days (a yearly target
 * of 3,650 is 10 a day); percentages, hours and levels apply as they are. Attainment follows the metric's direction.
 */
export function targetFor(target: TargetDefinition, metric: MetricDefinition, compared: DateRange, value: number | null): ResolvedTarget {
  const additive = ['count', 'sum', 'distinct'].includes(metric.aggregate.fn);
  const targetValue = additive ? (target.value * daysInclusive(compared.from, compared.to)) / daysInclusive(target.from, target.to) : target.value;
  let attainmentPct: number | null = null;
  if (value !== null && targetValue > 0) {
    attainmentPct = metric.direction === 'up_is_good' ? (value / targetValue) * 100 : value > 0 ? (targetValue / value) * 100 : null;
  }
  return { value: targetValue, attainmentPct, period: { from: target.from, to: target.to }, compared };
}
