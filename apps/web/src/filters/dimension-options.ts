import { allowedValues, DIMENSION_IDS, findMetric, type DimensionId } from '@amanah/metrics';

export interface DimensionOption {
  dimension: DimensionId;
  /** The catalogue's values of that dimension in the datasets of the metrics that have it. */
  values: readonly string[];
}

/**
 * The dimensions the filter bar offers on a dashboard: those (the amanah aside, it has its own field) that at least
 * two of its metrics share, as the API lists each metric's dimensions, with a closed list of values.
 */
export function dashboardDimensions(metrics: ReadonlyArray<{ id: string; dimensions: readonly string[] }>): DimensionOption[] {
  const unique = [...new Map(metrics.map((m) => [m.id, m])).values()];
  return DIMENSION_IDS.filter((d) => d !== 'amanah').flatMap((dimension) => {
    const having = unique.filter((m) => m.dimensions.includes(dimension));
    if (having.length < 2) return [];
    const values = new Set<string>();
    for (const m of having) {
      const dataset = findMetric(m.id)?.dataset;
      for (const v of (dataset && allowedValues(dimension, dataset)) || []) values.add(v);
    }
    return values.size > 0 ? [{ dimension, values: [...values] }] : [];
  });
}
