import { AnalyticsError } from '@amanah/analytics';
import type { z } from 'zod';

/** A refused report argument as the analytics services refuse theirs: BAD_USER_INPUT naming the argument. */
export function zodToAnalyticsError(error: z.ZodError): AnalyticsError {
  const issue = error.issues[0]!;
  const argument = issue.path.join('.') || undefined;
  const allowed = 'values' in issue && Array.isArray(issue.values) ? issue.values.map(String) : undefined;
  return new AnalyticsError('BAD_USER_INPUT', `${argument ? `${argument}: ` : ''}${issue.message}`, argument, allowed);
}
