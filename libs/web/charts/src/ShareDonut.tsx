import { Cell, Legend, Pie, PieChart, Tooltip } from 'recharts';
import { formatPercent, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { colourAt, type BreakdownEntry, type MetricInfo } from '@amanah/web-ui';
import { axisLayout } from './axes.js';
import { ChartBox } from './ChartBox.js';

export interface ShareDonutProps {
  metric: MetricInfo;
  items: readonly BreakdownEntry[];
  prefs: DisplayPrefs;
  height?: number;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
}

/** Shares of the whole; the legend names each member with its share in the user's digits. */
export function ShareDonut({ metric, items, prefs, height = 280, width }: ShareDonutProps) {
  const layout = axisLayout(prefs);
  const data = items.map((item) => ({ name: item.label[prefs.lang], value: item.value ?? 0, share: item.share }));
  return (
    <ChartBox width={width} height={height}>
      <PieChart accessibilityLayer>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="80%" paddingAngle={1} startAngle={90} endAngle={layout.rtl ? 450 : -270} isAnimationActive={false}>
          {data.map((entry, i) => <Cell key={entry.name} fill={colourAt(i)} />)}
        </Pie>
        <Tooltip trigger={layout.tooltipTrigger} contentStyle={layout.tooltipStyle} formatter={(value) => formatValue(typeof value === 'number' ? value : null, metric, prefs)} />
        <Legend
          wrapperStyle={layout.legendStyle}
          formatter={(name: string) => {
            const entry = data.find((d) => d.name === name);
            return `${name} — ${formatPercent(entry?.share ?? null, prefs)}`;
          }}
        />
      </PieChart>
    </ChartBox>
  );
}
