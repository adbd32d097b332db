import { z } from 'zod';
import { AnalyticsError } from '@amanah/analytics';
import { HIJRI_YEAR_MAX, HIJRI_YEAR_MIN, isSeasonPreset, RANGE_PRESETS } from '@amanah/calendar';
import { COMPARISONS } from '@amanah/domain';
import { ALERT_CONDITIONS } from './alert-conditions.js';
import { SCHEDULE_EVERY } from './schedule.js';

/** The contract's inputs (SubscriptionInput, AlertRuleInput), checked here for every transport. */
export const MAX_RECIPIENTS = 20;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const range = z
  .object({
    from: isoDate.nullish(), to: isoDate.nullish(), preset: z.enum(RANGE_PRESETS).nullish(),
    hijriYear: z.number().int().min(HIJRI_YEAR_MIN, `a Hijri year from ${HIJRI_YEAR_MIN}`).max(HIJRI_YEAR_MAX, `a Hijri year up to ${HIJRI_YEAR_MAX}`).nullish(),
  })
  .refine((r) => Boolean(r.preset) !== Boolean(r.from && r.to), { error: 'give either a preset or both from and to' })
  // A season's year is kept, so that "Ramadan 1445" stays that Ramadan at every send.
  .refine((r) => r.hijriYear == null || (r.preset != null && isSeasonPreset(r.preset)), { error: 'hijriYear goes with a season preset (ramadan, hajj_season, eid_al_fitr, eid_al_adha)', path: ['hijriYear'] });
const recipients = z
  .array(z.email({ error: (issue) => `not an e-mail address: ${String(issue.input).slice(0, 100)}` }))
  .max(MAX_RECIPIENTS, { error: `at most ${MAX_RECIPIENTS} recipients` });
const filters = z.array(z.object({ dimension: z.string().min(1).max(100), values: z.array(z.string().min(1).max(200)).min(1).max(100) })).max(20);

export const scheduleSchema = z
  .object({
    every: z.enum(SCHEDULE_EVERY),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'at is HH:MM, 00:00–23:59 (Asia/Riyadh)'),
    weekday: z.number().int().min(1, 'weekday is 1 (Sunday) … 7 (Saturday)').max(7, 'weekday is 1 (Sunday) … 7 (Saturday)').nullish(),
    dayOfMonth: z.number().int().min(1, 'dayOfMonth is 1–31').max(31, 'dayOfMonth is 1–31').nullish(),
  })
  .refine((s) => s.every !== 'WEEK' || s.weekday, { error: 'a weekly schedule needs weekday (1 = Sunday … 7 = Saturday)', path: ['weekday'] })
  .refine((s) => s.every !== 'MONTH' || s.dayOfMonth, { error: 'a monthly schedule needs dayOfMonth (1–31)', path: ['dayOfMonth'] });

export const subscriptionInputSchema = z
  .object({
    dashboard: z.string().min(1).max(100).nullish(),
    factSheet: z.string().min(1).max(100).nullish(),
    amanah: z.string().min(1).max(50).nullish(),
    range: range.nullish(),
    compare: z.enum(COMPARISONS).nullish(),
    recipients: recipients.min(1, { error: 'give at least one recipient' }),
    schedule: scheduleSchema,
    lang: z.enum(['AR', 'EN']).nullish(),
    digits: z.enum(['LATN', 'ARAB']).nullish(),
  })
  .refine((s) => Boolean(s.dashboard) !== Boolean(s.factSheet), { error: 'give either dashboard or factSheet', path: ['dashboard'] });

/** A range as transports give it: from/to or a preset (a season's with its Hijri year), checked by the schemas here. */
export interface RangeInput {
  from?: string | null;
  to?: string | null;
  preset?: string | null;
  hijriYear?: number | null;
}

/** SubscriptionInput as a transport gives it (strings and numbers); `subscriptionInputSchema` checks every field. */
export interface SubscriptionInput {
  dashboard?: string | null;
  factSheet?: string | null;
  amanah?: string | null;
  range?: RangeInput | null;
  compare?: string | null;
  recipients: readonly string[];
  schedule: { every: string; at: string; weekday?: number | null; dayOfMonth?: number | null };
  lang?: string | null;
  digits?: string | null;
}

export const alertRuleInputSchema = z
  .object({
    metric: z.string().min(1).max(100),
    amanah: z.string().min(1).max(50).nullish(),
    filters: filters.nullish(),
    range,
    condition: z.enum(ALERT_CONDITIONS),
    threshold: z.number().finite(),
    recipients: recipients.nullish(),
    webhookUrl: z.string().max(2000).nullish(),
  })
  .refine((r) => (r.recipients?.length ?? 0) > 0 || Boolean(r.webhookUrl), { error: 'give recipients, a webhookUrl, or both', path: ['recipients'] });

/** AlertRuleInput as a transport gives it; `alertRuleInputSchema` checks every field. */
export interface AlertRuleInput {
  metric: string;
  amanah?: string | null;
  filters?: ReadonlyArray<{ dimension: string; values: readonly string[] }> | null;
  range: RangeInput;
  condition: string;
  threshold: number;
  recipients?: readonly string[] | null;
  webhookUrl?: string | null;
}

/** Parses with a schema; the first problem becomes BAD_USER_INPUT naming the argument (e.g. `input.schedule.at`). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const argument = ['input', ...issue.path.map(String)].join('.');
  throw new AnalyticsError('BAD_USER_INPUT', `${argument}: ${issue.message}`, argument);
}
