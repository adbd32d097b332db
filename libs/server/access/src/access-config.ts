import { isIP } from 'node:net';
import { z } from 'zod';
import type { BucketRate } from './token-bucket.js';

/**
 * Express's `trust proxy` setting, which decides where `req.ip` (the address the failed-attempt limit counts)
 * comes from: false = the TCP peer, X-Forwarded-For ignored; true = the left-most X-Forwarded-For address, whoever
 * sent it (only behind a proxy that overwrites the header); a hop count n = the address n proxies back; addresses
 * or CIDRs (and Express's names loopback, linklocal, uniquelocal) = the last address not sent by those proxies.
 */
export type TrustProxy = boolean | number | readonly string[];

export interface AccessConfig {
  /** KPI_ADMIN_KEY: accepted as an admin key with every amanah (bootstrap, before any key exists). */
  adminKey?: string;
  /**
   * KPI_SESSION_SECRET: signs session cookies (HMAC-SHA256). Unset: a random secret per process, so sessions end
   * when the API restarts; set it (≥ 32 characters) to keep dashboard sessions across restarts.
   */
  sessionSecret?: string;
  /** How long a dashboard session lasts (KPI_SESSION_HOURS, default 8). */
  sessionTtlSeconds: number;
  /** KPI_DEMO_LOGIN: whether GET /api/session/demo exists (the local demo's sign-in link). Default false. */
  demoLogin: boolean;
  /** KPI_TRUST_PROXY: who may say, in X-Forwarded-For, which client a request came from. Default false: nobody. */
  trustProxy: TrustProxy;
  /** How long a verified key is trusted without asking the store again (revocation in this process is immediate). */
  keyCacheTtlMs: number;
  /** OpenID Connect sign-in for the dashboard (the KPI_OIDC_* variables, all or none); undefined = not offered. */
  oidc?: OidcConfig;
  rateLimits: {
    /** Per key, GraphQL requests (KPI_RATE_LIMIT_PER_SECOND / KPI_RATE_LIMIT_BURST, default 20/s, burst 60). */
    graphql: BucketRate;
    /** Per key, REST requests (ingest, session): same variables as GraphQL. */
    http: BucketRate;
    /** Per client address, failed authentications and sign-in attempts: slows down key guessing and scrypt floods. */
    signIn: BucketRate;
    /**
     * Per key, estimated engine milliseconds of its queries (the query runner's cost; KPI_COST_BUDGET_PER_SECOND /
     * KPI_COST_BUDGET_BURST, default 500 ms a second, burst 30,000): what one key may ask of the engine over time.
     */
    cost: BucketRate;
  };
}

/** The ministry's identity provider, and which ID-token claims say the role and the amanahs (oidc-sign-in.ts). */
export interface OidcConfig {
  /** KPI_OIDC_ISSUER: the issuer URL (https; http only on loopback, for tests and local providers). */
  issuer: string;
  /** KPI_OIDC_CLIENT_ID / KPI_OIDC_CLIENT_SECRET: this dashboard as a confidential client of the provider. */
  clientId: string;
  clientSecret: string;
  /** KPI_OIDC_ROLE_CLAIM: the claim holding one role (viewer, press, analyst, ingest, admin). */
  roleClaim: string;
  /** KPI_OIDC_AMANAH_CLAIM: the claim holding amanah ids (an array or a comma list), or "all". */
  amanahClaim: string;
}

export class AccessConfigError extends Error {
  override name = 'AccessConfigError';
}

export const DEFAULT_ACCESS_CONFIG: AccessConfig = {
  sessionTtlSeconds: 8 * 3600,
  demoLogin: false,
  trustProxy: false,
  keyCacheTtlMs: 30_000,
  rateLimits: {
    graphql: { perSecond: 20, burst: 60 },
    http: { perSecond: 20, burst: 60 },
    signIn: { perSecond: 1, burst: 10 },
    cost: { perSecond: 500, burst: 30_000 },
  },
};

/** The shortest KPI_ADMIN_KEY accepted: a short bootstrap key would be the weakest door into every amanah. */
export const MIN_ADMIN_KEY_LENGTH = 24;
const MIN_SESSION_SECRET_LENGTH = 32;

const unsetWhenBlank = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);
const positiveNumber = () =>
  z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'must be a positive number' })
      .transform(Number)
      .pipe(z.number().positive({ error: 'must be a positive number' }))
      .optional(),
  );

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUST_PROXY_ERROR =
  'must be false, true, a number of proxy hops (1-100), or comma-separated proxy addresses or CIDRs (e.g. loopback, 10.0.0.0/8)';

