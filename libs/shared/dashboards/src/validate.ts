import { isAmanahId } from '@amanah/domain';
import { allowedValues, DIMENSION_IDS, findMetric, type DimensionId } from '@amanah/metrics';
import { z } from 'zod';
import { dashboardSchema, targetsFileSchema, type DashboardDefinition, type TargetDefinition, type WidgetDefinition } from './definition.js';

/** One problem in one file, located precisely enough to fix without searching: file, widget, name. */
export class DashboardFileError extends Error {
  override name = 'DashboardFileError';
}

/** Parses and checks a dashboard file against the schema and the metric catalogue; throws on the first problem. */
export function parseDashboard(source: string, file: string): DashboardDefinition {
  const dashboard = parseJson(source, file, dashboardSchema);
  const seen = new Set<string>();
  for (const widget of dashboard.widgets) {
    const where = `${file}: widget "${widget.id}"`;
    if (seen.has(widget.id)) throw new DashboardFileError(`${where}: the id is used twice`);
    seen.add(widget.id);
    checkWidget(widget, where);
  }
  if (!file.endsWith(`${dashboard.id}.json`)) throw new DashboardFileError(`${file}: id "${dashboard.id}" must match the file name`);
  return dashboard;
}

export function parseTargets(source: string, file: string): TargetDefinition[] {
  const { targets } = parseJson(source, file, targetsFileSchema);
  targets.forEach((target, i) => {
    const where = `${file}: targets[${i}]`;
    if (!findMetric(target.metric)) throw new DashboardFileError(`${where}: unknown metric "${target.metric}"`);
    if (target.amanah && !isAmanahId(target.amanah)) throw new DashboardFileError(`${where}: unknown amanah "${target.amanah}"`);
    if (target.from > target.to) throw new DashboardFileError(`${where}: from ${target.from} is after to ${target.to}`);
  });
  return targets;
}

function parseJson<T>(source: string, file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new DashboardFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new DashboardFileError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

function checkWidget(widget: WidgetDefinition, where: string): void {
  const metric = findMetric(widget.metric);
  if (!metric) throw new DashboardFileError(`${where}: unknown metric "${widget.metric}"`);
  const checkDimension = (dimension: string, role: string): DimensionId => {
    if (!(DIMENSION_IDS as readonly string[]).includes(dimension) || !metric.dimensions.includes(dimension as DimensionId)) {
      throw new DashboardFileError(`${where}: ${role} "${dimension}" is not a dimension of ${metric.id} (allowed: ${metric.dimensions.join(', ')})`);
    }
    return dimension as DimensionId;
  };
  for (const filter of widget.filters) {
    const dimension = checkDimension(filter.dimension, 'filter dimension');
    const allowed = allowedValues(dimension, metric.dataset);
    const unknown = allowed && filter.values.find((v) => !allowed.includes(v));
    if (unknown) throw new DashboardFileError(`${where}: unknown ${dimension} "${unknown}" in a filter`);
  }
  if ((widget.type === 'bar' || widget.type === 'donut')) checkDimension(widget.dimension, 'dimension');
  if (widget.type === 'trend' && widget.breakdownBy) checkDimension(widget.breakdownBy, 'breakdownBy');
  if (widget.type === 'ranking' && !metric.dimensions.includes('amanah')) {
    throw new DashboardFileError(`${where}: a ranking needs a metric with the amanah dimension`);
  }
  if (widget.type === 'heatmap' && metric.dataset !== 'portal_visits') {
    throw new DashboardFileError(`${where}: the weekday × hour heatmap is for portal metrics (got ${metric.id})`);
  }
}
