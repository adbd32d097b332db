import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { Store, StoreConfig } from '@amanah/store';
import { ACCESS_POLICY, AccessGuard, allowEveryRequest, type AccessPolicy } from '../access/access.guard.js';
import { GraphqlApiModule } from '../graphql/graphql-api.module.js';
import { HealthModule } from '../health/health.module.js';
import { StoreModule } from '../store/store.module.js';

export interface AppModuleOptions {
  store: Store | StoreConfig;
  closeStoreOnShutdown?: boolean;
  production: boolean;
  accessPolicy?: AccessPolicy;
}

/** Wiring only: the store, health, GraphQL, the global guard and validation. Business logic lives in libs. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        StoreModule.forRoot(options.store, { closeOnShutdown: options.closeStoreOnShutdown }),
        HealthModule,
        GraphqlApiModule.forRoot({ production: options.production }),
      ],
      providers: [
        { provide: ACCESS_POLICY, useValue: options.accessPolicy ?? allowEveryRequest },
        { provide: APP_GUARD, useClass: AccessGuard },
        {
          provide: APP_PIPE,
          // 422 maps to BAD_USER_INPUT in GraphQL (Nest's Apollo driver) and is the contract's status for bad input.
          // No `whitelist`: it would strip input fields that carry @Field but no class-validator rule.
          useValue: new ValidationPipe({ transform: true, errorHttpStatusCode: 422 }),
        },
      ],
    };
  }
}
