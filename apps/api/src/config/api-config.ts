import fs from 'node:fs';
import path from 'node:path';
import { AccessConfigError, accessConfigFromEnv, type AccessConfig } from '@amanah/access';
import { DeliverySettingsError, deliverySettingsFromEnv, type DeliverySettings } from '@amanah/delivery';
import { IngestSettingsError, ingestSettingsFromEnv, type IngestSettings } from '@amanah/ingest';
import { StoreConfigError, storeConfigFromEnv, type StoreConfig } from '@amanah/store';
import { z } from 'zod';
import { DEFAULT_FRAME_ANCESTORS, parseFrameAncestors } from '../http/security-headers.js';

/** The API's start-up configuration, read once from the environment (the contract's start-up table). */
export interface ApiConfig {
  port: number;
  /** Whether an empty store gets the demo data at start-up (`KPI_SEED_DEMO`, default true). */
  seedDemo: boolean;
  /** `production` hides error internals (stack traces, unexpected error messages) and the GraphiQL page. */
  production: boolean;
  logLevel: LogLevel;
  store: StoreConfig;
  access: AccessConfig;
  /** KPI_INGEST_MAX_BYTES, read here so that a bad value is one of the start-up problems. */
  ingest: IngestSettings;
  /** KPI_SMTP_URL, KPI_MAIL_FROM, KPI_WEBHOOK_ALLOWED_HOSTS. */
  delivery: DeliverySettings;
  /** KPI_DASHBOARDS_DIR: the dashboard files; unset = the workspace's dashboards folder. */
  dashboardsDir?: string;
  /** KPI_ANSWER_CACHE=false turns the answer cache off (the bench measures without it). */
  answerCache: boolean;
  /** KPI_QUERY_TIMEOUT_SECONDS: the longest a request's queries may take, waiting included (the engine stops them). */
  queryTimeoutSeconds: number;
  /** KPI_MAX_REQUEST_COST_MS: the most one request may cost, in estimated milliseconds (the query runner refuses more). */
  maxRequestCostMs: number;
  /** KPI_FRAME_ANCESTORS: who may frame the dashboard (CSP frame-ancestors); default `'none'`. */
  frameAncestors: readonly string[];
  /** KPI_METRICS_TOKEN: the Bearer token GET /metrics asks for; unset, /metrics is open. */
  metricsToken?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// An empty variable (`PORT=`) means "unset", as it does for most shells' users.
const unsetWhenBlank = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);

/** A whole number in [min, max], written in digits. */
const wholeNumber = (min: number, max: number, fallback: number, what = 'an integer') => {
  const error = `must be ${what} from ${min} to ${max}`;
  return z.preprocess(
    unsetWhenBlank,
    z.string().regex(/^\d+$/, { error }).transform(Number).pipe(z.number().min(min, { error }).max(max, { error })).default(fallback),
  );
};
const flag = (fallback: boolean) =>
  z.preprocess(
    unsetWhenBlank,
    z.enum(['true', 'false'], { error: 'must be true or false' }).default(fallback ? 'true' : 'false').transform((value) => value === 'true'),
  );

const envSchema = z.object({
  PORT: wholeNumber(1, 65535, 3000),
  KPI_SEED_DEMO: flag(true),
  LOG_LEVEL: z.preprocess(unsetWhenBlank, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  NODE_ENV: z.preprocess(unsetWhenBlank, z.string().optional()),
  // Checked here rather than when the dashboards load inside Nest, where a missing folder was a raw 21-line stack.
  KPI_DASHBOARDS_DIR: z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .optional()
      .superRefine((value, context) => {
        if (value === undefined || isDirectory(value)) return;
        const resolved = path.resolve(value);
        context.addIssue({ code: 'custom', message: `must be an existing folder of dashboard files: ${resolved} ${fs.existsSync(resolved) ? 'is not a folder' : 'does not exist'}` });
      }),
  ),
  KPI_ANSWER_CACHE: flag(true),
  KPI_QUERY_TIMEOUT_SECONDS: wholeNumber(1, 600, 15, 'a whole number of seconds'),
  KPI_MAX_REQUEST_COST_MS: wholeNumber(10, 10_000_000, 10_000, 'a whole number of milliseconds'),
  KPI_FRAME_ANCESTORS: z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .optional()
      .transform((value, context) => {
        const sources = value === undefined ? DEFAULT_FRAME_ANCESTORS : parseFrameAncestors(value);
        if (sources) return sources;
        context.addIssue({ code: 'custom', message: "must be none, self or http(s) origins such as https://portal.example.sa, separated by spaces" });
        return z.NEVER;
      }),
  ),
  // A secret a scraper sends: long enough not to be guessed, printable so that it fits a header.
  KPI_METRICS_TOKEN: z.preprocess(
    unsetWhenBlank,
    z.string().regex(/^[\x21-\x7e]{16,256}$/, { error: 'must be 16 to 256 printable characters without spaces' }).optional(),
  ),
});

/**
 * Validates the environment in one go and fails with one line naming every bad variable and its value, so that a
 * typo stops the start instead of surfacing later as a strange default.
 */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      problems.push(`${name} ${issue.message} (got "${env[name]}")`);
    }
  }
  const store = collectProblem(problems, StoreConfigError, () => storeConfigFromEnv(env));
  const access = collectProblem(problems, AccessConfigError, () => accessConfigFromEnv(env));
  const ingest = collectProblem(problems, IngestSettingsError, () => ingestSettingsFromEnv(env));
  const delivery = collectProblem(problems, DeliverySettingsError, () => deliverySettingsFromEnv(env));
  if (store?.kind === 'server' && access && access.sessionSecret === undefined) {
    // Several API processes share a server: a session signed by one must be accepted by the others, and by the same
    // process after a restart, so the secret cannot be a random one of each process.
    problems.push('KPI_SESSION_SECRET must be set when CLICKHOUSE_URL is (every API process over the server signs sessions with it)');
  }
  if (!parsed.success || !store || !access || !ingest || !delivery || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    port: parsed.data.PORT,
    seedDemo: parsed.data.KPI_SEED_DEMO,
    production: parsed.data.NODE_ENV === 'production',
    logLevel: parsed.data.LOG_LEVEL,
    store,
    access,
    ingest,
    delivery,
    dashboardsDir: parsed.data.KPI_DASHBOARDS_DIR && path.resolve(parsed.data.KPI_DASHBOARDS_DIR),
    answerCache: parsed.data.KPI_ANSWER_CACHE,
    queryTimeoutSeconds: parsed.data.KPI_QUERY_TIMEOUT_SECONDS,
    maxRequestCostMs: parsed.data.KPI_MAX_REQUEST_COST_MS,
    frameAncestors: parsed.data.KPI_FRAME_ANCESTORS,
    metricsToken: parsed.data.KPI_METRICS_TOKEN,
  };
}

/** A library's own reader of its variables: its configuration error becomes one of the listed problems. */
function collectProblem<T>(problems: string[], expected: new (message: string) => Error, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
