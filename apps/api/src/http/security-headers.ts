import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { isHttps } from '@amanah/access';

export interface SecurityHeaderOptions {
  /** CSP `frame-ancestors` sources: `'none'` (the default), `'self'` and/or origins (KPI_FRAME_ANCESTORS). */
  frameAncestors: readonly string[];
  /** Non-production serves GraphiQL at GET /graphql: a page that loads its code from unpkg and starts it inline. */
  graphiql: boolean;
}

export const DEFAULT_FRAME_ANCESTORS: readonly string[] = ["'none'"];

/** A source KPI_FRAME_ANCESTORS may name besides the keywords: an http(s) origin, a leading `*.` allowed. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * KPI_FRAME_ANCESTORS: who may show the dashboard in a frame. Sources separated by spaces or commas: `none`, `self`
 * (with or without CSP's quotes) or origins such as `https://portal.example.sa`. Undefined when the value is not one
 * (a path, a scheme other than http(s), `none` beside another source), so that a typo cannot open framing wide.
 */
export function parseFrameAncestors(value: string): string[] | undefined {
  const sources = value.split(/[\s,]+/).filter(Boolean);
  const parsed: string[] = [];
  for (const source of sources) {
    const keyword = source.replace(/^'(.*)'$/, '$1').toLowerCase();
    if (keyword === 'none' || keyword === 'self') parsed.push(`'${keyword}'`);
    else if (ORIGIN.test(source)) parsed.push(source.toLowerCase());
    else return undefined;
  }
  if (parsed.length === 0 || (parsed.includes("'none'") && parsed.length > 1)) return undefined;
  return [...new Set(parsed)];
}

/**
 * The dashboard's Content-Security-Policy. Its scripts, styles and fonts are Vite's files under /assets; it talks only
 * to this origin. `style-src 'unsafe-inline'`: the charts and the widgets' layout set style attributes, and
 * html-to-image (the PNG export) copies computed styles inline. `img-src data: blob:`: the PNG export draws the widget
 * as an SVG data: URL into an image, and downloads go through blob: URLs.
 */
function dashboardDirectives(frameAncestors: readonly string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [...frameAncestors],
  };
}

// HSTS without includeSubDomains: other hosts of a municipality's domain are not ours to force onto https.
const HSTS = 'max-age=31536000';

/**
 * Security headers on every answer (dashboard files, GraphQL, REST, errors): CSP, X-Content-Type-Options nosniff,
 * Referrer-Policy no-referrer (the demo sign-in link carries a token in its query), X-Frame-Options for browsers that
 * predate frame-ancestors, and HSTS only over https, decided as the session cookie's Secure flag is. No X-Powered-By.
 */
export function useSecurityHeaders(app: NestExpressApplication, options: SecurityHeaderOptions): void {
  app.disable('x-powered-by');
  const { frameAncestors } = options;
  const xFrameOptions =
    frameAncestors.includes("'none'") ? ({ action: 'deny' } as const)
    : frameAncestors.length === 1 && frameAncestors[0] === "'self'" ? ({ action: 'sameorigin' } as const)
    : false; // other origins: only frame-ancestors can name them (ALLOW-FROM is gone from browsers)
  const withDirectives = (directives: Record<string, string[]>) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      strictTransportSecurity: false,
      xFrameOptions,
      referrerPolicy: { policy: 'no-referrer' },
    });
  const dashboard = withDirectives(dashboardDirectives(frameAncestors));
  // GraphiQL (never in production): react, react-dom and graphiql from unpkg, started by an inline script.
  const graphiql = options.graphiql
    ? withDirectives({
        ...dashboardDirectives(frameAncestors),
        'script-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
        'style-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
      })
    : undefined;
  const headers: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (isHttps(req)) res.setHeader('Strict-Transport-Security', HSTS);
    const policy = graphiql && req.method === 'GET' && req.path === '/graphql' ? graphiql : dashboard;
    policy(req, res, next);
  };
  app.use(headers);
}
