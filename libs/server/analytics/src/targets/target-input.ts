import { z } from 'zod';
import { addDays, hijriYearRange, type DateRange } from '@amanah/calendar';
import { AMANAHS } from '@amanah/domain';

const amanahIds = AMANAHS.map((a) => a.id) as [string, ...string[]];

/**
 * TargetInput, checked for every transport: a metric, an amanah (none: every amanah, summed), a period — a
 * Gregorian year, a Gregorian month of it, or a Hijri year — a positive value, and the filters it is for (none: the
 * metric unfiltered).
 */
export const targetInputSchema = z
  .object({
    metric: z.string().min(1).max(100),
    amanah: z.enum(amanahIds, { error: (issue) => `unknown amanah: ${String(issue.input).slice(0, 50)}` }).nullish(),
    calendar: z.enum(['GREGORIAN', 'HIJRI']),
    year: z.number().int(),
    month: z.number().int().min(1, 'a month is 1–12').max(12, 'a month is 1–12').nullish(),
    value: z.number().positive('a target is above 0').max(1e12, 'a target is at most 10^12'),
    /** The dimension filters (not the amanah) of the view it is set for; checked against the metric by the service. */
    filters: z.array(z.object({ dimension: z.string().min(1).max(64), values: z.array(z.string().max(200)).min(1).max(100) })).max(20).nullish(),
  })
  .refine((t) => (t.calendar === 'GREGORIAN' ? t.year >= 2000 && t.year <= 2100 : t.year >= 1420 && t.year <= 1520), {
    error: 'a Gregorian year is 2000–2100, a Hijri year 1420–1520', path: ['year'],
  })
  .refine((t) => t.calendar === 'GREGORIAN' || !t.month, { error: 'a Hijri target is for a whole year', path: ['month'] });

export type TargetInput = z.input<typeof targetInputSchema>;

/** The period's Gregorian days and its label: '2025', '2025-03' or (Hijri) '1446'. */
export function targetPeriod(input: z.output<typeof targetInputSchema>): DateRange & { label: string } {
  if (input.calendar === 'HIJRI') return { ...hijriYearRange(input.year), label: String(input.year) };
  if (!input.month) return { from: `${input.year}-01-01`, to: `${input.year}-12-31`, label: String(input.year) };
  const month = String(input.month).padStart(2, '0');
  const next = input.month === 12 ? `${input.year + 1}-01-01` : `${input.year}-${String(input.month + 1).padStart(2, '0')}-01`;
  return { from: `${input.year}-${month}-01`, to: addDays(next, -1), label: `${input.year}-${month}` };
}
