import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { WorkRefusedError } from '@amanah/store';
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
 * Every GraphQL error leaves with a stable `extensions.code` (Apollo's own codes, BAD_USER_INPUT, FORBIDDEN, …,
 * or a domain code such as `metric/unknown`). An error without a code is unexpected: in production its message and
 * stack trace stay in the log and the client gets INTERNAL_SERVER_ERROR with a generic message. Every message leaves
 * with the client's echoed values clipped (`clipEchoes`), and is reported once: a refusal as one line, an unexpected
 * error with its stack.
 */
export function createErrorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Work the engine was not asked to do on purpose (too costly, out of time, overloaded): the caller's answer,
    // with its own code and what to do, never an internal error.
    if (original instanceof WorkRefusedError) {
      const retry = original.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: original.retryAfterSeconds };
      options.reportRefusal({ code: original.code, message: original.message, path: formatted.path });
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...retry } };
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
 * A request refused for what it would cost the engine now (OVERLOADED, COST_BUDGET) is answered like a rate limit:
 * HTTP 429 with Retry-After, so that clients, proxies and retry libraries back off on the status and the header.
 */
export const refusalStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, response }) {
        const retry = errors
          .map((error) => unwrapResolverError(error))
          .find((error): error is WorkRefusedError => error instanceof WorkRefusedError && error.retryAfterSeconds !== undefined);
        if (!retry) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(retry.retryAfterSeconds));
      },
    };
  },
};
