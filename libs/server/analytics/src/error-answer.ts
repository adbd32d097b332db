import type { ErrorCode } from '@amanah/domain';
import { WorkRefusedError, type RefusalCode } from '@amanah/store';
import { AnalyticsError } from './analytics-error.js';

/**
 * The one mapping of a domain error to what a caller is answered, for every transport: the GraphQL error formatter
 * (apps/api format-error.ts: `extensions`, and HTTP 429 with Retry-After for the whole request when `status` is 429)
 * and the REST exception filter (apps/api quiet-exceptions.filter.ts: the status and a JSON body) both call
 * `errorAnswer`. A new domain error or code is added here, nowhere else.
 */
export interface ErrorAnswer {
  code: ErrorCode | RefusalCode;
  message: string;
  /** The HTTP status REST answers with. GraphQL keeps 200 (other fields may answer) except for 429. */
  status: number;
  /** When trying again may succeed (OVERLOADED, COST_BUDGET): the Retry-After header and `retryAfterSeconds`. */
  retryAfterSeconds?: number;
  /** The argument at fault, and the values allowed where there is a list. */
  argument?: string;
  allowed?: readonly string[];
}

// 422 for a bad argument, as the API's validation pipe and ingest answer bad input.
const STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 422, FORBIDDEN: 403, NOT_FOUND: 404 };

/** The answer for a domain error; undefined for anything else (a transport's own errors, or a bug). */
export function errorAnswer(error: unknown): ErrorAnswer | undefined {
  if (error instanceof AnalyticsError) {
    const { code, message, argument, allowed } = error;
    return { code, message, status: STATUS[code], ...(argument === undefined ? {} : { argument }), ...(allowed ? { allowed } : {}) };
  }
  if (error instanceof WorkRefusedError) {
    const { code, message, retryAfterSeconds } = error;
    // Refused for what it would cost now: a rate limit (429); too costly is the request's own fault (422); out of
    // time is the service's (503).
    if (retryAfterSeconds !== undefined) return { code, message, status: 429, retryAfterSeconds };
    return { code, message, status: code === 'COST_LIMIT' ? 422 : 503 };
  }
  return undefined;
}

/** The fields of an answer a client reads beside the message: GraphQL's `extensions`, REST's body. */
export function errorFields(answer: ErrorAnswer): { code: string; argument?: string; allowed?: readonly string[]; retryAfterSeconds?: number } {
  const { code, argument, allowed, retryAfterSeconds } = answer;
  return {
    code,
    ...(argument === undefined ? {} : { argument }),
    ...(allowed ? { allowed } : {}),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
