import type { NextFunction, Request, Response } from 'express';
import { BoundedLabel, httpRequestSeconds } from '@amanah/telemetry';

/**
 * Times every HTTP request into amanah_http_request_duration_seconds: GraphQL by its operation name (bounded: a
 * caller chooses it), REST by its route (`/api/ingest/:dataset`: from the app's own routes), anything else (the
 * dashboard's files, unknown paths) as `other`.
 */
export function recordRequestMetrics() {
  const operations = new BoundedLabel(200);
  return (req: Request, res: Response, next: NextFunction) => {
    const done = httpRequestSeconds.startTimer();
    res.on('finish', () => {
      // originalUrl: a mounted handler (Apollo's, at /graphql) sees req.path relative to its mount point.
      const graphql = req.originalUrl.split('?')[0] === '/graphql';
      const name: unknown = graphql ? (req.body as { operationName?: unknown } | undefined)?.operationName : undefined;
      const route = (req.route as { path?: unknown } | undefined)?.path;
      done({
        kind: graphql ? 'graphql' : 'rest',
        operation: graphql ? (name === undefined || name === null ? 'anonymous' : operations.of(name)) : typeof route === 'string' ? route : 'other',
        status: String(res.statusCode),
      });
    });
    next();
  };
}
