import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatBucket, formatCompact, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { COMPARISON_COLOUR, TARGET_COLOUR, colourAt, type Granularity, type MetricInfo, type SeriesLine, type SeriesPoint } from '@amanah/web-ui';
import { CHART_FONT, axisLayout } from './axes.js';
import { ChartBox } from './ChartBox.js';

/** An event marked on the chart: a day is a line, a span an area, each labelled with its title. */
export interface ChartAnnotation {
  id: string;
  kind: 'CAMPAIGN' | 'OUTAGE' | 'HOLIDAY' | 'POLICY';
  from: string;
  to: string;
  title: { ar: string; en: string };
}

const ANNOTATION_COLOURS: Record<ChartAnnotation['kind'], string> = {
  CAMPAIGN: '#0f766e', OUTAGE: '#b91c1c', HOLIDAY: '#7c3aed', POLICY: '#b45309',
};

/** The bucket (a point's date) a day falls in: the last bucket starting on or before it, else the first. */
function bucketOf(dates: readonly string[], day: string): string | undefined {
  let found = dates[0];
  for (const date of dates) if (date <= day) found = date;
  return found;
}

export interface TrendChartProps {
  metric: MetricInfo;
  /** The whole (one line) or one line per breakdown member. */
  lines: readonly SeriesLine[];
  /** The comparison period's points, aligned bucket by bucket with the first line; drawn dashed. */
  previous?: readonly SeriesPoint[] | null;
  granularity: Granularity;
  chart?: 'line' | 'area';
  prefs: DisplayPrefs;
  height?: number;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
  /** Events to mark (those overlapping the chart's range); the caller lists them in text beside the chart. */
  annotations?: readonly ChartAnnotation[];
  /** The target per bucket (aligned with the first line; null where none applies): a dashed reference line. */
  target?: readonly SeriesPoint[] | null;
}

/** Up to a month of target points are marked with dots, so a target of a single bucket still shows. */
const TARGET_DOTS_UP_TO = 31;

export function TrendChart({ metric, lines, previous, granularity, chart = 'line', prefs, height = 280, width, annotations = [], target }: TrendChartProps) {
  const { t } = useTranslation('ui');
  const layout = axisLayout(prefs);
  const keys = lines.map((_, i) => `l${i}`);
  const names = lines.map((line) => line.label?.[prefs.lang] ?? metric.label[prefs.lang]);
  const data = (lines[0]?.points ?? []).map((point, index) => {
    const row: Record<string, string | number | null> = { date: point.date };
    lines.forEach((line, i) => { row[`l${i}`] = line.points[index]?.value ?? null; });
    if (previous) row.previous = previous[index]?.value ?? null;
    if (target) row.target = target[index]?.value ?? null;
    return row;
  });
  const dates = data.map((row) => String(row.date));
  const marks = dates.length === 0 ? [] : annotations.map((annotation) => ({
    annotation, x1: bucketOf(dates, annotation.from)!, x2: bucketOf(dates, annotation.to)!, colour: ANNOTATION_COLOURS[annotation.kind],
  }));
  const Chart = chart === 'area' && lines.length === 1 ? AreaChart : LineChart;
  const showLegend = lines.length > 1 || Boolean(previous) || Boolean(target);
  const targetDot = target && target.filter((p) => p.value !== null).length <= TARGET_DOTS_UP_TO ? { r: 2.5, fill: TARGET_COLOUR } : false;
  return (
    <ChartBox width={width} height={height}>
      {/* Room at both ends: the first and last date labels are centred on the plot edges and would be clipped. */}
      <Chart data={data} margin={{ top: 8, right: 28, bottom: 4, left: 28 }} accessibilityLayer>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis
          dataKey="date"
          reversed={layout.xReversed}
          tick={CHART_FONT}
          tickFormatter={(date: string) => formatBucket(date, granularity, prefs)}
          minTickGap={16}
        />
        <YAxis
          orientation={layout.yOrientation}
          tick={CHART_FONT}
          tickFormatter={(v: number) => formatCompact(v, metric, prefs)}
          width={64}
        />
        <Tooltip
          trigger={layout.tooltipTrigger}
          contentStyle={layout.tooltipStyle}
          labelFormatter={(date) => formatBucket(String(date), granularity, prefs)}
          formatter={(value) => formatValue(typeof value === 'number' ? value : null, metric, prefs)}
        />
        {showLegend && <Legend wrapperStyle={layout.legendStyle} />}
        {keys.map((key, i) =>
          Chart === AreaChart ? (
            <Area key={key} dataKey={key} name={names[i]} type="monotone" stroke={colourAt(i)} fill={colourAt(i)} fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
          ) : (
            <Line key={key} dataKey={key} name={names[i]} type="monotone" stroke={colourAt(i)} strokeWidth={2} dot={false} isAnimationActive={false} />
          ),
        )}
        {previous &&
          (Chart === AreaChart ? (
            <Area dataKey="previous" name={t('previous')} type="monotone" stroke={COMPARISON_COLOUR} strokeDasharray="5 4" fill="none" strokeWidth={1.5} isAnimationActive={false} />
          ) : (
            <Line dataKey="previous" name={t('previous')} type="monotone" stroke={COMPARISON_COLOUR} strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} />
          ))}
        {target &&
          (Chart === AreaChart ? (
            <Area dataKey="target" name={t('target')} className="chart-target" type="linear" stroke={TARGET_COLOUR} strokeDasharray="8 4" fill="none" strokeWidth={2} dot={targetDot} isAnimationActive={false} />
          ) : (
            <Line dataKey="target" name={t('target')} className="chart-target" type="linear" stroke={TARGET_COLOUR} strokeDasharray="8 4" strokeWidth={2} dot={targetDot} isAnimationActive={false} />
          ))}
        {marks.map(({ annotation, x1, x2, colour }) => {
          const label = { value: annotation.title[prefs.lang], position: 'insideTop' as const, fill: colour, fontSize: 11 };
          const className = `chart-annotation chart-annotation--${annotation.kind.toLowerCase()}`;
          return x1 === x2 ? (
            <ReferenceLine key={annotation.id} x={x1} stroke={colour} strokeDasharray="3 3" label={label} className={className} />
          ) : (
            <ReferenceArea key={annotation.id} x1={x1} x2={x2} fill={colour} fillOpacity={0.1} stroke={colour} strokeOpacity={0.4} label={label} className={className} />
          );
        })}
      </Chart>
    </ChartBox>
  );
}
