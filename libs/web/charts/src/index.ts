// The recharts-based widgets, a library of their own so that the app can load them lazily (after the KPI cards
// paint) without pulling recharts into the initial bundle.
export { TrendChart, type ChartAnnotation, type TrendChartProps } from './TrendChart.js';
export { BreakdownBar, type BreakdownBarProps } from './BreakdownBar.js';
export { ShareDonut, type ShareDonutProps } from './ShareDonut.js';
export { axisLayout } from './axes.js';
