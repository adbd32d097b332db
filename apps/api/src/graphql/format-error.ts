import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { errorAnswer, errorFields } from '@amanah/analytics';
import { clipEchoes } from '../logging/refusals.js';

export interface ErrorFormatOptions {
  /** Outside production, unexpected errors keep their message and stack trace: they are for the developer. */
  exposeInternals: boolean;
  /** Where unexpected errors are reported, since the client only sees a generic message in production. */
  reportUnexpected: (error: unknown) => void;
  /**
   * Where expected refusals are reported (bad input, unauthenticated, forbidden, rate-limited, ...): the code, the
   * clipped message and the path, for one log line without a stack.
   */
  reportRefusal: (refusal: { code: string; message: string; path?: ReadonlyArray<string | number> }) => void;
}

const INTERNAL = 'INTERNAL_SERVER_ERROR';

/**
 * Every GraphQL error leaves with a stable `extensions.code`: a domain error's as `errorAnswer` (@amanah/analytics,
 * the one mapping REST uses too) gives it, with the argument at fault, the values allowed and the retry hint; or
 * Apollo's and access's own (GRAPHQL_VALIDATION_FAILED, UNAUTHENTICATED, …). An error without a code is unexpected: in production its message and
 * stack trace stay in the log and the client gets INTERNAL_SERVER_ERROR with a generic message. Every message leaves
 * with the client's echoed values clipped (`clipEchoes`), and is reported once: a refusal as one line, an unexpected
 * error with its stack.
 */
export function createErrorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // A domain error (bad argument, forbidden amanah, work the engine refused): the caller's answer, with its code
    // and what to do, never an internal error.
    const answer = errorAnswer(original);
    if (answer) {
      const message = clipEchoes(answer.message);
      options.reportRefusal({ code: answer.code, message, path: formatted.path });
      return { message, locations: formatted.locations, path: formatted.path, extensions: errorFields(answer) };
    }
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : INTERNAL;
    // Nest maps HTTP exceptions it knows (400, 401, 403, 422) to codes; any other status arrives as INTERNAL
    // with `status`, and an error that is neither is a bug or an outage (e.g. a failed ClickHouse query).
    const unexpected = code === INTERNAL && extensions.status === undefined;
    const message = clipEchoes(formatted.message);
    if (unexpected) options.reportUnexpected(original);
    else options.reportRefusal({ code, message, path: formatted.path });
    if (options.exposeInternals) {
      return { ...formatted, message, extensions: { ...extensions, code, ...(stacktrace ? { stacktrace } : {}) } };
    }
    return {
      ...formatted,
      message: unexpected ? 'Internal server error' : message,
      extensions: { ...extensions, code },
    };
  };
}

/**
 * A request with an error `errorAnswer` answers 429 (refused for what it would cost the engine now: OVERLOADED,
 * COST_BUDGET) is answered like a rate limit: HTTP 429 with Retry-After, so that clients, proxies and retry libraries
 * back off on the status and the header. Other domain errors keep GraphQL's 200: other fields may have answered.
 */
export const refusalStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, response }) {
        const retry = errors.map((error) => errorAnswer(unwrapResolverError(error))).find((answer) => answer?.status === 429);
        if (!retry) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(retry.retryAfterSeconds));
      },
    };
  },
};
