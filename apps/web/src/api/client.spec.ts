import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TypedDocumentString } from '../gql/graphql.js';
import { executePartial, GraphqlRequestError } from './client.js';

const document = { toString: () => '{ a b }' } as unknown as TypedDocumentString<{ a: number | null; b: number | null }, Record<string, never>>;

function answer(status: number, body: unknown): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
}

afterEach(() => vi.unstubAllGlobals());

describe('executePartial', () => {
  it('keeps partial data when some fields failed (HTTP 200)', async () => {
    answer(200, { data: { a: 1, b: null }, errors: [{ message: 'no', path: ['b'], extensions: { code: 'FORBIDDEN' } }] });
    expect(await executePartial(document, {})).toEqual({ data: { a: 1, b: null }, failedPaths: [['b']] });
  });

  it('a rate-limited request (HTTP 429, every field RATE_LIMITED) fails whole with the code, so the app does not retry at once', async () => {
    answer(429, {
      data: { a: null, b: null },
      errors: ['a', 'b'].map((field) => ({ message: 'Too many requests', path: [field], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2 } })),
    });
    const error = await executePartial(document, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphqlRequestError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, message: 'Too many requests' });
  });
});
