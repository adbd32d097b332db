import { z } from 'zod';
import { AMANAHS } from '@amanah/domain';
import { AnalyticsError } from '../analytics-error.js';
import { DEFAULT_BASELINE_WEEKS, MAX_BASELINE_WEEKS, MIN_BASELINE_WEEKS } from './lift.js';

export const ANNOTATION_KINDS = ['CAMPAIGN', 'OUTAGE', 'HOLIDAY', 'POLICY'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** The longest span an annotation may cover. */
export const MAX_ANNOTATION_DAYS = 366;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const amanahIds = AMANAHS.map((a) => a.id) as [string, ...string[]];
const title = z.string().trim().min(1, 'a title is needed').max(200, 'a title is at most 200 characters');

/** AnnotationInput, checked for every transport: a kind, a date span, amanahs (none: every amanah in scope), titles. */
export const annotationInputSchema = z
  .object({
    kind: z.enum(ANNOTATION_KINDS),
    from: isoDate,
    to: isoDate,
    amanahs: z.array(z.enum(amanahIds, { error: (issue) => `unknown amanah: ${String(issue.input).slice(0, 50)}` })).max(amanahIds.length).nullish(),
    titleAr: title,
    titleEn: title,
    metric: z.string().min(1).max(100).nullish(),
  })
  .refine((a) => a.from <= a.to, { error: 'from must be on or before to', path: ['to'] })
  .refine((a) => (Date.parse(a.to) - Date.parse(a.from)) / 86_400_000 < MAX_ANNOTATION_DAYS, {
    error: `an annotation spans at most ${MAX_ANNOTATION_DAYS} days`, path: ['to'],
  })
  .refine((a) => !a.metric || a.kind === 'CAMPAIGN', { error: 'only a CAMPAIGN has a metric (its lift)', path: ['metric'] });

export type AnnotationInput = z.input<typeof annotationInputSchema>;

export const baselineWeeksSchema = z
  .number()
  .int()
  .min(MIN_BASELINE_WEEKS, `baselineWeeks is ${MIN_BASELINE_WEEKS}–${MAX_BASELINE_WEEKS}`)
  .max(MAX_BASELINE_WEEKS, `baselineWeeks is ${MIN_BASELINE_WEEKS}–${MAX_BASELINE_WEEKS}`)
  .default(DEFAULT_BASELINE_WEEKS);

/** Parses with a schema; the first problem becomes BAD_USER_INPUT naming the argument (e.g. `input.to`). */
export function parseAnnotationArg<T extends z.ZodType>(schema: T, value: unknown, root: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const argument = [root, ...issue.path.map(String)].join('.');
  throw new AnalyticsError('BAD_USER_INPUT', `${argument}: ${issue.message}`, argument);
}
