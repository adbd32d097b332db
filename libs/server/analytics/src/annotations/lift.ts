import { addDays, daysInclusive, type IsoDate } from '@amanah/calendar';

/**
 * Campaign lift, pure: the metric on each day of the campaign's window against the same weekday of the K weeks
 * before it. The glossary (apps/web/src/glossary) explains the same method to readers; keep the two in step.
 *
 * - Window: the campaign's first day and the days after it, as many as its span (at most MAX_LIFT_DAYS), cut at
 *   yesterday (today is not over, so it is not compared).
 * - Baseline of a day d: the mean of the metric on d − 7, d − 14, …, d − 7K. The window's baseline is the mean of
 *   the K weekly totals of the same window shifted back 1…K weeks (= the sum of the daily baselines).
 * - Uncertainty: the sample standard deviation s of those K weekly totals, and a 95 % prediction interval for an
 *   ordinary window, baseline ± t(0.975, K − 1) · s · √(1 + 1/K). `claim` is ABOVE_ or BELOW_BASELINE when the observed total
 *   lies outside it, WITHIN_BASELINE otherwise. With K below MIN_CLAIM_WEEKS the interval is too wide to say anything: `claim` is
 *   INSUFFICIENT_BASELINE.
 */
export const MAX_LIFT_DAYS = 28;
export const DEFAULT_BASELINE_WEEKS = 8;
export const MIN_BASELINE_WEEKS = 2;
export const MAX_BASELINE_WEEKS = 12;
export const MIN_CLAIM_WEEKS = 4;

/** Student's t, two-sided 95 % (the 0.975 quantile), for 1 … 11 degrees of freedom (K = 2 … 12). */
const T_975: Readonly<Record<number, number>> = {
  1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 11: 2.201,
};

export type LiftClaim = 'ABOVE_BASELINE' | 'BELOW_BASELINE' | 'WITHIN_BASELINE' | 'INSUFFICIENT_BASELINE' | 'NOT_STARTED';

export interface LiftDay {
  date: IsoDate;
  value: number;
  /** Mean of the same weekday in the K weeks before. */
  baseline: number;
  /** Sample standard deviation of those K values. */
  baselineSd: number;
}

export interface Lift {
  /** The days compared (the window), and how many baseline weeks. */
  from: IsoDate;
  to: IsoDate | null;
  days: number;
  baselineWeeks: number;
  observed: number;
  baseline: number;
  baselineSd: number;
  /** The 95 % prediction interval of an ordinary window's total. */
  intervalLow: number;
  intervalHigh: number;
  lift: number;
  /** lift / baseline × 100; null when the baseline is 0. */
  liftPct: number | null;
  claim: LiftClaim;
  perDay: LiftDay[];
}

/** The window of a campaign from `start` to `end`, capped at MAX_LIFT_DAYS, ending before `today`; null when none has passed. */
export function liftWindow(start: IsoDate, end: IsoDate, today: IsoDate): { from: IsoDate; to: IsoDate; days: number } | null {
  if (start >= today) return null;
  const capped = Math.min(daysInclusive(start, end), MAX_LIFT_DAYS);
  const last = addDays(start, capped - 1);
  const yesterday = addDays(today, -1);
  const to = last > yesterday ? yesterday : last;
  return { from: start, to, days: daysInclusive(start, to) };
}

/** The days a lift reads: the window and K weeks before it. */
export function liftRange(window: { from: IsoDate; to: IsoDate }, weeks: number): { from: IsoDate; to: IsoDate } {
  return { from: addDays(window.from, -7 * weeks), to: window.to };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** Sample standard deviation (n − 1). */
function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/**
 * The lift of a window from daily values (a missing day is 0: the metric is additive). `valueOn(date)` answers the
 * metric on a day of liftRange(window, weeks).
 */
export function computeLift(window: { from: IsoDate; to: IsoDate; days: number }, weeks: number, valueOn: (date: IsoDate) => number): Lift {
  const dates = Array.from({ length: window.days }, (_, i) => addDays(window.from, i));
  const perDay = dates.map((date) => {
    const before = Array.from({ length: weeks }, (_, k) => valueOn(addDays(date, -7 * (k + 1))));
    return { date, value: valueOn(date), baseline: mean(before), baselineSd: sampleSd(before) };
  });
  const weeklyTotals = Array.from({ length: weeks }, (_, k) => dates.reduce((sum, date) => sum + valueOn(addDays(date, -7 * (k + 1))), 0));
  const observed = perDay.reduce((sum, day) => sum + day.value, 0);
  const baseline = mean(weeklyTotals);
  const baselineSd = sampleSd(weeklyTotals);
  const half = T_975[weeks - 1]! * baselineSd * Math.sqrt(1 + 1 / weeks);
  const intervalLow = baseline - half;
  const intervalHigh = baseline + half;
  const claim: LiftClaim =
    weeks < MIN_CLAIM_WEEKS ? 'INSUFFICIENT_BASELINE'
    : observed > intervalHigh ? 'ABOVE_BASELINE'
    : observed < intervalLow ? 'BELOW_BASELINE'
    : 'WITHIN_BASELINE';
  return {
    from: window.from,
    to: window.to,
    days: window.days,
    baselineWeeks: weeks,
    observed,
    baseline,
    baselineSd,
    intervalLow,
    intervalHigh,
    lift: observed - baseline,
    liftPct: baseline === 0 ? null : ((observed - baseline) / baseline) * 100,
    claim,
    perDay,
  };
}

/** The answer for a campaign that has not started yet (nothing to compare). */
export function notStarted(start: IsoDate, weeks: number): Lift {
  return {
    from: start, to: null, days: 0, baselineWeeks: weeks, observed: 0, baseline: 0, baselineSd: 0, intervalLow: 0, intervalHigh: 0,
    lift: 0, liftPct: null, claim: 'NOT_STARTED', perDay: [],
  };
}
