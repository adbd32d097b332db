import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { todayInRiyadh } from '@amanah/calendar';
import { QueryRunner } from '@amanah/query';
import type { Store, StoreConfig } from '@amanah/store';
import { KeyAccessPolicy } from '@amanah/access';
import { IngestModule, type ValidationThreads } from '@amanah/ingest';
import { ACCESS_POLICY, AccessGuard, type AccessPolicy } from '../access/access.guard.js';
import { GraphqlApiModule, type GraphqlApiOptions } from '../graphql/graphql-api.module.js';
import { ApiResponseCache } from '../graphql/response-cache.plugin.js';
import { HealthModule } from '../health/health.module.js';
import { QuietExceptionsFilter } from './quiet-exceptions.filter.js';
import { STORE, StoreModule } from '../store/store.module.js';
import { OncePerValueValidationPipe } from './validation.pipe.js';

export interface AppModuleOptions extends Omit<GraphqlApiOptions, 'production'> {
  store: Store | StoreConfig;
  closeStoreOnShutdown?: boolean;
  production: boolean;
  /** Replaces the API-key policy (tests of other concerns); by default every request needs a key or a session. */
  accessPolicy?: AccessPolicy;
  /** The ingest endpoint's largest body; default KPI_INGEST_MAX_BYTES. */
  ingestMaxBodyBytes?: number;
  ingestValidation?: ValidationThreads;
  /** KPI_METRICS_TOKEN: the Bearer token GET /metrics asks for; unset, /metrics is open. */
  metricsToken?: string;
}

/** Wiring only: the store, health, GraphQL, the global guard and validation. Business logic lives in libs. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        StoreModule.forRoot(options.store, { closeOnShutdown: options.closeStoreOnShutdown }),
        HealthModule.forRoot({ metricsToken: options.metricsToken }),
        GraphqlApiModule.forRoot(options),
        IngestModule.forRoot({ storeToken: STORE, maxBodyBytes: options.ingestMaxBodyBytes, validation: options.ingestValidation }),
      ],
      providers: [
        options.accessPolicy
          ? { provide: ACCESS_POLICY, useValue: options.accessPolicy }
          : { provide: ACCESS_POLICY, useExisting: KeyAccessPolicy },
        { provide: APP_GUARD, useClass: AccessGuard },
        // Whole GraphQL answers under the data version, beside the query runner's answer cache and off with it.
        ...(options.runner?.cache === false
          ? []
          : [{
              provide: ApiResponseCache,
              useFactory: (policy: AccessPolicy, runner: QueryRunner) => new ApiResponseCache(policy, runner, options.today ?? (() => todayInRiyadh())),
              inject: [ACCESS_POLICY, QueryRunner],
            }]),
        // Refusals are one log line, not Nest's stack trace per thrown error (quiet-exceptions.filter.ts).
        { provide: APP_FILTER, useClass: QuietExceptionsFilter },
        {
          provide: APP_PIPE,
          // 422 maps to BAD_USER_INPUT in GraphQL (Nest's Apollo driver) and is the contract's status for bad input.
          // No `whitelist`: it would strip input fields that carry @Field but no class-validator rule.
          useValue: new OncePerValueValidationPipe({ transform: true, errorHttpStatusCode: 422 }),
        },
      ],
    };
  }
}
