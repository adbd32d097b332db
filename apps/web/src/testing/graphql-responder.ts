import { vi } from 'vitest';
import type { Session } from '../session/session-api.js';

/** A whole GraphQL answer as given (data and errors together), for partial failures. */
export class RawAnswer {
  constructor(readonly body: unknown) {}
}

export const VIEWER_SESSION: Session = { keyId: 'k-viewer', label: 'Wall screen', role: 'viewer', amanahs: 'all', via: 'session', operations: ['read'] };

/**
 * The API's session, as the stand-in keeps it: `current` is who the cookie says (null: signed out); `keys` are the
 * keys POST /api/session accepts. GraphQL answers UNAUTHENTICATED while there is no session, as the API does.
 */
export interface SessionStub {
  current: Session | null;
  keys: Record<string, Session>;
  /** Whether GET /api/session/oidc says sign-in with the ministry account is configured (default false). */
  oidc?: boolean;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A stand-in for the API at the network boundary, for component tests of pages: answers each GraphQL operation by
 * name from the given handlers, and /api/session from `session` (signed in by default); records every request.
 * (Browser tests run against the real API.)
 */
export function respondToGraphql(
  handlers: Record<string, (variables: Record<string, unknown>) => unknown>,
  session: SessionStub = { current: VIEWER_SESSION, keys: {} },
) {
  const requests: Array<{ operation: string; variables: Record<string, unknown> }> = [];
  const sessionRequests: Array<{ method: string; body: unknown }> = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/api/session/oidc') return json({ enabled: session.oidc ?? false });
    if (url === '/api/session') {
      const method = init.method ?? 'GET';
      sessionRequests.push({ method, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (method === 'DELETE') {
        session.current = null;
        return new Response(null, { status: 204 });
      }
      if (method === 'POST') {
        const who = session.keys[(JSON.parse(String(init.body)) as { key: string }).key];
        if (!who) return json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'The API key is not valid' }, 401);
        session.current = { ...who, via: 'session' };
        return json(session.current);
      }
      return session.current ? json(session.current) : json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in' }, 401);
    }
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    requests.push({ operation, variables: body.variables });
    if (!session.current) return json({ errors: [{ message: 'Sign in', path: ['dashboards'], extensions: { code: 'UNAUTHENTICATED' } }], data: null });
    // Every dashboard asks for its annotations and targets; a test that does not care gets none, as from an API with none.
    const handler = handlers[operation] ?? (operation === 'Annotations' ? () => ({ annotations: [] }) : operation === 'Targets' ? () => ({ targets: [] }) : undefined);
    if (!handler) return new Response(JSON.stringify({ errors: [{ message: `no handler for ${operation}` }] }), { status: 400 });
    const result = handler(body.variables);
    if (result instanceof RawAnswer) return json(result.body);
    if (result instanceof Error) {
      return new Response(JSON.stringify({ errors: [{ message: result.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }), { status: 200 });
    }
    return json({ data: result });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, sessionRequests, session, fetchMock };
}
