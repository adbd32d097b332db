import { describe, expect, it } from 'vitest';
import { clipEchoes, ECHO_LIMIT, MESSAGE_LIMIT, refusalLevel } from './refusals.js';

describe('clipEchoes', () => {
  it('cuts each quoted value longer than the limit, with an ellipsis, and leaves the rest of the message', () => {
    const long = 'y'.repeat(5_000);
    expect(clipEchoes(`Variable "$m" got invalid value "${long}"; Int cannot represent "${long}".`)).toBe(
      `Variable "$m" got invalid value "${'y'.repeat(ECHO_LIMIT)}…"; Int cannot represent "${'y'.repeat(ECHO_LIMIT)}…".`,
    );
  });

  it('keeps short values, values of exactly the limit and escaped quotes inside a value', () => {
    const exact = 'z'.repeat(ECHO_LIMIT);
    expect(clipEchoes(`Unknown metric "x"; Unknown amanah "${exact}"`)).toBe(`Unknown metric "x"; Unknown amanah "${exact}"`);
    expect(clipEchoes(`bad "${'a\\"'.repeat(150)}" end`)).toBe(`bad "${'a\\"'.repeat(150).slice(0, ECHO_LIMIT)}…" end`);
  });

  it('does not take the text between two quoted values for a value', () => {
    const between = ` and ${'w'.repeat(300)} and `;
    expect(clipEchoes(`"a"${between}"b"`)).toBe(`"a"${between}"b"`);
  });

  it('cuts a message that echoes input without quotes at MESSAGE_LIMIT', () => {
    const clipped = clipEchoes(`Syntax Error: ${'q'.repeat(100_000)}`);
    expect(clipped).toHaveLength(MESSAGE_LIMIT + 1);
    expect(clipped.endsWith('…')).toBe(true);
  });
});

describe('refusalLevel', () => {
  it('warns about access refusals and logs bad input and sizes at info', () => {
    expect(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 401, 403, 429].map(refusalLevel)).toEqual(Array(6).fill('warn'));
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 400, 413, 422].map(refusalLevel)).toEqual(Array(5).fill('log'));
  });
});
