import { Bar, BarChart, CartesianGrid, Legend, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatCompact, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { COMPARISON_COLOUR, colourAt, type BreakdownEntry, type MetricInfo } from '@amanah/web-ui';
import { CHART_FONT, axisLayout } from './axes.js';
import { ChartBox } from './ChartBox.js';
import { DrillTarget, withoutKey } from './drill.js';
import { OTHER_KEY } from './ShareDonut.js';

export interface BreakdownBarProps {
  metric: MetricInfo;
  items: readonly BreakdownEntry[];
  prefs: DisplayPrefs;
  height?: number;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
  /** A click on a bar: that member's key (never the "__other__" remainder). */
  onSelect?: (key: string) => void;
}

/** Members as horizontal bars, largest first; bars grow in the reading direction (from the right in Arabic). */
export function BreakdownBar({ metric, items, prefs, height, width, onSelect }: BreakdownBarProps) {
  const { t } = useTranslation('ui');
  const layout = axisLayout(prefs);
  const compared = items.some((i) => i.previous !== undefined && i.previous !== null);
  const data = items.map((item) => ({ key: item.key, name: item.label[prefs.lang], value: item.value, previous: item.previous ?? null }));
  const select = onSelect && ((_: unknown, index: number) => {
    const key = data[index]?.key;
    if (key !== undefined && key !== OTHER_KEY) onSelect(key);
  });
  // Each member's bar is a keyboard stop of its own, named with its value; the comparison bars repeat the member, so
  // they stay mouse targets only.
  const keyboardBar = select && ((props: BarShapeProps) => {
    const item = data[props.index];
    const bar = <Rectangle {...withoutKey(props)} />;
    if (!item || item.key === OTHER_KEY) return bar;
    const label = t('drillSelect', { item: item.name, value: formatValue(item.value, metric, prefs) });
    return <DrillTarget label={label} onActivate={() => onSelect(item.key)}>{bar}</DrillTarget>;
  });
  const chartHeight = height ?? Math.max(160, items.length * (compared ? 40 : 30) + 40);
  return (
    <ChartBox width={width} height={chartHeight}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 4, left: 8 }} accessibilityLayer={!select}>
        <CartesianGrid stroke="#e5e7eb" horizontal={false} />
        <XAxis type="number" reversed={layout.rtl} tick={CHART_FONT} tickFormatter={(v: number) => formatCompact(v, metric, prefs)} />
        <YAxis type="category" dataKey="name" orientation={layout.yOrientation} tick={CHART_FONT} width={130} interval={0} />
        <Tooltip trigger={layout.tooltipTrigger} contentStyle={layout.tooltipStyle} formatter={(value) => formatValue(typeof value === 'number' ? value : null, metric, prefs)} />
        {compared && <Legend wrapperStyle={layout.legendStyle} />}
        <Bar dataKey="value" name={metric.label[prefs.lang]} fill={colourAt(0)} radius={3} isAnimationActive={false} onClick={select} className={select && 'is-drillable'} shape={keyboardBar || undefined} />
        {compared && <Bar dataKey="previous" name={t('previous')} fill={COMPARISON_COLOUR} radius={3} isAnimationActive={false} onClick={select} className={select && 'is-drillable'} />}
      </BarChart>
    </ChartBox>
  );
}
