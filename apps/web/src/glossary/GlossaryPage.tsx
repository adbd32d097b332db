import { useTranslation } from 'react-i18next';
import { MetricDefinitionList, PageHeader } from '@amanah/web-ui';
import type { Lang } from '@amanah/web-format';
import { METRICS } from '@amanah/metrics';
import { PageError } from '../dashboard/DashboardPage.js';
import { useView } from '../filters/use-view.js';
import { useMetricDefinitions } from './use-metric-definitions.js';

/**
 * Every metric of the catalogue, as the API defines it: its name and what it counts in Arabic and in English, the
 * formula, source dataset, unit and direction. Each widget's ⓘ shows the same definition for one metric. Then how a
 * campaign's lift is computed (libs/server/analytics/src/annotations/lift.ts) and how targets are compared
 * (libs/server/analytics README, Targets), in both languages.
 */
export function GlossaryPage() {
  const { t, i18n } = useTranslation();
  const [view] = useView();
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const other: Lang = view.lang === 'ar' ? 'en' : 'ar';
  const metrics = useMetricDefinitions();
  if (metrics.isError) return <PageError onRetry={() => metrics.refetch()} />;
  const state = metrics.isSuccess ? 'ready' : 'loading';
  return (
    <article className="glossary-page" aria-busy={state === 'loading'} data-state={state} data-testid="glossary-page">
      <PageHeader title={t('glossary.title')} description={t('glossary.description')} />
      <ul className="glossary">
        {(metrics.data ?? []).map((metric) => (
          <li key={metric.id} className="glossary__entry" id={`metric-${metric.id}`} data-metric={metric.id}>
            <h2 className="glossary__name">{metric.label[view.lang]}</h2>
            <p className="glossary__other" lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'}>
              <span className="visually-hidden">{t('glossary.otherLanguage')}: </span>
              <strong>{metric.label[other]}</strong> — {metric.description[other]}
            </p>
            <MetricDefinitionList meaning={{ ...metric, exact: mayBeApproximate(metric.id) ? null : true }} prefs={prefs} />
          </li>
        ))}
      </ul>
      <section className="glossary__entry" id="campaign-lift" aria-labelledby="campaign-lift-title">
        <h2 className="glossary__name" id="campaign-lift-title">{t('glossary.liftTitle')}</h2>
        {(t('glossary.lift', { returnObjects: true }) as string[]).map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
        <div className="glossary__other" lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'}>
          <span className="visually-hidden">{t('glossary.otherLanguage')}: </span>
          <strong>{i18n.getFixedT(other)('glossary.liftTitle')}</strong>
          {(i18n.getFixedT(other)('glossary.lift', { returnObjects: true }) as string[]).map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
        </div>
      </section>
      <section className="glossary__entry" id="targets" aria-labelledby="targets-title">
        <h2 className="glossary__name" id="targets-title">{t('glossary.targetsTitle')}</h2>
        {(t('glossary.targets', { returnObjects: true }) as string[]).map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
        <div className="glossary__other" lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'}>
          <span className="visually-hidden">{t('glossary.otherLanguage')}: </span>
          <strong>{i18n.getFixedT(other)('glossary.targetsTitle')}</strong>
          {(i18n.getFixedT(other)('glossary.targets', { returnObjects: true }) as string[]).map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
        </div>
      </section>
    </article>
  );
}

/** Distinct counts (a sketch) and medians (a histogram) may be answered approximately when a caller asks; others never. */
function mayBeApproximate(id: string): boolean {
  const fn = METRICS.get(id)?.aggregate.fn;
  return fn === 'distinct' || fn === 'median_hours';
}
