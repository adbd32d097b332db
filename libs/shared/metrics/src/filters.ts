import { findMetric } from './catalogue.js';
import { allowedValues } from './dimensions.js';
import type { DimensionId } from './types.js';

export interface DimensionFilterValues {
  dimension: string;
  values: readonly string[];
}

/**
 * Filters split for one metric: a filter applies when the metric has its dimension, with those of its values the
 * metric's dataset knows (a channel "app" of citizen reports is none of the portal's); the rest do not. What a
 * dashboard widget applies of the view's filters (and says it could not), and what a target set from that view is for.
 * An unknown metric applies none.
 */
export function splitFiltersFor(metricId: string, filters: readonly DimensionFilterValues[] | null | undefined): {
  applied: DimensionFilterValues[]; unapplied: DimensionFilterValues[];
} {
  const metric = findMetric(metricId);
  const applied: DimensionFilterValues[] = [];
  const unapplied: DimensionFilterValues[] = [];
  for (const filter of filters ?? []) {
    const dimension = filter.dimension as DimensionId;
    if (!metric?.dimensions.includes(dimension)) {
      unapplied.push(filter);
      continue;
    }
    const known = allowedValues(dimension, metric.dataset);
    const values = known ? filter.values.filter((v) => known.includes(v)) : [...filter.values];
    if (values.length > 0) applied.push({ dimension: filter.dimension, values });
    if (values.length < filter.values.length) unapplied.push({ dimension: filter.dimension, values: filter.values.filter((v) => !values.includes(v)) });
  }
  return { applied, unapplied };
}

/**
 * The filters a target was set for, as one canonical string: the dimension filters other than the amanah (a target
 * has its own amanah), each with its values sorted and deduplicated, in dimension order, as JSON; '' for none. Two
 * questions with the same filters have the same key whatever their order: a target applies only to a question with
 * its key (like for like).
 */
export function targetFiltersKey(filters: readonly DimensionFilterValues[] | null | undefined): string {
  const kept = (filters ?? [])
    .filter((f) => f.dimension !== 'amanah')
    .map((f) => ({ dimension: f.dimension, values: [...new Set(f.values)].sort() }))
    .sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : a.values.join('\u0000') < b.values.join('\u0000') ? -1 : 1));
  return kept.length === 0 ? '' : JSON.stringify(kept);
}
