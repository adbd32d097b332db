import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_ACCESS_CONFIG } from '@amanah/access';
import { DeliveryService } from '@amanah/delivery';
import { exemptIngestFromJsonBodyParser, Ingestor, isIngestRequest, type ValidationThreads } from '@amanah/ingest';
import { runWithWork, type Store, type StoreConfig } from '@amanah/store';
import type { AccessPolicy } from '../access/access.guard.js';
import { STORE } from '../store/store.module.js';
import { DEFAULT_FRAME_ANCESTORS, useSecurityHeaders } from '../http/security-headers.js';
import { serveBuiltDashboard } from '../web/serve-dashboard.js';
import { recordRequestMetrics } from '../health/request-metrics.js';
import type { GraphqlApiOptions } from '../graphql/graphql-api.module.js';
import { AppModule } from './app.module.js';
import { answerBodyParserRefusals } from './quiet-exceptions.filter.js';

export interface CreateAppOptions {
  /** Hides error internals and GraphiQL. Default true: a test or caller opts into development behaviour. */
  production?: boolean;
  /** Nest's logger; `false` silences it (tests). */
  logger?: LoggerService | false;
  /** The built dashboard to serve, when that folder has an index.html. */
  webRoot?: string;
  /** Close an open `store` when the app shuts down (the server's own store; tests close theirs). */
  closeStoreOnShutdown?: boolean;
  /** Replaces the API-key policy of the global guard (tests of other concerns pass allowEveryRequest). */
  accessPolicy?: AccessPolicy;
  /** dashboards/*.json; default: the workspace's dashboards folder. */
  dashboardsDir?: string;
  access?: GraphqlApiOptions['access'];
  /** The ingest endpoint's largest body; default KPI_INGEST_MAX_BYTES. */
  ingestMaxBodyBytes?: number;
  /** Threads that validate CSV ingest bodies (the server passes its bundled worker; NDJSON is checked by the engine); default: the event loop. */
  ingestValidation?: ValidationThreads;
  runner?: GraphqlApiOptions['runner'];
  today?: GraphqlApiOptions['today'];
  /** SMTP and webhooks (default: from the environment), and the schedule's tick (default 30 s; 0: none). */
  delivery?: GraphqlApiOptions['delivery'];
  deliveryTickSeconds?: number;
  /** CSP frame-ancestors sources (KPI_FRAME_ANCESTORS); default `'none'`. */
  frameAncestors?: readonly string[];
  /** KPI_METRICS_TOKEN: the Bearer token GET /metrics asks for; unset, /metrics is open. */
  metricsToken?: string;
}

/** The workspace's dashboards folder, found from this file in the source tree and in dist/node alike. */
export const DEFAULT_DASHBOARDS_DIR = findUp('dashboards');

function findUp(name: string): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, name, 'executive.json'))) return path.join(dir, name);
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(name);
    dir = parent;
  }
}

/**
 * The API, wired but not yet listening: call `init()` (migrates the store) or `listen(port)`.
 * `store` is either an open Store (closed at shutdown only with `closeStoreOnShutdown`), or a StoreConfig that
 * the app opens and closes on shutdown.
 */
export async function createApp(store: Store | StoreConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const production = options.production ?? true;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      store,
      closeStoreOnShutdown: options.closeStoreOnShutdown,
      production,
      accessPolicy: options.accessPolicy,
      dashboardsDir: options.dashboardsDir ?? DEFAULT_DASHBOARDS_DIR,
      access: options.access,
      runner: options.runner,
      today: options.today,
      delivery: options.delivery,
      deliveryTickSeconds: options.deliveryTickSeconds,
      ingestMaxBodyBytes: options.ingestMaxBodyBytes,
      ingestValidation: options.ingestValidation,
      metricsToken: options.metricsToken,
    }),
    // abortOnError false: a store that cannot be opened must reach the caller as an error, not abort the process.
    { logger: options.logger ?? false, abortOnError: false },
  );
  // First, so that every answer carries them: files, GraphQL, REST and the errors of the parsers and guards.
  useSecurityHeaders(app, { frameAncestors: options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS, graphiql: !production });
  app.use(recordRequestMetrics());
  // Every request's engine work runs in a context of its own: its deadline (the store's query timeout, waiting
  // included) and, once the access policy knows the key, its lane for fair scheduling (see EngineScheduler). An
  // ingest is a write from its first statement (the key's lookup included): it never queues behind dashboards' reads,
  // and has no read deadline (a large batch takes longer than any dashboard query may).
  const deadlineMs = app.get<Store>(STORE).queryTimeoutSeconds * 1000;
  app.use((req: IncomingMessage, _res: unknown, next: () => void) =>
    runWithWork(
      isIngestRequest(req) ? { lane: 'anonymous', kind: 'write' } : { lane: 'anonymous', kind: 'read', deadline: Date.now() + deadlineMs },
      next,
    ),
  );
  // KPI_TRUST_PROXY: whether X-Forwarded-For names the client (req.ip, which the failed-attempt limit counts).
  const trustProxy = options.access?.trustProxy ?? DEFAULT_ACCESS_CONFIG.trustProxy;
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  // Ingest bodies stream into the ingestor; Nest's JSON parser would read them whole first.
  exemptIngestFromJsonBodyParser(app);
  // Nest would add the urlencoded parser at init, after the handler below; installed here, its refusals are caught too.
  app.useBodyParser('urlencoded', { extended: true });
  app.use(answerBodyParserRefusals());
  // Alert rules are evaluated against every committed ingest (in the background; an ingest never waits for them).
  const delivery = app.get(DeliveryService);
  app.get(Ingestor).addWriteListener(() => delivery.dataChanged());
  if (options.webRoot) serveBuiltDashboard(app, options.webRoot);
  return app;
}
