import type { ErrorCode } from '@amanah/domain';
import { QueryInputError } from '@amanah/query';

/**
 * An error the caller can act on, with no transport in it: a code from the shared vocabulary (`ErrorCode`), the
 * argument at fault and, where there is a list, the values allowed. Every transport answers it as `errorAnswer`
 * (error-answer.ts) says: GraphQL `extensions: { code, argument, allowed }`, REST a status and a JSON body.
 */
export class AnalyticsError extends Error {
  override name = 'AnalyticsError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly argument?: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

/** A bad argument: BAD_USER_INPUT naming it (and the allowed values, where there is a list). */
export function badInput(error: QueryInputError): AnalyticsError {
  return new AnalyticsError('BAD_USER_INPUT', error.message, error.argument, error.allowed);
}

/** Runs input validation; a QueryInputError becomes BAD_USER_INPUT naming the argument. */
export function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryInputError) throw badInput(error);
    throw error;
  }
}
