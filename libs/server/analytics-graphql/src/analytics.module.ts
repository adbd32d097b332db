import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { QueryRunner, type RunnerOptions } from '@amanah/query';
import type { Store } from '@amanah/store';
import {
  AnalyticsService, AnnotationsService, AnnotationStore, TargetsService, TargetStore, DASHBOARDS_DIR, DashboardRegistry, TODAY, DataArrivals, UploadTimes, type TodayProvider,
} from '@amanah/analytics';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnnotationsResolver } from './annotations.resolver.js';
import { TargetsResolver } from './targets.resolver.js';
import { DashboardsResolver, WidgetResolver } from './dashboards.resolver.js';

export interface AnalyticsModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  dashboardsDir: string;
  runner?: RunnerOptions;
  today?: TodayProvider;
}

/**
 * Metrics, KPIs, series, breakdowns, rankings, dashboards and annotations over GraphQL: the analytics lib's services (one
 * QueryRunner) and the resolvers over them. Exports the services for the press module and the app.
 */
@Module({})
export class AnalyticsModule {
  static forRoot(options: AnalyticsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: QueryRunner, useFactory: (store: Store) => new QueryRunner(store, options.runner), inject: [options.storeToken] },
      { provide: DASHBOARDS_DIR, useValue: options.dashboardsDir },
      DashboardRegistry,
      { provide: UploadTimes, useFactory: (store: Store) => new UploadTimes(store), inject: [options.storeToken] },
      { provide: DataArrivals, useFactory: (store: Store) => new DataArrivals(store), inject: [options.storeToken] },
      AnalyticsService,
      AnalyticsResolver,
      DashboardsResolver,
      WidgetResolver,
      { provide: AnnotationStore, useFactory: (store: Store) => new AnnotationStore(store), inject: [options.storeToken] },
      AnnotationsService,
      AnnotationsResolver,
      { provide: TargetStore, useFactory: (store: Store) => new TargetStore(store), inject: [options.storeToken] },
      TargetsService,
      TargetsResolver,
    ];
    if (options.today) providers.push({ provide: TODAY, useValue: options.today });
    return { module: AnalyticsModule, providers, exports: [QueryRunner, AnalyticsService, DashboardRegistry] };
  }
}
