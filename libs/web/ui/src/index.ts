// The light widgets (no charting library): KPI cards, ranking, heatmap, tables, frames and states.
// Recharts-based charts are in ./charts.ts, a separate entry point meant to be loaded lazily.
export * from './types.js';
export * from './direction.js';
export * from './tables.js';
export * from './i18n/index.js';
export { Sparkline, type SparklineProps } from './Sparkline.js';
export { KpiCard, type KpiCardProps } from './KpiCard.js';
export { RankingTable, type RankingTableProps } from './RankingTable.js';
export { Heatmap, type HeatmapProps } from './Heatmap.js';
export { DataTable, type DataTableProps } from './DataTable.js';
export { WidgetFrame, Skeleton, EmptyState, ErrorState, type WidgetFrameProps, type WidgetState } from './WidgetFrame.js';
