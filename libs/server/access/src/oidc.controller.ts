import { Controller, Get, HttpException, HttpStatus, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Request, Response } from 'express';
import { AccessOperation } from './access.policy.js';
import { AuditLog } from './audit-log.js';
import { Authenticator } from './authenticator.js';
import { isHttps } from './https.js';
import { OIDC_STATE_COOKIE, OIDC_STATE_TTL_SECONDS, OidcRefusal, OidcSignIn } from './oidc-sign-in.js';
import { SessionCookies } from './session-cookie.js';

const BASE_PATH = '/api/session/oidc';

/**
 * Sign-in with the ministry account (OpenID Connect). `GET /api/session/oidc` says whether it is configured (the
 * sign-in page shows its button then); `/login?return=<path>` sends the browser to the provider; `/callback` is where
 * the provider sends it back: it answers the same session cookie as `POST /api/session` and redirects to the path
 * (a path of this site only; `/` otherwise). A refusal is 401 with the reason. Both run under the failed sign-in
 * limit per client address (Authenticator): a failed callback counts, and past the limit both answer 429.
 */
@Controller('api/session/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcSignIn,
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionCookies,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @AccessOperation('public')
  status(): { enabled: boolean } {
    return { enabled: this.oidc.enabled };
  }

  @Get('login')
  @AccessOperation('public')
  async login(@Query('return') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Sign-in with the ministry account is not configured.' });
    // An address past its failed sign-in limit starts no new sign-in (each start hands out a state cookie).
    this.authenticator.refuseIfOverLimit(req);
    // The provider only sends the browser back to a redirect URI registered for this client, so a forged Host
    // header can only make this sign-in fail.
    const redirectUri = `${isHttps(req) ? 'https' : req.protocol}://${req.get('host')}${BASE_PATH}/callback`;
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await this.oidc.start(redirectUri, typeof returnTo === 'string' ? returnTo : '/', this.sessions);
    } catch (error) {
      throw new HttpException({ statusCode: 502, code: 'OIDC_UNAVAILABLE', message: (error as Error).message }, HttpStatus.BAD_GATEWAY);
    }
    res.setHeader('Set-Cookie', stateCookie(started.sealedState, OIDC_STATE_TTL_SECONDS, isHttps(req)));
    res.redirect(303, started.url.href);
  }

  @Get('callback')
  @AccessOperation('public')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const clearState = stateCookie('', 0, isHttps(req));
    // Past the address's failed sign-in limit: 429 before the code is sent to the provider. A right callback is
    // only refused here when its address had already failed that often.
    this.authenticator.refuseIfOverLimit(req);
    try {
      const { principal, returnTo } = await this.oidc.finish(search, parseCookies(req.headers.cookie ?? '')[OIDC_STATE_COOKIE], this.sessions);
      res.setHeader('Set-Cookie', [clearState, this.authenticator.startOidcSession(principal, isHttps(req))]);
      this.audit.record({ actor: principal, action: 'sign_in', objectType: 'session', objectId: principal.keyId, outcome: 'ok', detail: 'ministry account' });
      res.redirect(303, returnTo);
    } catch (error) {
      if (!(error instanceof OidcRefusal)) throw error;
      this.authenticator.countFailure(req);
      // Only a refusal of a token the provider did issue (its claims) is recorded: errors, junk codes and missing
      // state are what anyone can send. Who it was is not known for certain: the reason is what is recorded.
      if (error.audited) this.audit.record({ actor: undefined, action: 'sign_in', objectType: 'session', objectId: '', outcome: 'refused', detail: `ministry account: ${error.message}` });
      res.setHeader('Set-Cookie', clearState);
      res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message: error.message });
    }
  }
}

function stateCookie(value: string, maxAge: number, secure: boolean): string {
  // SameSite=Lax, not Strict: the provider's redirect back is a cross-site navigation, and a Strict cookie would not
  // come with it. Only the callback path sees it.
  return serializeCookie(OIDC_STATE_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: `${BASE_PATH}/callback`, maxAge });
}
