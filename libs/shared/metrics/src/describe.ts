import { DATASETS } from '@amanah/domain';
import type { MetricDefinition } from './types.js';

/** A dataset whose time column is a date (one row per day) counts rows by day, the others by event time. */
function timeOf(metric: MetricDefinition): string {
  const dataset = DATASETS[metric.dataset];
  const time = dataset.fields.find((field) => field.name === dataset.time);
  return time?.kind.type === 'date' ? 'day' : 'event time';
}

/**
 * A metric's definition in words, derived from its aggregate: what the API reports as `Provenance.definition`,
 * e.g. "count of office_visits rows by event time".
 */
export function describeMetric(metric: MetricDefinition): string {
  const a = metric.aggregate;
  switch (a.fn) {
    case 'count': return `count of ${metric.dataset} rows by ${timeOf(metric)}`;
    case 'sum': return `sum of ${metric.dataset}.${a.column}`;
    case 'distinct': return `exact distinct ${metric.dataset}.${a.column}`;
    case 'share': return `${metric.dataset} rows with ${a.where.dimension} ${a.where.op === 'in' ? 'in' : 'not in'} (${a.where.values.join(', ')}) ÷ all rows × 100`;
    case 'per_day': return `count of ${metric.dataset} rows ÷ days in range`;
    case 'median_hours': return `median hours of ${a.end} − ${a.start} over ${metric.dataset} rows with ${a.where.dimension} in (${a.where.values.join(', ')})`;
    case 'last_level': return `last ${metric.dataset}.${a.column} on or before the range end, per ${a.per.join(' and ')}, summed`;
  }
}
