import { DATASETS } from '@amanah/domain';
import { DIMENSIONS, type Condition, type DimensionId, type MetricDefinition } from '@amanah/metrics';
import type { MetricQuery } from './query-types.js';

/**
 * A query's WHERE conditions and parameters as the planner builds them: the range's bounds, the caller's scope, the
 * filters, and the metric's own conditions. Values reach SQL only as {name:Type} parameters.
 */
export class Conditions {
  readonly params: Record<string, unknown>;
  /** Joined with AND; the period conditions are added by the printers (levels) and measures (the others). */
  readonly where: string[] = [];

  constructor(private readonly query: MetricQuery) {
    this.params = { from: query.range.from, to: query.range.to };
    if (query.scope) {
      this.params.scope = [...query.scope];
      this.where.push(`${columnOf(query.metric, 'amanah')} IN {scope:Array(String)}`);
    }
    query.filters.forEach((filter, i) => {
      this.params[`f${i}`] = [...filter.values];
      this.where.push(`${valueColumn(query.metric, filter.dimension)} IN {f${i}:Array(String)}`);
    });
  }

  /** A metric's fixed condition (never input), its values the parameter `name`. */
  condition(c: Condition, name: string): string {
    this.params[name] = [...c.values];
    return `${valueColumn(this.query.metric, c.dimension)} ${c.op === 'in' ? 'IN' : 'NOT IN'} {${name}:Array(String)}`;
  }
}

export function columnOf(metric: MetricDefinition, dimension: DimensionId): string {
  const column = DIMENSIONS[dimension].columns[metric.dataset];
  if (!column) throw new Error(`Dimension ${dimension} has no column in ${metric.dataset} (metric ${metric.id})`);
  return column;
}

/** The column as a string, for IN lists and keys: Bool columns read 'true' / 'false'. */
export function valueColumn(metric: MetricDefinition, dimension: DimensionId): string {
  const column = columnOf(metric, dimension);
  const field = DATASETS[metric.dataset].fields.find((f) => f.name === column);
  return field?.kind.type === 'bool' ? `toString(${column})` : column;
}
