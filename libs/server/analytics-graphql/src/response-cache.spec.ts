import { describe, expect, it } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ResponseCache } from './response-cache.js';

/**
 * The response cache's own rules, through the two hooks Apollo calls (the API's integration spec checks it in the real
 * server: scopes, writes, access checks). Here: what one key is made of, and how much it keeps.
 */
const QUERY = 'query Q($range: String, $n: Int) { kpi(range: $range) { value } }';
const operation = parse(QUERY).definitions[0] as OperationDefinitionNode;

function cacheOf(options: { maxBytes?: number; version?: () => number } = {}) {
  const cache = new ResponseCache({
    admit: async () => ({ role: 'viewer', amanahs: 'all' }),
    dataVersion: async () => options.version?.() ?? 1,
    today: () => '2025-06-01',
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  });
  /** One request: served from the cache (true), or answered with `data` and offered to it (false). */
  return async (variables: Record<string, unknown>, data: Record<string, unknown> = { kpi: { value: 1 } }): Promise<boolean> => {
    const listener = await cache.requestDidStart();
    const served = await listener.responseForOperation!({ operation, operationName: 'Q', queryHash: 'h', request: { variables }, contextValue: {} } as never);
    if (served) return true;
    await listener.willSendResponse!({ response: { http: { status: 200 }, body: { kind: 'single', singleResult: { data } } } } as never);
    return false;
  };
}

describe('ResponseCache', () => {
  it('keys an answer by the variables the operation declares, in any order, and by nothing else', async () => {
    const ask = cacheOf();
    expect(await ask({ range: 'a', n: 1 })).toBe(false);
    expect(await ask({ n: 1, range: 'a' })).toBe(true);
    expect(await ask({ range: 'a', n: 1, x: 1 })).toBe(true); // undeclared: graphql ignores it, so does the key
    expect(await ask({ range: 'a', n: 1, x: 2 })).toBe(true);
    expect(await ask({ range: 'a', n: 2 })).toBe(false);
    expect(await ask({ range: 'a' })).toBe(false); // absent is not null
    expect(await ask({ range: 'a', n: null })).toBe(false);
    expect(await ask({ range: 'a', n: null })).toBe(true);
  });

  it('keeps at most maxBytes of answers, the oldest going first, and never one larger than 512 kB', async () => {
    const ask = cacheOf({ maxBytes: 10_000 });
    const answer = { kpi: { value: 'x'.repeat(3_000) } }; // ~3 kB of text each: three fit
    for (const n of [1, 2, 3, 4]) expect(await ask({ n }, answer)).toBe(false);
    expect(await ask({ n: 1 })).toBe(false); // pushed out by the fourth
    expect(await ask({ n: 4 })).toBe(true);

    const roomy = cacheOf({ maxBytes: 64 * 1024 * 1024 });
    const huge = { kpi: { value: 'x'.repeat(600 * 1024) } };
    expect(await roomy({ n: 1 }, huge)).toBe(false);
    expect(await roomy({ n: 1 }, huge)).toBe(false);
  });

  it('drops every answer when the data version changes, also when it goes back (a restore)', async () => {
    let version = 5;
    const ask = cacheOf({ version: () => version });
    expect(await ask({ n: 1 })).toBe(false);
    expect(await ask({ n: 1 })).toBe(true);
    version = 6;
    expect(await ask({ n: 1 })).toBe(false);
    version = 5;
    expect(await ask({ n: 1 })).toBe(false);
    expect(await ask({ n: 1 })).toBe(true);
  });
});
