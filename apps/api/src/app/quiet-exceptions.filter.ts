import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { errorAnswer, errorFields } from '@amanah/analytics';
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
 * - HTTP, a domain error (a bad argument, a forbidden amanah, or the engine's refusal of a request's statement, e.g.
 *   the key lookup of a REST request that waited past its deadline under load): the status, code and fields
 *   `errorAnswer` (@amanah/analytics, the mapping GraphQL uses too) gives, Retry-After on a 429 or 503, one line —
 *   not a 500.
 */
@Catch()
export class QuietExceptionsFilter extends BaseExceptionFilter {
  private readonly log = new Logger('Http');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const answer = errorAnswer(exception);
    if (answer) {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      const { status } = answer;
      const message = clipEchoes(answer.message);
      this.log[refusalLevel(status)]({ msg: message, status, code: answer.code, method: req.method, path: req.path });
      if (res.headersSent) return undefined;
      if (status === 429 || status === 503) res.setHeader('Retry-After', String(answer.retryAfterSeconds ?? 1));
      res.status(status).json({ statusCode: status, message, ...errorFields(answer) });
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
