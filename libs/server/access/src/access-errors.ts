import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';

/**
 * The three refusals, in the form each transport expects: REST answers a JSON body with the status and a stable
 * `code`; GraphQL answers errors with `extensions.code` UNAUTHENTICATED / FORBIDDEN / RATE_LIMITED. GraphQL keeps
 * HTTP 200 for UNAUTHENTICATED and FORBIDDEN (one field may be refused while others answer), but RATE_LIMITED is
 * HTTP 429 with Retry-After: the whole request is refused (one token per request), and clients, proxies and retry
 * libraries back off on the status and the header, not on a code inside a 200.
 */
export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED';
export type Transport = 'http' | 'graphql';

const STATUS: Record<AccessErrorCode, number> = {
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
};

export interface AccessErrorBody {
  statusCode: number;
  code: AccessErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

export function accessError(transport: Transport, code: AccessErrorCode, message: string, retryAfterSeconds?: number): Error {
  const extra = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (transport === 'graphql') {
    // Apollo Server turns `extensions.http` into the response's status and headers, and removes it from the error.
    const http = code === 'RATE_LIMITED' ? { http: { status: STATUS.RATE_LIMITED, headers: retryAfterHeader(retryAfterSeconds) } } : {};
    return new GraphQLError(message, { extensions: { code, ...extra, ...http } });
  }
  const body: AccessErrorBody = { statusCode: STATUS[code], code, message, ...extra };
  return new HttpException(body, STATUS[code]);
}

function retryAfterHeader(retryAfterSeconds: number | undefined): Map<string, string> {
  return new Map(retryAfterSeconds === undefined ? [] : [['retry-after', String(retryAfterSeconds)]]);
}

/** A 429 for either transport, with the Retry-After header on the HTTP response (GraphQL's too). */
export function rateLimited(req: Request, transport: Transport, message: string, retryAfterSeconds: number): Error {
  req.res?.setHeader('Retry-After', String(retryAfterSeconds));
  return accessError(transport, 'RATE_LIMITED', message, retryAfterSeconds);
}

export const MESSAGES = {
  noCredentials: 'Sign in: send Authorization: Bearer <API key>, or sign in at POST /api/session for a session cookie.',
  badAuthorization: 'The Authorization header must be "Bearer <API key>".',
  invalidKey: 'The API key is not valid: it is unknown, mistyped or revoked.',
  invalidSession: 'The session has expired, was signed out, or its key was revoked: sign in again.',
  tooManyFailures: 'Too many failed sign-in attempts from this address: wait before trying again.',
  tooManyRequests: 'Too many requests for this API key: wait before trying again.',
} as const;
