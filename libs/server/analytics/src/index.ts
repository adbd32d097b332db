export { AnalyticsError } from './analytics-error.js';
export { AnalyticsService, TODAY, type TodayProvider } from './analytics.service.js';
export * from './answers.js';
export { createAnalytics, type AnalyticsOptions } from './create-analytics.js';
export { DASHBOARDS_DIR, DashboardRegistry } from './dashboard-registry.js';
export { rankingWidgetQuery, widgetQuery, type DashboardScope, type WidgetQuerySource } from './widget-query.js';
export { FACT_SHEET_STORE, PressService } from './press/press.service.js';
export * from './press/press-answers.js';
export { FactSheetStore, type IngestSinceLock, type LockedFigure, type LockedSheet } from './press/fact-sheet-store.js';
