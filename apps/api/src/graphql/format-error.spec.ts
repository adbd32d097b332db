import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from '@amanah/analytics';
import { WorkRefusedError } from '@amanah/store';
import { createErrorFormatter } from './format-error.js';

const stacktrace = ['Error: relation exploded', '    at Resolver.kpi (/srv/resolver.ts:10:5)'];

function format(exposeInternals: boolean, formatted: GraphQLError['extensions'] & object, message = 'relation exploded') {
  const reported: unknown[] = [];
  const refusals: unknown[] = [];
  const original = new Error(message);
  const result = createErrorFormatter({ exposeInternals, reportUnexpected: (e) => reported.push(e), reportRefusal: (r) => refusals.push(r) })(
    { message, path: ['kpi'], extensions: formatted },
    new GraphQLError(message, { originalError: original, path: ['kpi'] }),
  );
  return { result, reported, refusals, original };
}

describe('GraphQL error formatting', () => {
  it('keeps the code and message of an expected error, drops the stack trace in production, and reports a refusal', () => {
    const { result, reported, refusals } = format(false, { code: 'BAD_USER_INPUT', stacktrace }, 'Unknown metric "x"');
    expect(result).toEqual({ message: 'Unknown metric "x"', path: ['kpi'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(reported).toEqual([]);
    expect(refusals).toEqual([{ code: 'BAD_USER_INPUT', message: 'Unknown metric "x"', path: ['kpi'] }]);
  });

  it.each([false, true])('clips an echoed 100 KB value in the answer and in the report (exposeInternals %s)', (exposeInternals) => {
    const { result, refusals } = format(exposeInternals, { code: 'BAD_USER_INPUT' }, `Unknown metric "${'x'.repeat(100_000)}". Known: a, b`);
    expect(result.message).toBe(`Unknown metric "${'x'.repeat(200)}…". Known: a, b`);
    expect(refusals).toEqual([{ code: 'BAD_USER_INPUT', message: result.message, path: ['kpi'] }]);
  });

  it('hides the message and stack of an unexpected error in production, and reports the original error', () => {
    const { result, reported, refusals, original } = format(false, { code: 'INTERNAL_SERVER_ERROR', stacktrace });
    expect(result).toEqual({ message: 'Internal server error', path: ['kpi'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(reported).toEqual([original]);
    expect(refusals).toEqual([]);
  });

  it('gives an error without any code the INTERNAL_SERVER_ERROR code', () => {
    const { result } = format(false, {});
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps an HTTP status Nest could not map as an expected error, with its message', () => {
    const { result, reported } = format(false, { code: 'INTERNAL_SERVER_ERROR', status: 404 }, 'No such dashboard');
    expect(result.message).toBe('No such dashboard');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 404 });
    expect(reported).toEqual([]);
  });

  it('keeps message and stack trace for developers outside production', () => {
    const { result } = format(true, { code: 'INTERNAL_SERVER_ERROR', stacktrace });
    expect(result).toEqual({
      message: 'relation exploded',
      path: ['kpi'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace },
    });
  });

  it.each([false, true])('answers a domain error as errorAnswer maps it, whatever Apollo made of it (exposeInternals %s)', (exposeInternals) => {
    const formatter = (original: Error) => {
      const refusals: unknown[] = [];
      const result = createErrorFormatter({ exposeInternals, reportUnexpected: () => undefined, reportRefusal: (r) => refusals.push(r) })(
        { message: original.message, path: ['kpi'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace } },
        new GraphQLError(original.message, { originalError: original, path: ['kpi'] }),
      );
      return { result, refusals };
    };
    const bad = formatter(new AnalyticsError('BAD_USER_INPUT', 'Unknown metric "x"', 'metric', ['portal.visits']));
    expect(bad.result).toEqual({ message: 'Unknown metric "x"', path: ['kpi'], extensions: { code: 'BAD_USER_INPUT', argument: 'metric', allowed: ['portal.visits'] } });
    expect(bad.refusals).toEqual([{ code: 'BAD_USER_INPUT', message: 'Unknown metric "x"', path: ['kpi'] }]);
    const busy = formatter(new WorkRefusedError('OVERLOADED', 'Too many queries waiting', 1));
    expect(busy.result.extensions).toEqual({ code: 'OVERLOADED', retryAfterSeconds: 1 });
  });
});
