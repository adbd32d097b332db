import type { SeriesPoint } from './types.js';

export interface SparklineProps {
  points: readonly SeriesPoint[];
  /** Time runs with the reading direction: right-to-left in Arabic. */
  dir: 'rtl' | 'ltr';
  label: string;
  colour?: string;
  width?: number;
  height?: number;
}

/** A tiny trend line in plain SVG: KPI cards paint on first load without the charting library. */
export function Sparkline({ points, dir, label, colour = 'currentColor', width = 120, height = 32 }: SparklineProps) {
  const values = points.map((p) => p.value ?? 0);
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const step = width / (values.length - 1);
  const path = values
    .map((v, i) => {
      const x = dir === 'rtl' ? width - i * step : i * step;
      const y = height - 2 - ((v - min) / span) * (height - 4);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    // The drawing is made in a width × height box and stretched to the card's width; the stroke keeps its thickness.
    <svg className="sparkline" role="img" aria-label={label} width="100%" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
      <path d={path} fill="none" stroke={colour} strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" data-testid="sparkline-path" />
    </svg>
  );
}
