import { Cell, Legend, Pie, PieChart, Tooltip } from 'recharts';
import { formatPercent, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { colourAt, type BreakdownEntry, type MetricInfo } from '@amanah/web-ui';
import { axisLayout } from './axes.js';
import { ChartBox } from './ChartBox.js';

/** The key of a breakdown's remainder ("other"): not a member, so not a filter. */
export const OTHER_KEY = '__other__';

export interface ShareDonutProps {
  metric: MetricInfo;
  items: readonly BreakdownEntry[];
  prefs: DisplayPrefs;
  height?: number;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
  /** A click on a slice or its legend entry: that member's key (never the "__other__" remainder). */
  onSelect?: (key: string) => void;
}

/** Shares of the whole; the legend names each member with its share in the user's digits. */
export function ShareDonut({ metric, items, prefs, height = 280, width, onSelect }: ShareDonutProps) {
  const layout = axisLayout(prefs);
  const data = items.map((item) => ({ key: item.key, name: item.label[prefs.lang], value: item.value ?? 0, share: item.share }));
  const select = (key: string | undefined) => {
    if (onSelect && key !== undefined && key !== OTHER_KEY) onSelect(key);
  };
  return (
    <ChartBox width={width} height={height}>
      <PieChart accessibilityLayer>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="80%" paddingAngle={1} startAngle={90} endAngle={layout.rtl ? 450 : -270} isAnimationActive={false}
          onClick={onSelect && ((_, index) => select(data[index]?.key))}>
          {data.map((entry, i) => (
            <Cell key={entry.name} fill={colourAt(i)} className={onSelect && entry.key !== OTHER_KEY ? 'is-drillable' : undefined} data-key={entry.key} />
          ))}
        </Pie>
        <Tooltip trigger={layout.tooltipTrigger} contentStyle={layout.tooltipStyle} formatter={(value) => formatValue(typeof value === 'number' ? value : null, metric, prefs)} />
        <Legend
          wrapperStyle={layout.legendStyle}
          onClick={onSelect && ((entry) => select(data.find((d) => d.name === entry.value)?.key))}
          formatter={(name: string) => {
            const entry = data.find((d) => d.name === name);
            return `${name} — ${formatPercent(entry?.share ?? null, prefs)}`;
          }}
        />
      </PieChart>
    </ChartBox>
  );
}
