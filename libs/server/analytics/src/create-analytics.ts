import { QueryRunner, type RunnerOptions } from '@amanah/query';
import type { Store } from '@amanah/store';
import { AnalyticsService, type TodayProvider } from './analytics.service.js';
import { DashboardRegistry } from './dashboard-registry.js';
import { UploadTimes } from './freshness.js';
import { DataArrivals } from './missing-data.js';
import { FactSheetStore } from './press/fact-sheet-store.js';
import { PressService } from './press/press.service.js';
import { TargetStore } from './targets/target-store.js';
import { TargetsService } from './targets/targets.service.js';

export interface AnalyticsOptions {
  store: Store;
  /** The dashboard files (dashboards/*.json): their targets and the press dashboard's figures. */
  dashboardsDir: string;
  runner?: RunnerOptions;
  today?: TodayProvider;
}

/**
 * The services wired by hand, for code with no Nest app and no request (delivery, alerts, exports, scripts, tests):
 * one QueryRunner (one cache, one data version) under both. The API wires the same classes through Nest instead.
 */
export function createAnalytics(options: AnalyticsOptions): { runner: QueryRunner; analytics: AnalyticsService; press: PressService; targets: TargetsService } {
  const runner = new QueryRunner(options.store, options.runner);
  const dashboards = new DashboardRegistry(options.dashboardsDir);
  const targets = new TargetsService(runner, new TargetStore(options.store), dashboards);
  const analytics = new AnalyticsService(runner, dashboards, new UploadTimes(options.store), new DataArrivals(options.store), targets, options.today);
  const press = new PressService(analytics, dashboards, new FactSheetStore(options.store));
  return { runner, analytics, press, targets };
}
