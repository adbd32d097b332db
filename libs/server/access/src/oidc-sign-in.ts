import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { isAmanahId } from '@amanah/domain';
import { ACCESS_CONFIG } from './access.tokens.js';
import type { AccessConfig, OidcConfig } from './access-config.js';
import type { Principal } from './principal.js';
import { isRole } from './roles.js';
import type { SessionCookies, SessionIdentity, SessionKey } from './session-cookie.js';

/** Key ids of OpenID sessions: `oidc:<subject>` (API key ids are 16 hex digits or `bootstrap-admin`). */
export const OIDC_KEY_PREFIX = 'oidc:';
/** The httpOnly cookie that carries state, nonce and PKCE verifier from the redirect to the callback. */
export const OIDC_STATE_COOKIE = 'kpi_oidc';
const STATE_PURPOSE = 'kpi-oidc-state';
/** How long a sign-in may take at the provider (the state cookie's life). */
export const OIDC_STATE_TTL_SECONDS = 600;

interface SignInState {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** Where the dashboard sends the person after signing in: a path of this site. */
  returnTo: string;
  /** Unix seconds. */
  expiresAt: number;
}

/**
 * Why a sign-in at the provider was refused: shown to the person (no secrets, no token contents). `audited` is true
 * only for a refusal after a successful code exchange (the provider vouched for someone whose claims we refuse):
 * provider errors, junk codes, bad tokens and callbacks without this browser's state are what anyone can send
 * (`/callback?state=…&error=x`), and would let them write a row per request.
 */
export class OidcRefusal extends Error {
  override name = 'OidcRefusal';
  constructor(
    message: string,
    readonly audited = false,
  ) {
    super(message);
  }
}

/**
 * The role and amanahs an ID token's claims give, or a refusal. The role claim is one role name (or a one-element
 * array); the amanah claim is an array or a comma list of amanah ids, or "all". Anything else is refused: a person
 * whose provider entry is incomplete gets no session rather than a guessed one.
 */
export function identityFromClaims(claims: Record<string, unknown>, config: Pick<OidcConfig, 'roleClaim' | 'amanahClaim'>): SessionIdentity {
  const rawRole = claims[config.roleClaim];
  const role = Array.isArray(rawRole) && rawRole.length === 1 ? rawRole[0] : rawRole;
  if (typeof role !== 'string' || role.trim() === '') throw new OidcRefusal(`The provider gave no role (claim "${config.roleClaim}").`);
  if (!isRole(role.trim())) throw new OidcRefusal(`The provider gave an unknown role "${role.slice(0, 50)}" (claim "${config.roleClaim}").`);

  const rawAmanahs = claims[config.amanahClaim];
  const list = typeof rawAmanahs === 'string' ? rawAmanahs.split(',') : rawAmanahs;
  if (!Array.isArray(list) || !list.every((id): id is string => typeof id === 'string')) {
    throw new OidcRefusal(`The provider gave no amanahs (claim "${config.amanahClaim}": an array or a comma list of amanah ids, or "all").`);
  }
  const ids = [...new Set(list.map((id) => id.trim()).filter((id) => id !== ''))];
  if (ids.length === 0) throw new OidcRefusal(`The provider gave no amanahs (claim "${config.amanahClaim}").`);
  let amanahs: SessionIdentity['amanahs'];
  if (ids.length === 1 && ids[0] === 'all') amanahs = 'all';
  else {
    const unknown = ids.filter((id) => !isAmanahId(id));
    if (unknown.length > 0) throw new OidcRefusal(`The provider gave unknown amanahs: ${unknown.slice(0, 5).map((id) => `"${id.slice(0, 50)}"`).join(', ')}.`);
    amanahs = ids.sort();
  }
  const label = [claims.name, claims.preferred_username, claims.email, claims.sub].find((value) => typeof value === 'string' && value.trim() !== '');
  return { role: role.trim() as SessionIdentity['role'], amanahs, label: String(label).slice(0, 200) };
}

/**
 * OpenID Connect sign-in (authorization code flow, PKCE S256, state and nonce) with `openid-client`. The provider's
 * metadata is discovered at the first sign-in and kept. The ID token is checked by openid-client: issuer, audience
 * (our client id), expiry, nonce, and — enableNonRepudiationChecks — its signature against the provider's JWKS
 * (the token comes over TLS, which the spec deems enough; we check anyway so that a token a proxy or a
 * misconfigured provider hands over is never trusted on the channel alone).
 */
