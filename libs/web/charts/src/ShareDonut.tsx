import { useTranslation } from 'react-i18next';
import { Cell, Legend, Pie, PieChart, Sector, Tooltip, type PieSectorShapeProps } from 'recharts';
import { formatPercent, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { colourAt, type BreakdownEntry, type MetricInfo } from '@amanah/web-ui';
import { axisLayout } from './axes.js';
import { ChartBox } from './ChartBox.js';
import { DrillTarget, withoutKey } from './drill.js';

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
  const { t } = useTranslation('ui');
  const layout = axisLayout(prefs);
  const data = items.map((item) => ({ key: item.key, name: item.label[prefs.lang], value: item.value ?? 0, share: item.share }));
  const select = (key: string | undefined) => {
    if (onSelect && key !== undefined && key !== OTHER_KEY) onSelect(key);
  };
  // Each member's slice and legend entry is a keyboard stop, named with its value or share; the remainder is neither.
  const keyboardSlice = onSelect && ((props: PieSectorShapeProps) => {
    const entry = data[props.index];
    const slice = <Sector {...withoutKey(props)} />;
    if (!entry || entry.key === OTHER_KEY) return slice;
    const label = t('drillSelect', { item: entry.name, value: formatValue(entry.value, metric, prefs) });
    return <DrillTarget label={label} onActivate={() => select(entry.key)}>{slice}</DrillTarget>;
  });
  const legendText = (name: string) => `${name} — ${formatPercent(data.find((d) => d.name === name)?.share ?? null, prefs)}`;
  return (
    <ChartBox width={width} height={height}>
      <PieChart accessibilityLayer={!onSelect}>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="80%" paddingAngle={1} startAngle={90} endAngle={layout.rtl ? 450 : -270} isAnimationActive={false}
          rootTabIndex={onSelect ? -1 : 0} shape={keyboardSlice || undefined}
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
            const text = legendText(name);
            // A button inside the entry: the keyboard reaches it, Enter or Space clicks it, and the click reaches the entry's own handler.
            if (!onSelect || data.find((d) => d.name === name)?.key === OTHER_KEY) return text;
            return <button type="button" className="legend-select" aria-label={t('drillLegend', { item: text })}>{text}</button>;
          }}
        />
      </PieChart>
    </ChartBox>
  );
}
