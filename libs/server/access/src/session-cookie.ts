import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { isRole, type AmanahScope, type Role } from './roles.js';

/**
 * Dashboard sessions as signed cookies: `<payload>.<HMAC-SHA256(payload)>`, payload = base64url JSON of the key id,
 * a fingerprint of the key, a random session id and the expiry. No session table: the cookie names the key, and
 * every request re-checks that key (revoked key → no session) and that the key behind that id is still the one the
 * session was made from (the fingerprint): a KPI_ADMIN_KEY changed at a restart ends the old admin's sessions, even
 * though the id `bootstrap-admin` stays. Signing out is recorded in the store (SignedOutSessions), so a copied cookie
 * stops working in every process. The secret is KPI_SESSION_SECRET, or random per process (sessions end on
 * restart).
 */
export const SESSION_COOKIE = 'kpi_session';

export interface Session {
  keyId: string;
  /** HMAC of the key's material (see SessionKey): compared with `isBoundTo` on every request. */
  keyFingerprint: string;
  sessionId: string;
  /** Unix seconds. */
  expiresAt: number;
  /**
   * Who the session is, for a session with no key behind it (OpenID Connect sign-in): the role, amanahs and label
   * the provider's claims gave at sign-in, signed with the rest of the cookie.
   */
  identity?: SessionIdentity;
}

export interface SessionIdentity {
  role: Role;
  amanahs: AmanahScope;
  label: string;
}

/**
 * The key a session is made from: its id, and material that changes whenever the key behind the id does (the
 * bootstrap admin key itself; a stored key's salted secret hash). Only an HMAC of the material enters the cookie.
 */
export interface SessionKey {
  id: string;
  material: string;
}

interface Payload {
  k: string;
  f: string;
  s: string;
  e: number;
  p?: { r: string; a: readonly string[] | 'all'; l: string };
}

export class SessionCookies {
  private readonly secret: Buffer;
  constructor(
    secret: string | undefined,
    readonly ttlSeconds: number,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** A new session for the key, and the Set-Cookie header value that carries it. */
  issue(key: SessionKey, secure: boolean, identity?: SessionIdentity): { session: Session; setCookie: string } {
    const session: Session = {
      keyId: key.id,
      keyFingerprint: this.fingerprint(key.material),
      sessionId: randomBytes(16).toString('base64url'),
      expiresAt: this.nowSeconds() + this.ttlSeconds,
      ...(identity ? { identity } : {}),
    };
    const fields: Payload = { k: session.keyId, f: session.keyFingerprint, s: session.sessionId, e: session.expiresAt };
    if (identity) fields.p = { r: identity.role, a: identity.amanahs, l: identity.label };
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    const value = `${payload}.${this.sign(payload)}`;
    return { session, setCookie: this.cookie(value, this.ttlSeconds, secure) };
  }

  /** The valid session in a Cookie header, if any: signature and expiry are checked (sign-out: SignedOutSessions). */
  read(cookieHeader: string | undefined): Session | undefined {
    if (!cookieHeader) return undefined;
    const value = parseCookies(cookieHeader)[SESSION_COOKIE];
    if (!value) return undefined;
    const dot = value.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let parsed: Payload;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
    } catch {
      return undefined;
    }
    // A cookie without a fingerprint (made before sessions carried one) is no session: sign in again.
    if (typeof parsed.k !== 'string' || typeof parsed.f !== 'string' || typeof parsed.s !== 'string' || typeof parsed.e !== 'number') {
      return undefined;
    }
    if (parsed.e <= this.nowSeconds()) return undefined;
    const session: Session = { keyId: parsed.k, keyFingerprint: parsed.f, sessionId: parsed.s, expiresAt: parsed.e };
    if (parsed.p !== undefined) {
      const { r, a, l } = parsed.p;
      if (!isRole(r) || typeof l !== 'string' || (a !== 'all' && !(Array.isArray(a) && a.every((id) => typeof id === 'string')))) return undefined;
      session.identity = { role: r, amanahs: a, label: l };
    }
    return session;
  }

  /**
   * A value signed for one purpose (e.g. the OpenID sign-in's state cookie), readable by `unseal` with the same
   * purpose only. Signed, not encrypted: it sits in an httpOnly cookie of the browser that started the sign-in.
   */
  seal(purpose: string, value: unknown): string {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${payload}.${this.sign(`${purpose}\0${payload}`)}`;
  }

  unseal(purpose: string, sealed: string | undefined): unknown {
    const dot = sealed?.indexOf('.') ?? -1;
    if (!sealed || dot <= 0) return undefined;
    const payload = sealed.slice(0, dot);
    const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(`${purpose}\0${payload}`), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Whether the session was made from this key (same id, same material), in constant time. */
  isBoundTo(session: Session, key: SessionKey): boolean {
    const given = Buffer.from(session.keyFingerprint, 'base64url');
    const expected = Buffer.from(this.fingerprint(key.material), 'base64url');
    return session.keyId === key.id && given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The Set-Cookie value that clears the session cookie (signing out; SignedOutSessions refuses the session itself). */
  cleared(secure: boolean): string {
    return this.cookie('', 0, secure);
  }

  private cookie(value: string, maxAge: number, secure: boolean): string {
    // SameSite=Strict: the cookie never rides on a request started by another site, which is the CSRF defence for
    // the cookie-authenticated POST /graphql and DELETE /api/session.
    return serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge });
  }

  /** Keyed by the session secret, so the cookie reveals nothing about the key material (the admin key itself). */
  private fingerprint(material: string): string {
    return createHmac('sha256', this.secret).update('kpi-session-key\0').update(material).digest('base64url');
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
