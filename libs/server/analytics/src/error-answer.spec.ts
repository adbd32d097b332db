import { describe, expect, it } from 'vitest';
import { WorkRefusedError } from '@amanah/store';
import { AnalyticsError } from './analytics-error.js';
import { errorAnswer, errorFields } from './error-answer.js';

// The one mapping of a domain error to what GraphQL and REST answer: code, message, HTTP status, retry hint.
describe('errorAnswer', () => {
  it('a bad argument: 422, with the argument and the values allowed', () => {
    const answer = errorAnswer(new AnalyticsError('BAD_USER_INPUT', 'Unknown metric "x"', 'metric', ['portal.visits']))!;
    expect(answer).toEqual({ code: 'BAD_USER_INPUT', message: 'Unknown metric "x"', status: 422, argument: 'metric', allowed: ['portal.visits'] });
    expect(errorFields(answer)).toEqual({ code: 'BAD_USER_INPUT', argument: 'metric', allowed: ['portal.visits'] });
  });

  it('FORBIDDEN is 403 and NOT_FOUND 404, with only the fields they have', () => {
    expect(errorFields(errorAnswer(new AnalyticsError('FORBIDDEN', 'not yours', 'amanah'))!)).toEqual({ code: 'FORBIDDEN', argument: 'amanah' });
    expect(errorAnswer(new AnalyticsError('FORBIDDEN', 'not yours', 'amanah'))!.status).toBe(403);
    expect(errorAnswer(new AnalyticsError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone', status: 404 });
  });

  it('the engine’s refusals: a retry hint is 429, too costly 422, out of time 503', () => {
    expect(errorAnswer(new WorkRefusedError('OVERLOADED', 'busy', 1))).toEqual({ code: 'OVERLOADED', message: 'busy', status: 429, retryAfterSeconds: 1 });
    expect(errorFields(errorAnswer(new WorkRefusedError('COST_BUDGET', 'spent', 7))!)).toEqual({ code: 'COST_BUDGET', retryAfterSeconds: 7 });
    expect(errorAnswer(new WorkRefusedError('COST_LIMIT', 'too costly'))!.status).toBe(422);
    expect(errorAnswer(new WorkRefusedError('QUERY_TIMEOUT', 'too slow'))!.status).toBe(503);
  });

  it('nothing for an error that is not a domain error', () => {
    expect(errorAnswer(new Error('relation exploded'))).toBeUndefined();
    expect(errorAnswer('a string')).toBeUndefined();
  });
});
