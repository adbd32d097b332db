import { vi } from 'vitest';

/** A whole GraphQL answer as given (data and errors together), for partial failures. */
export class RawAnswer {
  constructor(readonly body: unknown) {}
}

/**
 * A stand-in for the API at the network boundary, for component tests of pages: answers each GraphQL operation by
 * name from the given handlers, and records every request. (Browser tests run against the real API.)
 */
export function respondToGraphql(handlers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const requests: Array<{ operation: string; variables: Record<string, unknown> }> = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    const operation = /query\s+(\w+)/.exec(body.query)?.[1] ?? '';
    requests.push({ operation, variables: body.variables });
    const handler = handlers[operation];
    if (!handler) return new Response(JSON.stringify({ errors: [{ message: `no handler for ${operation}` }] }), { status: 400 });
    const result = handler(body.variables);
    if (result instanceof RawAnswer) return new Response(JSON.stringify(result.body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (result instanceof Error) {
      return new Response(JSON.stringify({ errors: [{ message: result.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }), { status: 200 });
    }
    return new Response(JSON.stringify({ data: result }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}
