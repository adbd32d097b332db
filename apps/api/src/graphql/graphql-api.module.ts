import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLError, ValidationContext } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { AccessModule, type AccessConfig } from '@amanah/access';
import type { TodayProvider } from '@amanah/analytics';
import { AnalyticsModule, stringifyResult } from '@amanah/analytics-graphql';
import type { DeliverySettings } from '@amanah/delivery';
import { DeliveryModule } from '@amanah/delivery-graphql';
import { PressModule } from '@amanah/press-graphql';
import type { RunnerOptions } from '@amanah/query';
import { ExportModule } from '../export/export.module.js';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { STORE } from '../store/store.module.js';
import { refusalLevel } from '../logging/refusals.js';
import { createErrorFormatter, refusalStatusPlugin } from './format-error.js';

export interface GraphqlApiOptions {
  production: boolean;
  /** The dashboard files (dashboards/*.json), validated when the module starts. */
  dashboardsDir: string;
  access?: Partial<AccessConfig>;
  runner?: RunnerOptions;
  /** Pins "today" for range presets (tests, the bench). */
  today?: TodayProvider;
  /** SMTP and webhook settings; default from the environment (KPI_SMTP_URL, KPI_MAIL_FROM, KPI_WEBHOOK_ALLOWED_HOSTS). */
  delivery?: DeliverySettings;
  /** Seconds between delivery schedule ticks; 0: none (tests). Default 30. */
  deliveryTickSeconds?: number;
}

/**
 * Limits on what one request may ask for, so that no query can make the server do unbounded work: a dashboard
 * request with every widget's data is depth 6 and costs a few thousand; these leave room for that and no more.
 */
// The rules throw by default, which Apollo turns into an internal error; reported instead, a refusal is an ordinary
// validation error (GRAPHQL_VALIDATION_FAILED) that names the limit.
const reportRefusal = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};
const QUERY_LIMITS = [
  maxDepthRule({ n: 10, ...reportRefusal }),
  maxAliasesRule({ n: 30, ...reportRefusal }),
  costLimitRule({ maxCost: 20_000, ...reportRefusal }),
];

/**
 * `POST /graphql`, code-first. The schema is built in memory from the resolvers (autoSchemaFile: true) rather than
 * written to apps/api/schema.graphql at every start: a server must not write into the source tree, and a start that
 * rewrote the committed file would hide a stale one. `kpi schema` prints it; schema.spec.ts compares.
 */
@Module({})
export class GraphqlApiModule {
  static forRoot(options: GraphqlApiOptions): DynamicModule {
    const logger = new Logger('GraphQL');
    const access = AccessModule.forRoot({ storeToken: STORE, config: options.access });
    const analytics = AnalyticsModule.forRoot({ storeToken: STORE, dashboardsDir: options.dashboardsDir, runner: options.runner, today: options.today });
    const press = PressModule.forRoot({ storeToken: STORE, analytics });
    return {
      module: GraphqlApiModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          validationRules: QUERY_LIMITS,
          // No cache hints are used: Apollo's cache-control plugin would only time every field of every answer.
          plugins: [refusalStatusPlugin, ApolloServerPluginCacheControlDisabled()],
          // A cached answer's text is written once (ResponseCache); the rest as Apollo would.
          stringifyResult,
          // Nest's driver otherwise resets any response with `data` to HTTP 200. The one error that sets a status
          // (`extensions.http`) is the access layer's RATE_LIMITED, which must reach clients as 429 + Retry-After.
          preserveHttpStatusForExecutionErrors: false,
          // The access policy reads the request (its key, its scope); resolvers take the caller from it (`callerOf(req)`).
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          graphiql: !options.production,
          includeStacktraceInErrorResponses: !options.production,
          formatError: createErrorFormatter({
            exposeInternals: !options.production,
            reportUnexpected: (error) =>
              logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined),
            reportRefusal: ({ code, message, path }) => logger[refusalLevel(code)]({ msg: message, code, ...(path ? { path: path.join('.') } : {}) }),
          }),
        }),
        ReferenceDataModule,
        analytics,
        // The same analytics module instance: press figures share its QueryRunner (cache, data version).
        press,
        // Files of dashboard views and fact sheets, from the same services (apps/api/src/export).
        ExportModule.forRoot([analytics, press]),
        DeliveryModule.forRoot({ storeToken: STORE, analytics, settings: options.delivery, tickSeconds: options.deliveryTickSeconds }),
        access,
      ],
      // The app's global guard uses the access module's policy; its response cache, the query runner's data version.
      exports: [access, analytics],
    };
  }
}

