import type { DateRange } from '@amanah/calendar';
import { addDays, daysInclusive } from '@amanah/calendar';
import type { MetricDefinition } from '@amanah/metrics';
import type { TargetDefinition } from './definition.js';

export interface ResolvedTarget {
  value: number;
  attainmentPct: number | null;
  period: DateRange;
  /** The days compared: the range's days inside the period (the whole range when the period covers it). */
  compared: DateRange;
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

/** One bucket of a series' target line: its first day and the target over the days it counts (null: none applies). */
export interface TargetLinePoint {
  date: string;
  value: number | null;
}

/**
 * The target line of a series: for each bucket (dated by its first day, as a series point), the target over the days
 * the bucket counts (those inside the range), like for like with the bucket's value: a count or sum is the target
 * prorated to those days, any other metric the target as set. A bucket has one only when all its days fall inside a
 * single target's period (the first such target of `targets`); a bucket straddling a period's edge (a Gregorian month
 * across the end of a Hijri year) has none rather than a part of one. Null when no bucket has a target.
 */
export function targetLine<T extends TargetDefinition>(
  targets: readonly T[], metric: MetricDefinition, range: DateRange, bucketStarts: readonly string[],
): TargetLinePoint[] | null {
  const points = bucketStarts.map((date, i) => {
    const days = {
      from: date > range.from ? date : range.from,
      to: i + 1 < bucketStarts.length ? minDay(addDays(bucketStarts[i + 1]!, -1), range.to) : range.to,
    };
    const target = days.from <= days.to ? targets.find((t) => t.from <= days.from && t.to >= days.to) : undefined;
    return { date, value: target ? targetFor(target, metric, days, null).value : null };
  });
  return points.some((p) => p.value !== null) ? points : null;
}

const minDay = (a: string, b: string) => (a < b ? a : b);
