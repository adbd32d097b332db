import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { QueryRunner, type RunnerOptions } from '@amanah/query';
import type { Store } from '@amanah/store';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnalyticsService, TODAY, type TodayProvider } from './analytics.service.js';
import { DASHBOARDS_DIR, DashboardRegistry } from './dashboard-registry.js';
import { DashboardsResolver, WidgetResolver } from './dashboards.resolver.js';

export interface AnalyticsModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  dashboardsDir: string;
  runner?: RunnerOptions;
  today?: TodayProvider;
}

/** Metrics, KPIs, series, breakdowns, rankings and dashboards over GraphQL. */
@Module({})
export class AnalyticsModule {
  static forRoot(options: AnalyticsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: QueryRunner, useFactory: (store: Store) => new QueryRunner(store, options.runner), inject: [options.storeToken] },
      { provide: DASHBOARDS_DIR, useValue: options.dashboardsDir },
      DashboardRegistry,
      AnalyticsService,
      AnalyticsResolver,
      DashboardsResolver,
      WidgetResolver,
    ];
    if (options.today) providers.push({ provide: TODAY, useValue: options.today });
    return { module: AnalyticsModule, providers, exports: [QueryRunner, AnalyticsService, DashboardRegistry] };
  }
}
