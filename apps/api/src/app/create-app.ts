import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Store, StoreConfig } from '@amanah/store';
import type { AccessPolicy } from '../access/access.guard.js';
import { serveBuiltDashboard } from '../web/serve-dashboard.js';
import { AppModule } from './app.module.js';

export interface CreateAppOptions {
  /** Hides error internals and GraphiQL. Default true: a test or caller opts into development behaviour. */
  production?: boolean;
  /** Nest's logger; `false` silences it (tests). */
  logger?: LoggerService | false;
  /** The built dashboard to serve, when that folder has an index.html. */
  webRoot?: string;
  /** Close an open `store` when the app shuts down (the server's own store; tests close theirs). */
  closeStoreOnShutdown?: boolean;
  /** Replaces the allow-all policy of the global guard. */
  accessPolicy?: AccessPolicy;
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
    }),
    // abortOnError false: a store that cannot be opened must reach the caller as an error, not abort the process.
    { logger: options.logger ?? false, abortOnError: false },
  );
  if (options.webRoot) serveBuiltDashboard(app, options.webRoot);
  return app;
}
