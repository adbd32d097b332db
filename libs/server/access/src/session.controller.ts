import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessOperation } from './access.policy.js';
import { AuditLog } from './audit-log.js';
import { Authenticator } from './authenticator.js';
import { DemoLogin } from './demo-login.js';
import { isHttps } from './https.js';
import { principalOf, type Principal } from './principal.js';
import { ROLE_OPERATIONS, roleMay, type Operation } from './roles.js';

/** GET /api/session: who the caller is. `amanahs` is a list of ids, or "all". */
export interface WhoAmI {
  keyId: string;
  label: string;
  role: Principal['role'];
  amanahs: readonly string[] | 'all';
  via: Principal['via'];
  /** What the caller may do, from the one table of roles: the dashboard shows only what it can use. */
  operations: Operation[];
}

/**
 * The dashboard's sign-in: a key is exchanged for a session cookie (httpOnly, SameSite=Strict, Secure over https),
 * so the key itself never sits in the browser's script-readable storage.
 */
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Body `{ "key": "akpi_…" }` → 200 with who the key is, and the session cookie. Only `application/json`: a form
   * (or `text/plain`) is a "simple" request that any site can make a browser send without a CORS preflight, so
   * accepting one would let another site sign the browser in with the other site's key (login CSRF); 415 otherwise.
   */
  @Post()
  @HttpCode(200)
  @AccessOperation('public')
  async signIn(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WhoAmI> {
    if (req.is('application/json') !== 'application/json') {
      throw new UnsupportedMediaTypeException({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Sign in with Content-Type: application/json and a body {"key": "<API key>"}.',
      });
    }
    const key = (body as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string' || key.length === 0) {
      throw new BadRequestException({ statusCode: 400, code: 'BAD_REQUEST', message: 'Send a JSON body {"key": "<API key>"}.' });
    }
    const principal = await this.authenticator.signIn(key, req);
    res.setHeader('Set-Cookie', await this.authenticator.startSession(principal, isHttps(req)));
    this.audit.record({ actor: principal, action: 'sign_in', objectType: 'session', objectId: principal.keyId, outcome: 'ok', detail: 'api key' });
    return whoAmI({ ...principal, via: 'session' });
  }

  @Get()
  @AccessOperation('whoami')
  whoAmI(@Req() req: Request): WhoAmI {
    // The policy has authenticated the request before this runs (operation `whoami` needs a principal).
    return whoAmI(principalOf(req)!);
  }

  /** Signs out: the cookie is cleared and its session refused from now on. Answers 204 even without a session. */
  @Delete()
  @HttpCode(204)
  @AccessOperation('public')
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    res.setHeader('Set-Cookie', await this.authenticator.signOut(req.headers.cookie, isHttps(req)));
  }
}

/**
 * GET /api/session/demo?token=…: the local demo's sign-in link, printed by `npm start`. Registered only when
 * KPI_DEMO_LOGIN=true; otherwise the route does not exist (404). The token is random per process.
 */
@Controller('api/session/demo')
export class DemoLoginController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly demo: DemoLogin,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @AccessOperation('public')
  async signIn(@Query('token') token: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = await this.authenticator.attempt(
      req,
      'http',
      () => this.demo.principalFor(typeof token === 'string' ? token : ''),
      'The demo sign-in link is not valid (it changes at every start of the API): use the link printed at start-up.',
    );
    res.setHeader('Set-Cookie', await this.authenticator.startSession(principal, isHttps(req)));
    this.audit.record({ actor: principal, action: 'sign_in', objectType: 'session', objectId: principal.keyId, outcome: 'ok', detail: 'demo link' });
    res.redirect(303, '/');
  }
}

export function whoAmI(principal: Principal): WhoAmI {
  const { keyId, label, role, amanahs, via } = principal;
  // The role's operations that its scope allows too (keys and admin need every amanah).
  const operations = ROLE_OPERATIONS[role].filter((operation) => roleMay(role, amanahs, operation));
  return { keyId, label, role, amanahs, via, operations };
}
