// The light widgets (no charting library): KPI cards, ranking, heatmap, tables, frames and states.
// The recharts-based charts are libs/web/charts (@amanah/web-charts), loaded lazily by the app.
export * from './types.js';
export * from './direction.js';
export * from './tables.js';
export * from './i18n/index.js';
export { KpiCard, type KpiCardProps } from './KpiCard.js';
export { RankingTable, type RankingTableProps } from './RankingTable.js';
export { Heatmap, type HeatmapProps, type HeatmapSlot } from './Heatmap.js';
export { PageHeader, type PageHeaderProps } from './PageHeader.js';
export { DataTable, type DataTableProps } from './DataTable.js';
export { WidgetFrame, Skeleton, type WidgetFrameProps, type WidgetState } from './WidgetFrame.js';
export { MetricDefinitionList, type MetricMeaningData } from './MetricMeaning.js';
