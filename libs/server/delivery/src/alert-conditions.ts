import type { Caller } from '@amanah/access';
import type { AnalyticsService, Kpi } from '@amanah/analytics';
import { toDayNumber } from '@amanah/calendar';
import type { AlertRuleRecord } from './delivery-store.js';

export const ALERT_CONDITIONS = ['ABOVE', 'BELOW', 'CHANGE_PCT_ABOVE', 'CHANGE_PCT_BELOW', 'ATTAINMENT_BELOW', 'STALE_DAYS'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export interface Evaluation {
  /** The figure compared with the threshold (the value, the change %, the attainment %, the days without data); null: none. */
  value: number | null;
  breached: boolean;
}

/**
 * One rule, evaluated with the analytics service under the rule creator's scope (the same `kpi` as GraphQL):
 * ABOVE / BELOW the value; CHANGE_PCT_* the change against the previous period, in percent; ATTAINMENT_BELOW the
 * target attainment in percent; STALE_DAYS the days since the newest row in the range (as of `today`). A figure
 * that cannot be computed (a ratio without rows, no target) breaches nothing.
 */
export async function evaluateRule(analytics: AnalyticsService, rule: AlertRuleRecord, caller: Caller, today: string): Promise<Evaluation> {
  const condition = rule.condition as AlertCondition;
  const kpi: Kpi = await analytics.kpi(caller, {
    metric: rule.metric,
    range: rule.range,
    filters: [...rule.filters, ...(rule.amanah ? [{ dimension: 'amanah', values: [rule.amanah] }] : [])],
    compare: condition === 'CHANGE_PCT_ABOVE' || condition === 'CHANGE_PCT_BELOW' ? 'PREVIOUS_PERIOD' : 'NONE',
  });
  const value = figureOf(condition, kpi, today);
  if (value === null) return { value, breached: false };
  const breached =
    condition === 'ABOVE' || condition === 'CHANGE_PCT_ABOVE' ? value > rule.threshold
    : condition === 'STALE_DAYS' ? value >= rule.threshold
    : value < rule.threshold;
  return { value, breached };
}

function figureOf(condition: AlertCondition, kpi: Kpi, today: string): number | null {
  switch (condition) {
    case 'ABOVE':
    case 'BELOW':
      return kpi.value;
    case 'CHANGE_PCT_ABOVE':
    case 'CHANGE_PCT_BELOW':
      return kpi.changePct;
    case 'ATTAINMENT_BELOW':
      return kpi.target?.attainmentPct ?? null;
    case 'STALE_DAYS': {
      // No row in the range at all: stale since the range began.
      const newest = kpi.asOf ? kpi.asOf.slice(0, 10) : kpi.range.from;
      return toDayNumber(today) - toDayNumber(newest);
    }
  }
}
