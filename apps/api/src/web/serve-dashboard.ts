import fs from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Paths the API answers itself; everything else that asks for HTML is the dashboard's client-side routing. The probes
 * and /metrics are here too: a probe sends `Accept: *\/*`, and answering it index.html would say "ready" for ever.
 */
const API_PATHS = [/^\/graphql(\/|$)/, /^\/api(\/|$)/, /^\/(healthz|livez|readyz|metrics)(\/|$)/];

export const answeredByApi = (requestPath: string): boolean => API_PATHS.some((p) => p.test(requestPath));

/**
 * Serves the built dashboard (dist/web) when it exists: its files as static assets, and index.html for any other
 * GET that accepts HTML, so that a reload on /dashboards/executive lands in the app's router. Returns whether the
 * dashboard is served. Static files are public: the dashboard must load before anyone can sign in.
 */
export function serveBuiltDashboard(app: NestExpressApplication, webRoot: string): boolean {
  const indexHtml = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexHtml)) return false;
  app.useStaticAssets(webRoot, { index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || answeredByApi(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.sendFile(indexHtml);
  });
  return true;
}
