import { z } from 'zod';

/** The contract's delivery variables, read once at start-up. */
export interface DeliverySettings {
  /** KPI_SMTP_URL: `smtp://host:port` or `smtps://user:pass@host:port`; unset: e-mails are recorded as FAILED, not sent. */
  smtpUrl: string | null;
  /** KPI_MAIL_FROM: the From of every e-mail. */
  mailFrom: string;
  /** KPI_WEBHOOK_ALLOWED_HOSTS: host names or addresses a webhook may target (lower case); empty: none. */
  webhookAllowedHosts: readonly string[];
}

export const DELIVERY_SETTINGS = Symbol('DeliverySettings');
export const DEFAULT_MAIL_FROM = 'Amanah KPI <kpi@localhost>';

export class DeliverySettingsError extends Error {
  override name = 'DeliverySettingsError';
}

const blankAsUnset = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[?[0-9a-f:]+\]?$/;

const schema = z.object({
  KPI_SMTP_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((value) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol), { error: 'must be smtp://host:port or smtps://user:pass@host:port' })
      .optional(),
  ),
  KPI_MAIL_FROM: z.preprocess(blankAsUnset, z.string().max(200).default(DEFAULT_MAIL_FROM)),
  KPI_WEBHOOK_ALLOWED_HOSTS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .default('')
      .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))
      .refine((hosts) => hosts.every((host) => HOST.test(host)), { error: 'must be comma-separated host names or addresses' }),
  ),
});

/** Reads the variables; a bad one is a DeliverySettingsError naming it (and never its secret-bearing value). */
export function deliverySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DeliverySettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new DeliverySettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  return {
    smtpUrl: parsed.data.KPI_SMTP_URL ?? null,
    mailFrom: parsed.data.KPI_MAIL_FROM,
    webhookAllowedHosts: parsed.data.KPI_WEBHOOK_ALLOWED_HOSTS,
  };
}
