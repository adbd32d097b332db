import { describe, expect, it } from 'vitest';
import { AnalyticsError } from '@amanah/analytics';
import { AnalyticsErrorFilter, toGraphQLError } from './graphql-errors.js';

// The one mapping of a domain error to what GraphQL clients see: the message unchanged, `extensions.code`,
// `extensions.argument`, and `extensions.allowed` only when there is a list.
describe('toGraphQLError', () => {
  it('BAD_USER_INPUT with the argument and the values allowed', () => {
    const error = toGraphQLError(new AnalyticsError('BAD_USER_INPUT', 'Unknown metric "x"', 'metric', ['portal.visits']));
    expect(error.message).toBe('Unknown metric "x"');
    expect(error.toJSON()).toEqual({ message: 'Unknown metric "x"', extensions: { code: 'BAD_USER_INPUT', argument: 'metric', allowed: ['portal.visits'] } });
  });

  it('FORBIDDEN with the argument and no list', () => {
    const error = toGraphQLError(new AnalyticsError('FORBIDDEN', 'This key is limited to other amanahs and may not see riyadh.', 'amanah'));
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', argument: 'amanah' });
  });

  it('a code alone when there is no argument', () => {
    expect(toGraphQLError(new AnalyticsError('NOT_FOUND', 'gone')).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('the resolvers’ filter answers with the same error', () => {
    const error = new AnalyticsErrorFilter().catch(new AnalyticsError('BAD_USER_INPUT', 'limit must be between 1 and 1000, got 0', 'limit'));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });
});
