import { useTranslation } from 'react-i18next';
import { formatPercent, type DisplayPrefs } from '@amanah/web-format';
import type { LocalizedText } from './types.js';

/** What a metric means, as the API's `metrics` answer gives it, and how one answer of it was computed. */
export interface MetricMeaningData {
  id: string;
  label: LocalizedText;
  /** What it measures over a range. */
  description: LocalizedText;
  /** The formula in words (the API's `Metric.definition`, e.g. "count of office_visits rows by event time"). */
  definition: string;
  dataset: string;
  unit: string;
  direction: string;
  /** Where the shown answer was read ("rollup" or "raw"); absent when the widget has no single answer. */
  source?: string | null;
  exact?: boolean | null;
  relativeErrorPct?: number | null;
}

/**
 * A metric's definition as a description list: what is counted, the formula, the source dataset, unit, direction,
 * and for a shown answer whether it was read from rollups or raw events, exactly or approximately.
 */
export function MetricDefinitionList({ meaning, prefs }: { meaning: MetricMeaningData; prefs: DisplayPrefs }) {
  const { t } = useTranslation('ui');
  const lang = prefs.lang;
  const exactness =
    meaning.exact === false || (meaning.relativeErrorPct ?? null) !== null
      ? t('meaning.approximate', { pct: formatPercent(meaning.relativeErrorPct ?? null, prefs, 0) })
      : meaning.exact === true
        ? t('meaning.exact')
        : t('meaning.exactByDefault');
  return (
    <dl className="metric-meaning__list" data-metric={meaning.id}>
      <dt>{t('meaning.counts')}</dt>
      <dd>{meaning.description[lang]}</dd>
      <dt>{t('meaning.formula')}</dt>
      {/* The formula names columns and tables: it is written in English, left to right, whatever the page's language. */}
      <dd><bdi lang="en" dir="ltr" className="metric-meaning__code">{meaning.definition}</bdi></dd>
      <dt>{t('meaning.dataset')}</dt>
      <dd><bdi lang="en" dir="ltr" className="metric-meaning__code">{meaning.dataset}</bdi></dd>
      <dt>{t('meaning.unit')}</dt>
      <dd>{t(`meaning.units.${meaning.unit}`, { defaultValue: meaning.unit })}</dd>
      <dt>{t('meaning.direction')}</dt>
      <dd>{t(`meaning.directions.${meaning.direction}`, { defaultValue: meaning.direction })}</dd>
      {meaning.source && (
        <>
          <dt>{t('meaning.source')}</dt>
          <dd>{t(`meaning.sources.${meaning.source}`, { defaultValue: meaning.source })}</dd>
        </>
      )}
      <dt>{t('meaning.exactness')}</dt>
      <dd>{exactness}</dd>
    </dl>
  );
}