/** One KPI_TRUST_PROXY list entry: a name Express knows, an IP address, or an IP/prefix with a prefix in range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** KPI_TRUST_PROXY → the value for Express's `trust proxy`; undefined when it is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 100 ? hops : undefined;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? Object.freeze(entries) : undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const OIDC_VARIABLES = ['KPI_OIDC_ISSUER', 'KPI_OIDC_CLIENT_ID', 'KPI_OIDC_CLIENT_SECRET', 'KPI_OIDC_ROLE_CLAIM', 'KPI_OIDC_AMANAH_CLAIM'] as const;
const optionalText = () => z.preprocess(unsetWhenBlank, z.string().optional());
const claimName = () => z.preprocess(unsetWhenBlank, z.string().regex(/^[\w:./-]{1,100}$/, { error: 'must be a claim name' }).optional());

const envSchema = z.object({
  KPI_OIDC_ISSUER: z.preprocess(
    unsetWhenBlank,
    z
      .url({ error: 'must be a URL' })
      .refine((value) => {
        if (!URL.canParse(value)) return true; // z.url has said so
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
      }, { error: 'must be an https URL (http only for 127.0.0.1 or localhost)' })
      .optional(),
  ),
  KPI_OIDC_CLIENT_ID: optionalText(),
  KPI_OIDC_CLIENT_SECRET: optionalText(),
  KPI_OIDC_ROLE_CLAIM: claimName(),
  KPI_OIDC_AMANAH_CLAIM: claimName(),
  KPI_ADMIN_KEY: z.preprocess(
    unsetWhenBlank,
    z.string().min(MIN_ADMIN_KEY_LENGTH, { error: `must be at least ${MIN_ADMIN_KEY_LENGTH} characters (e.g. openssl rand -hex 24)` }).optional(),
  ),
  KPI_SESSION_SECRET: z.preprocess(
    unsetWhenBlank,
    z.string().min(MIN_SESSION_SECRET_LENGTH, { error: `must be at least ${MIN_SESSION_SECRET_LENGTH} characters` }).optional(),
  ),
  KPI_SESSION_HOURS: positiveNumber(),
  KPI_DEMO_LOGIN: z.preprocess(
    unsetWhenBlank,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
  ),
  KPI_RATE_LIMIT_PER_SECOND: positiveNumber(),
  KPI_RATE_LIMIT_BURST: positiveNumber(),
  KPI_COST_BUDGET_PER_SECOND: positiveNumber(),
  KPI_COST_BUDGET_BURST: positiveNumber(),
  KPI_TRUST_PROXY: z.preprocess(
    unsetWhenBlank,
    z
      .string()
      .default('false')
      .transform((value, context) => {
        const parsed = parseTrustProxy(value);
        if (parsed === undefined) context.addIssue({ code: 'custom', message: TRUST_PROXY_ERROR });
        return parsed ?? false;
      }),
  ),
}).superRefine((values, context) => {
  // All or none: half an OpenID configuration is a typo, not a choice.
  const missing = OIDC_VARIABLES.filter((name) => values[name] === undefined);
  if (missing.length > 0 && missing.length < OIDC_VARIABLES.length) {
    for (const name of missing) context.addIssue({ code: 'custom', path: [name], message: 'must be set with the other KPI_OIDC_* variables (all or none)' });
  }
});

/** Reads the access variables; one error naming every bad variable (values of secrets are never echoed). */
export function accessConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AccessConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const secret = name === 'KPI_ADMIN_KEY' || name === 'KPI_SESSION_SECRET' || name === 'KPI_OIDC_CLIENT_SECRET';
      const given = env[name] === undefined || secret ? '' : ` (got "${env[name]}")`;
      return `${name} ${issue.message}${given}`;
    });
    throw new AccessConfigError(`Invalid access configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const perRequest: BucketRate = {
    perSecond: values.KPI_RATE_LIMIT_PER_SECOND ?? DEFAULT_ACCESS_CONFIG.rateLimits.graphql.perSecond,
    burst: values.KPI_RATE_LIMIT_BURST ?? DEFAULT_ACCESS_CONFIG.rateLimits.graphql.burst,
  };
  return {
    adminKey: values.KPI_ADMIN_KEY,
    sessionSecret: values.KPI_SESSION_SECRET,
    sessionTtlSeconds: values.KPI_SESSION_HOURS ? Math.round(values.KPI_SESSION_HOURS * 3600) : DEFAULT_ACCESS_CONFIG.sessionTtlSeconds,
    demoLogin: values.KPI_DEMO_LOGIN,
    trustProxy: values.KPI_TRUST_PROXY,
    keyCacheTtlMs: DEFAULT_ACCESS_CONFIG.keyCacheTtlMs,
    oidc: oidcConfigOf(values),
    rateLimits: {
      graphql: perRequest,
      http: perRequest,
      signIn: DEFAULT_ACCESS_CONFIG.rateLimits.signIn,
      cost: {
        perSecond: values.KPI_COST_BUDGET_PER_SECOND ?? DEFAULT_ACCESS_CONFIG.rateLimits.cost.perSecond,
        burst: values.KPI_COST_BUDGET_BURST ?? DEFAULT_ACCESS_CONFIG.rateLimits.cost.burst,
      },
    },
  };
}

function oidcConfigOf(values: z.infer<typeof envSchema>): OidcConfig | undefined {
  const { KPI_OIDC_ISSUER: issuer, KPI_OIDC_CLIENT_ID: clientId, KPI_OIDC_CLIENT_SECRET: clientSecret } = values;
  const { KPI_OIDC_ROLE_CLAIM: roleClaim, KPI_OIDC_AMANAH_CLAIM: amanahClaim } = values;
  if (!issuer || !clientId || !clientSecret || !roleClaim || !amanahClaim) return undefined;
  return { issuer, clientId, clientSecret, roleClaim, amanahClaim };
}
