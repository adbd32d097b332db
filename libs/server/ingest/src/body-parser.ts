import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

export const INGEST_PATH_PREFIX = '/api/ingest/';

/**
 * Nest installs express.json() for every application/json request, which would read a whole ingest body into
 * memory (and refuse it past 100 kB) before the controller streams it. Call this right after NestFactory.create and
 * before init/listen: it installs the JSON parser itself (Nest then skips its own) for every path but the ingest one.
 * `options` are body-parser's json options (limit, ...), passed on unchanged.
 */
export function exemptIngestFromJsonBodyParser(app: NestExpressApplication, options: Record<string, unknown> = {}): void {
  app.useBodyParser('json', {
    ...options,
    type: (req: IncomingMessage) => !isIngestRequest(req) && isJson(req.headers['content-type']),
  });
}

export function isIngestRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith(INGEST_PATH_PREFIX);
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
