/**
 * The dashboard's session with the API (libs/server/access): a key is exchanged once for an httpOnly, SameSite
 * cookie, so no script ever holds the key after sign-in. The browser sends the cookie with every same-origin request.
 */
export const SESSION_URL = '/api/session';

/** Who the session belongs to, as GET /api/session answers. */
export interface Session {
  keyId: string;
  label: string;
  role: string;
  /** Amanah ids, or "all". */
  amanahs: readonly string[] | 'all';
  via: string;
  /** What the key may do: the API's table of roles decides (libs/server/access/src/roles.ts). */
  operations: readonly SessionOperation[];
}

/** The operations GET /api/session may list. */
export type SessionOperation = 'read' | 'press' | 'analysis' | 'ingest' | 'keys' | 'admin';

/** Why a sign-in was refused: the key is wrong, too many attempts, or the API could not be reached. */
export type SignInFailure = 'invalid' | 'rate_limited' | 'unavailable';

export class SignInError extends Error {
  override name = 'SignInError';
  constructor(readonly reason: SignInFailure, readonly retryAfterSeconds?: number) {
    super(`Sign-in refused: ${reason}`);
  }
}

export class SessionRequestError extends Error {
  override name = 'SessionRequestError';
  constructor(readonly status: number) {
    super(`The API answered ${status} to ${SESSION_URL}`);
  }
}

/** The current session, or null when there is none (401). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  const response = await fetch(SESSION_URL, { headers: { accept: 'application/json' }, signal });
  if (response.status === 401) return null;
  if (!response.ok) throw new SessionRequestError(response.status);
  return (await response.json()) as Session;
}

/** POST /api/session {key}: the API sets the session cookie and says who the key is. */
export async function signIn(key: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(SESSION_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ key }),
    });
  } catch {
    throw new SignInError('unavailable');
  }
  if (response.ok) return (await response.json()) as Session;
  if (response.status === 400 || response.status === 401) throw new SignInError('invalid');
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new SignInError('rate_limited', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  throw new SignInError('unavailable');
}

/** Sign-in with the ministry account (OpenID Connect), when the API has it configured. */
export const OIDC_URL = '/api/session/oidc';

/** Whether the API offers sign-in with the ministry account (GET /api/session/oidc); false when it cannot say. */
export async function fetchOidcEnabled(signal?: AbortSignal): Promise<boolean> {
  const response = await fetch(OIDC_URL, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) return false;
  return ((await response.json()) as { enabled?: unknown }).enabled === true;
}

/** Where the ministry-account button goes: the API redirects to the provider and, once signed in, back to `returnTo`. */
export function oidcLoginHref(returnTo: string): string {
  return `${OIDC_URL}/login?${new URLSearchParams({ return: returnTo })}`;
}

/** DELETE /api/session: the cookie is cleared and that session is refused from then on. */
export async function signOut(): Promise<void> {
  const response = await fetch(SESSION_URL, { method: 'DELETE' });
  if (!response.ok) throw new SessionRequestError(response.status);
}
