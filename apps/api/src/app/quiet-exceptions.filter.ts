import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { WorkRefusedError } from '@amanah/store';
import { clipEchoes, refusalLevel } from '../logging/refusals.js';

/**
 * The app's one exception filter (APP_FILTER). Without it Nest logs every error a resolver or guard throws at error
 * level with its stack, refusals included: an unauthenticated GraphQL call was a stack trace, and a 100 KB bad
 * argument was logged three times over (message, stack, error).
 *
 * - GraphQL: the error goes back to Apollo unlogged; the error formatter (format-error.ts) logs it once, a refusal as
 *   one line and an unexpected error with its stack.
 * - HTTP: a refusal (an HttpException below 500) is one line at info or warn; everything else is Nest's default
 *   handling (an unexpected error logged with its stack, 500).
 * - HTTP, the engine's refusal of a request's statement (WorkRefusedError, e.g. the key lookup of a REST request that
 *   waited past its deadline under load): 429 with Retry-After when it has a retry hint (COST_BUDGET, OVERLOADED),
 *   422 for COST_LIMIT, 503 for QUERY_TIMEOUT, with its code, one line — not a 500.
 */
@Catch()
export class QuietExceptionsFilter extends BaseExceptionFilter {
  private readonly log = new Logger('Http');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    if (exception instanceof WorkRefusedError) {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      // As on GraphQL (refusalStatusPlugin): a refusal with a retry hint is a 429; too costly is the request's own fault.
      const status = exception.retryAfterSeconds !== undefined ? 429 : exception.code === 'COST_LIMIT' ? 422 : 503;
      this.log[refusalLevel(status)]({ msg: clipEchoes(exception.message), status, code: exception.code, method: req.method, path: req.path });
      if (res.headersSent) return undefined;
      if (status !== 422) res.setHeader('Retry-After', String(exception.retryAfterSeconds ?? 1));
      res.status(status).json({ statusCode: status, code: exception.code, message: exception.message });
      return undefined;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const req = host.switchToHttp().getRequest<Request>();
      this.log[refusalLevel(status)]({ msg: clipEchoes(exception.message), status, method: req.method, path: req.path });
    }
    return super.catch(exception, host);
  }
}

/**
 * Express error middleware for what the body parsers refuse before Nest sees the request (a body over the JSON limit:
 * 413; unreadable JSON: 400). Without it Express's final handler prints each one's stack to stderr. Registered right
 * after the parsers; anything that is not a 4xx goes on to Nest's and Express's handling.
 */
export function answerBodyParserRefusals(): ErrorRequestHandler {
  const log = new Logger('Http');
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status !== 'number' || status < 400 || status >= 500 || res.headersSent) {
      next(error);
      return;
    }
    const message = clipEchoes(error instanceof Error ? error.message : String(error));
    log[refusalLevel(status)]({ msg: message, status, method: req.method, path: req.path });
    res.status(status).json({ statusCode: status, message });
  };
}
