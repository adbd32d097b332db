import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionCookies } from './session-cookie.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const KEY = { id: 'abc123', material: 'the key material, e.g. a stored secret hash' };

function cookieHeader(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

describe('session cookies', () => {
  it('carry the key id, are httpOnly and SameSite=Strict, Secure only when asked', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const { session, setCookie } = sessions.issue(KEY, false);
    expect(setCookie).toMatch(/^kpi_session=[\w-]+\.[\w-]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(sessions.issue(KEY, true).setCookie).toMatch(/; Secure/);
    expect(sessions.read(`other=1; ${cookieHeader(setCookie)}`)).toEqual(session);
  });

  it('carry a signed identity for a session with no key (OpenID): changing its role or amanahs voids the cookie', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const identity = { role: 'viewer' as const, amanahs: ['hail'], label: 'Sara' };
    const { session, setCookie } = sessions.issue({ id: 'oidc:sara', material: 'oidc\0issuer\0client' }, false, identity);
    expect(sessions.read(cookieHeader(setCookie))).toEqual({ ...session, identity });
    const [payload, signature] = cookieHeader(setCookie).slice('kpi_session='.length).split('.') as [string, string];
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const p of [{ ...fields.p, r: 'admin' }, { ...fields.p, a: 'all' }]) {
      const forged = Buffer.from(JSON.stringify({ ...fields, p })).toString('base64url');
      expect(sessions.read(`kpi_session=${forged}.${signature}`)).toBeUndefined();
    }
  });

  it('seal values for one purpose: another purpose, a changed value or another secret reads nothing', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const sealed = sessions.seal('kpi-oidc-state', { state: 's1', nonce: 'n1' });
    expect(sessions.unseal('kpi-oidc-state', sealed)).toEqual({ state: 's1', nonce: 'n1' });
    expect(sessions.unseal('another-purpose', sealed)).toBeUndefined();
    expect(new SessionCookies(`${SECRET}-other`, 3600).unseal('kpi-oidc-state', sealed)).toBeUndefined();
    const [, signature] = sealed.split('.') as [string, string];
    expect(sessions.unseal('kpi-oidc-state', `${Buffer.from('{"state":"s2","nonce":"n1"}').toString('base64url')}.${signature}`)).toBeUndefined();
    expect(sessions.unseal('kpi-oidc-state', undefined)).toBeUndefined();
    // A sealed value is no session cookie.
    expect(sessions.read(`kpi_session=${sealed}`)).toBeUndefined();
  });

  it('refuse a changed payload, a changed signature, and a cookie signed with another secret', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const value = cookieHeader(sessions.issue(KEY, false).setCookie).slice('kpi_session='.length);
    const [payload, signature] = value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), k: 'admin' })).toString('base64url');
    expect(sessions.read(`kpi_session=${forged}.${signature}`)).toBeUndefined();
    expect(sessions.read(`kpi_session=${payload}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).toBeUndefined();
    expect(sessions.read(`kpi_session=${payload}`)).toBeUndefined();
    expect(new SessionCookies(`${SECRET}-other`, 3600).read(`kpi_session=${value}`)).toBeUndefined();
    // Without a configured secret each instance (process) has its own random one.
    expect(new SessionCookies(undefined, 3600).read(`kpi_session=${value}`)).toBeUndefined();
  });

  it('are bound to the key they were made from: the same id with other material (a new KPI_ADMIN_KEY) is not it', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const session = sessions.read(cookieHeader(sessions.issue(KEY, false).setCookie))!;
    expect(sessions.isBoundTo(session, KEY)).toBe(true);
    expect(sessions.isBoundTo(session, { ...KEY, material: `${KEY.material}x` })).toBe(false);
    expect(sessions.isBoundTo(session, { ...KEY, id: 'def456' })).toBe(false);
    // A restart with the same secret and the same key keeps the session; the cookie does not carry the material.
    const restarted = new SessionCookies(SECRET, 3600);
    const value = cookieHeader(sessions.issue(KEY, false).setCookie);
    expect(restarted.isBoundTo(restarted.read(value)!, KEY)).toBe(true);
    expect(Buffer.from(value.split('=')[1]!.split('.')[0]!, 'base64url').toString()).not.toContain(KEY.material);
  });

  it('made before sessions carried a key fingerprint are no session', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    const payload = Buffer.from(JSON.stringify({ k: 'abc123', s: 'sid', e: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(sessions.read(`kpi_session=${payload}.${signature}`)).toBeUndefined();
  });

  it('expire after their lifetime', () => {
    let now = 1_000_000;
    const sessions = new SessionCookies(SECRET, 60, () => now);
    const cookie = cookieHeader(sessions.issue(KEY, false).setCookie);
    now += 59;
    expect(sessions.read(cookie)?.keyId).toBe('abc123');
    now += 1;
    expect(sessions.read(cookie)).toBeUndefined();
  });

  it('are cleared by an expired cookie of the same attributes (signing out; the sign-out itself is SignedOutSessions)', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    expect(sessions.cleared(true)).toBe('kpi_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict');
  });

  it('ignore missing and garbage cookies', () => {
    const sessions = new SessionCookies(SECRET, 3600);
    for (const header of [undefined, '', 'kpi_session=', 'kpi_session=.', 'kpi_session=%%%.abc', 'theme=dark']) {
      expect(sessions.read(header), String(header)).toBeUndefined();
    }
  });
});
