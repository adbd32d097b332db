import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ACCESS_CONFIG } from './access.tokens.js';
import type { AccessConfig } from './access-config.js';
import { accessError, MESSAGES, rateLimited, type Transport } from './access-errors.js';
import { ApiKeyService } from './api-key.service.js';
import { OIDC_KEY_PREFIX, OidcSignIn } from './oidc-sign-in.js';
import type { AccessRequest, Principal } from './principal.js';
import { SessionCookies } from './session-cookie.js';
import { SignedOutSessions } from './signed-out-sessions.js';
import { TokenBuckets } from './token-bucket.js';

const AUTHENTICATION = Symbol('authentication');
type AuthenticatedRequest = Request & AccessRequest & { [AUTHENTICATION]?: Promise<Principal | undefined> };

/**
 * Who is calling: an `Authorization: Bearer` key, else the session cookie, else nobody. A request that presents a
 * bearer key is judged by that key alone (a wrong key is 401 even with a valid cookie: the caller said who it is).
 * Failed attempts are counted per client address (`req.ip`, see KPI_TRUST_PROXY); an address past the limit gets
 * 429 instead of 401 for its further failures. The limit never refuses a valid key: the key is checked first, so
 * that a few bad requests from an address shared with others (a NAT, an office) cannot lock out its good clients.
 * Checking first stays cheap for failures: a malformed key, an unknown or revoked id and a wrong key already seen
 * cost no scrypt (ApiKeyService.verify).
 */
@Injectable()
export class Authenticator {
  private readonly failures: TokenBuckets;

  constructor(
    private readonly keys: ApiKeyService,
    private readonly sessions: SessionCookies,
    private readonly oidc: OidcSignIn,
    private readonly signedOut: SignedOutSessions,
    @Inject(ACCESS_CONFIG) config: AccessConfig,
  ) {
    this.failures = new TokenBuckets(config.rateLimits.signIn);
  }

  /**
   * The caller of this request, computed once per request: GraphQL runs the guard for every top-level field, often
   * concurrently, and they share one answer.
   */
  principalOf(req: Request, transport: Transport): Promise<Principal | undefined> {
    const request = req as AuthenticatedRequest;
    request[AUTHENTICATION] ??= this.authenticate(request, transport).then((principal) => {
      if (principal) request.principal = principal;
      return principal;
    });
    return request[AUTHENTICATION];
  }

  /** A key given to sign in (POST /api/session): its principal, or 401 / 429. */
  async signIn(key: string, req: Request): Promise<Principal> {
    return this.checkKey(key, req, 'http');
  }

  private async authenticate(req: AuthenticatedRequest, transport: Transport): Promise<Principal | undefined> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
      if (!match) throw accessError(transport, 'UNAUTHENTICATED', MESSAGES.badAuthorization);
      return this.checkKey(match[1]!, req, transport);
    }
    const session = this.sessions.read(req.headers.cookie);
    if (!session) return undefined;
    if (await this.signedOut.isSignedOut(session)) throw accessError(transport, 'UNAUTHENTICATED', MESSAGES.invalidSession);
    if (session.keyId.startsWith(OIDC_KEY_PREFIX)) {
      // No key behind it: the identity signed into the cookie at sign-in, while OpenID sign-in stays configured with
      // the same issuer and client.
      const key = this.oidc.sessionKey(session.keyId);
      if (!key || !session.identity || !this.sessions.isBoundTo(session, key)) throw accessError(transport, 'UNAUTHENTICATED', MESSAGES.invalidSession);
      return { keyId: session.keyId, ...session.identity, via: 'session' };
    }
    // The key must still be live and still be the key the session was made from (a rotated KPI_ADMIN_KEY is not).
    const live = await this.keys.sessionKey(session.keyId);
    if (!live || !this.sessions.isBoundTo(session, live.key)) throw accessError(transport, 'UNAUTHENTICATED', MESSAGES.invalidSession);
    return live.principal;
  }

  /** A new session for a principal that has just proved who it is: the Set-Cookie value, bound to its key. */
  async startSession(principal: Principal, secure: boolean): Promise<string> {
    const live = await this.keys.sessionKey(principal.keyId);
    // Revoked between the check and now: no session.
    if (!live) throw accessError('http', 'UNAUTHENTICATED', MESSAGES.invalidKey);
    return this.sessions.issue(live.key, secure).setCookie;
  }

  /** A new session for a person the identity provider has just vouched for (OidcSignIn.finish). */
  startOidcSession(principal: Principal, secure: boolean): string {
    const key = this.oidc.sessionKey(principal.keyId);
    if (!key) throw accessError('http', 'UNAUTHENTICATED', MESSAGES.invalidSession);
    const { role, amanahs, label } = principal;
    return this.sessions.issue(key, secure, { role, amanahs, label }).setCookie;
  }

  /**
   * Signs out the session in the Cookie header, if it is a valid one: recorded in the store, so that every process
   * refuses it from now on (SignedOutSessions). Answers the Set-Cookie value that clears the cookie.
   */
  async signOut(cookieHeader: string | undefined, secure: boolean): Promise<string> {
    const session = this.sessions.read(cookieHeader);
    if (session) await this.signedOut.signOut(session);
    return this.sessions.cleared(secure);
  }

  /**
   * For sign-in steps that cannot tell a right attempt from a wrong one in advance (the OpenID login and callback):
   * 429 with Retry-After when the client's address is already past its failed-attempt limit, before any work is done.
   */
  refuseIfOverLimit(req: Request): void {
    const state = this.failures.peek(clientAddress(req));
    if (!state.allowed) throw rateLimited(req, 'http', MESSAGES.tooManyFailures, state.retryAfterSeconds);
  }

  /** Counts a failed sign-in step against the client's address (see refuseIfOverLimit). */
  countFailure(req: Request): void {
    this.failures.take(clientAddress(req));
  }

  /**
   * Runs a sign-in attempt (a key, a demo token) under the failed-attempt limit of the client's address: a right
   * key or token is always accepted; a failure is counted, and is 401 while the address is within its limit, 429
   * (with Retry-After) past it.
   */
  async attempt(req: Request, transport: Transport, check: () => Promise<Principal | undefined>, failure: string): Promise<Principal> {
    const principal = await check();
    if (principal) return principal;
    const charged = this.failures.take(clientAddress(req));
    if (!charged.allowed) throw rateLimited(req, transport, MESSAGES.tooManyFailures, charged.retryAfterSeconds);
    throw accessError(transport, 'UNAUTHENTICATED', failure);
  }

  private checkKey(key: string, req: Request, transport: Transport): Promise<Principal> {
    return this.attempt(req, transport, () => this.keys.verify(key), MESSAGES.invalidKey);
  }
}

function clientAddress(req: Request): string {
  // req.ip honours Express's `trust proxy` setting (KPI_TRUST_PROXY, set by the app): without it X-Forwarded-For is
  // ignored and this is the TCP peer; behind a trusted proxy it is the client the proxy saw.
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