@Injectable()
export class OidcSignIn {
  private readonly config: OidcConfig | undefined;
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(@Inject(ACCESS_CONFIG) access: AccessConfig) {
    this.config = access.oidc;
  }

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /**
   * The material an OpenID session is bound to (SessionCookies.isBoundTo): the issuer and client. Sessions of another
   * provider or client, or any once OpenID sign-in is turned off, are refused.
   */
  sessionKey(keyId: string): SessionKey | undefined {
    if (!this.config || !keyId.startsWith(OIDC_KEY_PREFIX)) return undefined;
    return { id: keyId, material: `oidc\0${this.config.issuer}\0${this.config.clientId}` };
  }

  /** The provider's authorization URL for a new sign-in, and the sealed state to keep in the browser until the callback. */
  async start(redirectUri: string, returnTo: string, cookies: SessionCookies): Promise<{ url: URL; sealedState: string }> {
    const configuration = await this.configuration();
    const state: SignInState = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      redirectUri,
      returnTo: sitePath(returnTo),
      expiresAt: Math.floor(Date.now() / 1000) + OIDC_STATE_TTL_SECONDS,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(state.verifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
    });
    return { url, sealedState: cookies.seal(STATE_PURPOSE, state) };
  }

  /**
   * The provider sent the browser back (`search` = the callback's query string): the code is exchanged, the ID token
   * checked, and its claims mapped to a principal. Throws OidcRefusal with a reason fit to show.
   */
  async finish(search: string, sealedState: string | undefined, cookies: SessionCookies): Promise<{ principal: Principal; returnTo: string }> {
    const config = this.config;
    if (!config) throw new OidcRefusal('Sign-in with the ministry account is not configured.');
    const state = readState(cookies.unseal(STATE_PURPOSE, sealedState));
    if (!state) throw new OidcRefusal('The sign-in expired or was started in another browser: start again.');
    const configuration = await this.configuration();
    const currentUrl = new URL(state.redirectUri);
    currentUrl.search = search;
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: state.verifier,
        expectedState: state.state,
        expectedNonce: state.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new OidcRefusal(`The identity provider's answer was refused: ${reasonOf(error)}`);
    }
    if (!claims || typeof claims.sub !== 'string') throw new OidcRefusal('The identity provider sent no ID token.');
    let identity: SessionIdentity;
    try {
      identity = identityFromClaims(claims, config);
    } catch (error) {
      throw error instanceof OidcRefusal ? new OidcRefusal(error.message, true) : error;
    }
    return { principal: { keyId: `${OIDC_KEY_PREFIX}${claims.sub}`, ...identity, via: 'session' }, returnTo: state.returnTo };
  }

  private configuration(): Promise<oidc.Configuration> {
    const config = this.config;
    if (!config) return Promise.reject(new OidcRefusal('Sign-in with the ministry account is not configured.'));
    const issuer = new URL(config.issuer);
    // http is accepted by the configuration only for loopback issuers (tests, a provider on this machine).
    const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks];
    this.discovered ??= oidc.discovery(issuer, config.clientId, config.clientSecret, undefined, { execute }).catch((error: unknown) => {
      this.discovered = undefined; // a provider down at the first sign-in is asked again at the next
      throw new OidcRefusal(`The identity provider could not be reached: ${reasonOf(error)}`);
    });
    return this.discovered;
  }
}

function readState(value: unknown): SignInState | undefined {
  const state = value as Partial<SignInState> | undefined;
  if (!state || typeof state !== 'object') return undefined;
  const { state: s, nonce, verifier, redirectUri, returnTo, expiresAt } = state;
  if (typeof s !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string' || typeof redirectUri !== 'string') return undefined;
  if (typeof returnTo !== 'string' || typeof expiresAt !== 'number' || expiresAt <= Date.now() / 1000) return undefined;
  return { state: s, nonce, verifier, redirectUri, returnTo, expiresAt };
}

/**
 * The page to return to after signing in: a path of this site (`/dashboards/…?…`), else `/`. Never another site
 * (`//evil.example`, `/\evil.example`, `https://…`): the sign-in must not become an open redirect.
 */
export function sitePath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  return /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/.test(value) ? value : '/';
}

/**
 * What failed, from openid-client's error and the oauth4webapi error under it: "JWT signature verification failed",
 * "unexpected JWT "aud" (audience) claim value", … (the claim it names is kept; no token contents).
 */
function reasonOf(error: unknown): string {
  const messages: string[] = [];
  let claim: unknown;
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    messages.push(cause.message);
    const detail = cause.cause as { claim?: unknown } | undefined;
    if (detail && typeof detail === 'object' && typeof detail.claim === 'string') claim ??= detail.claim;
  }
  const text = messages.length > 0 ? [...new Set(messages)].join(': ') : String(error);
  return claim ? `${text} (claim "${claim}")` : text;
}
