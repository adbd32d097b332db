import { z } from 'zod';
import { RANGE_PRESETS } from '@amanah/calendar';
import { COMPARISONS, GRANULARITIES } from '@amanah/domain';

/**
 * The shape of a dashboard file in dashboards/*.json. The API validates every file at start-up (this schema, then
 * the metric catalogue), and the web renders whatever the API serves, so a dashboard is data, not code.
 */
/** The closed lists of a dashboard file; the GraphQL enums WidgetType, TrendChart and Audience are these. */
export const WIDGET_TYPES = ['kpi', 'trend', 'bar', 'donut', 'ranking', 'heatmap'] as const;
export const TREND_CHARTS = ['line', 'area'] as const;
export const AUDIENCES = ['decision_makers', 'it', 'press'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

const localized = z.object({ ar: z.string().min(1), en: z.string().min(1) }).strict();
const filter = z.object({ dimension: z.string().min(1), values: z.array(z.string().min(1)).min(1) }).strict();
const widgetBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'widget ids are lowercase words joined by hyphens'),
  metric: z.string().min(1),
  title: localized.optional(),
  filters: z.array(filter).default([]),
  /** How many grid columns of 12 the widget spans on a wide screen. */
  span: z.number().int().min(1).max(12).default(3),
};

export const widgetSchema = z.discriminatedUnion('type', [
  z.object({ ...widgetBase, type: z.literal('kpi'), approximate: z.boolean().default(false) }).strict(),
  z.object({ ...widgetBase, type: z.literal('trend'), breakdownBy: z.string().optional(), chart: z.enum(TREND_CHARTS).default('line') }).strict(),
  z.object({ ...widgetBase, type: z.literal('bar'), dimension: z.string(), limit: z.number().int().min(1).max(50).default(10) }).strict(),
  z.object({ ...widgetBase, type: z.literal('donut'), dimension: z.string(), limit: z.number().int().min(1).max(12).default(6) }).strict(),
  z.object({ ...widgetBase, type: z.literal('ranking') }).strict(),
  z.object({ ...widgetBase, type: z.literal('heatmap') }).strict(),
]);

export const dashboardSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: localized,
    description: localized,
    audience: z.enum(AUDIENCES),
    defaults: z
      .object({
        preset: z.enum(RANGE_PRESETS).default('last_year'),
        compare: z.enum(COMPARISONS).default('PREVIOUS_PERIOD'),
        granularity: z.enum(GRANULARITIES).default('MONTH'),
      })
      .strict(),
    widgets: z.array(widgetSchema).min(1),
  })
  .strict();

export type DashboardDefinition = z.infer<typeof dashboardSchema>;
export type WidgetDefinition = z.infer<typeof widgetSchema>;

/** A target for a metric: for one amanah (or all of them, summed), over one period. */
export const targetSchema = z
  .object({
    metric: z.string().min(1),
    amanah: z.string().min(1).optional(),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    value: z.number().positive(),
  })
  .strict();
export const targetsFileSchema = z.object({ targets: z.array(targetSchema) }).strict();
export type TargetDefinition = z.infer<typeof targetSchema>;
