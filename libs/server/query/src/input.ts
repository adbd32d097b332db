import { MAX_RANGE_YEARS, RANGE_PRESETS, RangeError, resolvePreset, validateRange, type RangePreset, type ResolvedRange } from '@amanah/calendar';
import { allowedValues, DIMENSION_IDS, findMetric, METRIC_IDS, type DimensionId, type MetricDefinition } from '@amanah/metrics';
import type { Filter } from './planner.js';

/**
 * Validation of everything a caller sends, before anything reaches the planner. Each failure names the argument
 * and, where there is a closed list, the allowed values; the API turns it into BAD_USER_INPUT.
 */
export class QueryInputError extends Error {
  override name = 'QueryInputError';
  constructor(
    readonly argument: string,
    message: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

const MAX_FILTER_VALUES = 100;
const MAX_VALUE_LENGTH = 200;

export function resolveMetric(id: string, argument = 'metric'): MetricDefinition {
  const metric = findMetric(id);
  if (!metric) throw new QueryInputError(argument, `Unknown metric "${id}". Allowed: ${METRIC_IDS.join(', ')}`, METRIC_IDS);
  return metric;
}

export function resolveDimension(metric: MetricDefinition, id: string, argument: string): DimensionId {
  if (!(DIMENSION_IDS as readonly string[]).includes(id)) {
    throw new QueryInputError(argument, `Unknown dimension "${id}". Allowed for ${metric.id}: ${metric.dimensions.join(', ')}`, metric.dimensions);
  }
  if (!metric.dimensions.includes(id as DimensionId)) {
    throw new QueryInputError(argument, `Dimension "${id}" is not allowed for ${metric.id}. Allowed: ${metric.dimensions.join(', ')}`, metric.dimensions);
  }
  return id as DimensionId;
}

export function resolveFilters(
  metric: MetricDefinition,
  filters: ReadonlyArray<{ dimension: string; values: readonly string[] }> | null | undefined,
  argument = 'filters',
): Filter[] {
  return (filters ?? []).map((filter, i) => {
    const at = `${argument}[${i}]`;
    const dimension = resolveDimension(metric, filter.dimension, `${at}.dimension`);
    if (filter.values.length === 0) throw new QueryInputError(`${at}.values`, `${at}.values is empty: give at least one value`);
    if (filter.values.length > MAX_FILTER_VALUES) {
      throw new QueryInputError(`${at}.values`, `${at}.values has ${filter.values.length} values; at most ${MAX_FILTER_VALUES}`);
    }
    const allowed = allowedValues(dimension, metric.dataset);
    for (const value of filter.values) {
      if (value.length > MAX_VALUE_LENGTH) throw new QueryInputError(`${at}.values`, `${at}.values has a value longer than ${MAX_VALUE_LENGTH} characters`);
      if (allowed && !allowed.includes(value)) {
        throw new QueryInputError(`${at}.values`, `Unknown ${dimension} "${value}" in ${at}.values. Allowed: ${allowed.join(', ')}`, allowed);
      }
    }
    return { dimension, values: [...new Set(filter.values)] };
  });
}

export interface RangeInput {
  from?: string | null;
  to?: string | null;
  preset?: string | null;
  /** With a season preset (ramadan, hajj_season, eid_al_fitr, eid_al_adha): that Hijri year's season. */
  hijriYear?: number | null;
}

/** A range is either a preset (a season's with its Hijri year) or from + to; presets resolve against today's date in Riyadh. */
export function resolveRange(input: RangeInput, today: string, argument = 'range'): ResolvedRange {
  try {
    if (input.preset) {
      if (input.from || input.to) throw new QueryInputError(argument, `${argument}: give either a preset or from/to, not both`);
      if (!(RANGE_PRESETS as readonly string[]).includes(input.preset)) {
        throw new QueryInputError(`${argument}.preset`, `Unknown preset "${input.preset}". Allowed: ${RANGE_PRESETS.join(', ')}`, RANGE_PRESETS);
      }
      return resolvePreset(input.preset as RangePreset, today, input.hijriYear ?? undefined);
    }
    if (input.hijriYear != null) throw new QueryInputError(`${argument}.hijriYear`, `${argument}.hijriYear goes with a season preset, not with from/to`);
    if (!input.from || !input.to) {
      throw new QueryInputError(argument, `${argument} needs both from and to (dates YYYY-MM-DD, at most ${MAX_RANGE_YEARS} years apart), or a preset`);
    }
    return validateRange({ from: input.from, to: input.to }, argument);
  } catch (error) {
    if (error instanceof RangeError) throw new QueryInputError(error.argument, error.message);
    throw error;
  }
}
