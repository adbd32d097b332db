import { cloneElement, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * Sizes a chart: to its container (the dashboards) or to a fixed width (tests, where jsdom has no layout, and any
 * caller that needs a known size).
 */
export function ChartBox({ width, height, children }: { width?: number; height: number; children: ReactElement<{ width?: number; height?: number }> }) {
  if (width) return cloneElement(children, { width, height });
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      {children}
    </ResponsiveContainer>
  );
}
