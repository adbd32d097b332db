import { useTranslation } from 'react-i18next';
import { formatDateTime, type DisplayPrefs } from '@amanah/web-format';
import { widgetTitle, type PageFreshness } from './widget-data.js';

/**
 * The header's freshness: the page's oldest data (which widget, the newest event it counted) and when that data was
 * last uploaded. A page is as fresh as its stalest figure.
 */
export function FreshnessLabel({ freshness, prefs }: { freshness: PageFreshness | null; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  if (!freshness) return <span className="freshness" data-testid="freshness">{t('freshnessUnknown')}</span>;
  return (
    <span className="freshness" data-testid="freshness" data-widget={freshness.widget.id}>
      {t('freshnessOldest', { time: formatDateTime(freshness.asOf, prefs), widget: widgetTitle(freshness.widget, prefs.lang) })}
      {freshness.lastUploadAt && <> · {t('lastUpload', { time: formatDateTime(freshness.lastUploadAt, prefs) })}</>}
    </span>
  );
}
