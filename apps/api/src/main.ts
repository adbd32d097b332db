// The API server (dist/node/api.js): validate the environment, open and migrate the store, seed an empty store
// with the demo data unless KPI_SEED_DEMO=false, then listen. Started by `npm start` (tools/start.mjs).
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AccessConfigError, DemoLogin } from '@amanah/access';
import { DashboardFileError } from '@amanah/dashboards';
import { validationWorkerBeside } from '@amanah/ingest';
import { MigrationError, openStore, StoreError } from '@amanah/store';
import { createApp } from './app/create-app.js';
import { ConfigError, loadApiConfig } from './config/api-config.js';
import { assertPortFree, portError } from './config/port.js';
import { seedDemoIfEmpty } from './demo-data/seed-if-empty.js';
import { createRootLogger, PinoLoggerService } from './logging/pino-logger.js';

const WEB_ROOT = fileURLToPath(new URL('../web', import.meta.url)); // dist/node/api.js → dist/web

async function main(): Promise<void> {
  const config = loadApiConfig(process.env);
  const logger = new PinoLoggerService(createRootLogger(config.logLevel));
  const started = performance.now();
  await assertPortFree(config.port);

  // Opened before Nest, so that a locked or unreachable store is one line rather than Nest's start-up exception.
  const store = await openStore(config.store, { queryTimeoutSeconds: config.queryTimeoutSeconds });
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(store, {
      closeStoreOnShutdown: true,
      production: config.production,
      logger,
      webRoot: WEB_ROOT,
      dashboardsDir: config.dashboardsDir,
      access: config.access,
      delivery: config.delivery,
      ingestMaxBodyBytes: config.ingest.maxBodyBytes,
      ingestValidation: { workerScript: validationWorkerBeside(import.meta.url) },
      runner: { cache: config.answerCache, maxRequestCostMs: config.maxRequestCostMs },
      frameAncestors: config.frameAncestors,
      metricsToken: config.metricsToken,
    });
    app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
    await app.init(); // migrates the store, validates the dashboard files
    if (config.seedDemo) await seedDemoIfEmpty(store, logger);
    await listen(app, config.port);
    const demoLogin = app.get(DemoLogin);
    const dashboard = `http://localhost:${config.port}`;
    const signIn = demoLogin.enabled ? `${dashboard}${await demoLogin.prepare()}` : undefined;
    if (signIn) logger.log(`Demo sign-in (viewer, every amanah): ${signIn}`, 'Main');
    // The logs are JSON lines for machines; a person starting the demo gets the two addresses in plain text too.
    process.stdout.write(`\n  Amanah KPI dashboard: ${dashboard}\n${signIn ? `  Demo sign-in (opens the dashboard): ${signIn}\n` : ''}\n`);
  } catch (error) {
    await (app ? app.close() : store.close());
    throw error;
  }
  logger.log(
    `Amanah KPI API listening on http://localhost:${config.port} (GraphQL /graphql, health /healthz) ` +
      `after ${Math.round(performance.now() - started)} ms`,
    'Main',
  );
}

async function listen(app: NestExpressApplication, port: number): Promise<void> {
  try {
    await app.listen(port);
  } catch (error) {
    throw portError(port, error);
  }
}

main().catch((error: unknown) => {
  // Configuration and store problems are one line that says what to do; anything else keeps its stack.
  const explained = [ConfigError, StoreError, MigrationError, DashboardFileError, AccessConfigError].some((kind) => error instanceof kind);
  console.error(explained ? (error as Error).message : error);
  process.exit(1);
});
