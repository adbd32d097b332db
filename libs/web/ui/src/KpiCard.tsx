import { useTranslation } from 'react-i18next';
import {
  directionOf, formatChange, formatDateTime, formatPercent, formatPercentChange, formatRange, formatValue, type DisplayPrefs,
} from '@amanah/web-format';
import { changeTone } from './direction.js';
import { Sparkline } from './Sparkline.js';
import type { KpiData, MetricInfo, SeriesPoint } from './types.js';

export interface KpiCardProps {
  title: string;
  metric: MetricInfo;
  kpi: KpiData;
  prefs: DisplayPrefs;
  sparkline?: readonly SeriesPoint[];
}

/** One figure: value, change against the comparison period coloured by the metric's direction, trend and target. */
export function KpiCard({ title, metric, kpi, prefs, sparkline }: KpiCardProps) {
  const { t } = useTranslation('ui');
  const tone = changeTone(kpi.change, metric.direction);
  const arrow = kpi.change === null || kpi.change === 0 ? '' : kpi.change > 0 ? '▲' : '▼';
  const toneLabel = tone === 'good' ? t('improved') : tone === 'bad' ? t('worsened') : t('unchanged');
  const attainment = kpi.target?.attainmentPct ?? null;
  // A fast estimate (distinct visitors from a sketch, a median from a histogram) is shown with ≈ and its bound.
  const errorPct = kpi.provenance?.relativeErrorPct ?? null;
  const approximate = errorPct === null ? '' : t('approximate', { pct: formatPercent(errorPct, prefs, 0) });
  return (
    <div className="kpi-card">
      <div className="kpi-card__value" data-testid="kpi-value">
        {errorPct !== null && <abbr title={approximate} aria-label={approximate}>≈ </abbr>}
        {formatValue(kpi.value, metric, prefs)}
      </div>
      {kpi.previousRange && (
        <div className={`kpi-card__change kpi-card__change--${tone}`} data-testid="kpi-change">
          <span className="kpi-card__arrow" aria-hidden="true">{arrow}</span>{' '}
          <span className="visually-hidden">{toneLabel}: </span>
          <bdi data-testid="kpi-change-pct">{formatPercentChange(kpi.changePct, prefs)}</bdi>{' '}
          <span className="kpi-card__abs">(<bdi data-testid="kpi-change-abs">{formatChange(kpi.change, metric, prefs)}</bdi>)</span>
          <div className="kpi-card__vs">{t('changeVs', { range: formatRange(kpi.previousRange, prefs) })}</div>
        </div>
      )}
      {sparkline && sparkline.length > 1 && (
        <Sparkline points={sparkline} dir={directionOf(prefs.lang)} label={t('trendSparkline', { title })} />
      )}
      {kpi.target && (
        <div className="kpi-card__target">
          <div className="kpi-card__target-label">
            {t('target')}: <bdi>{formatValue(kpi.target.value, metric, prefs)}</bdi>
          </div>
          {attainment !== null && (
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(Math.min(attainment, 100))}
              aria-valuetext={formatPercent(attainment, prefs, 0)}
              aria-label={t('targetProgress', { pct: formatPercent(attainment, prefs, 0) })}
            >
              <div className={`progress__bar ${attainment >= 100 ? 'progress__bar--met' : ''}`} style={{ inlineSize: `${Math.min(attainment, 100)}%` }} />
              <span className="progress__text">{formatPercent(attainment, prefs, 0)}</span>
            </div>
          )}
        </div>
      )}
      {kpi.asOf && <div className="kpi-card__asof">{t('asOf', { time: formatDateTime(kpi.asOf, prefs) })}</div>}
    </div>
  );
}
