import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { AMANAHS } from '@amanah/domain';
import { formatNumber } from '@amanah/web-format';
import { executePartial } from '../api/client.js';
import { ExportDashboardButton, NotFound, PageError } from '../dashboard/DashboardPage.js';
import { AmanahViewQuery } from '../dashboard/operations.js';
import { FreshnessLabel } from '../dashboard/FreshnessLabel.js';
import { oldestFreshness, widgetTitle, type WidgetData } from '../dashboard/widget-data.js';
import type { ExportContext } from '../exports/context.js';
import { PrintContext } from '../exports/PrintContext.js';
import { downloadServerFile, exportQuery } from '../exports/server-files.js';
import { periodLabel, WidgetView } from '../dashboard/WidgetView.js';
import { FilterBar } from '../filters/FilterBar.js';
import { useView } from '../filters/use-view.js';
import { viewVariables, type ViewDefaults } from '../filters/view-state.js';
import { PageHeader } from '@amanah/web-ui';

/** An amanah's story is told year on year, as the press articles tell it. */
const AMANAH_DEFAULTS: ViewDefaults = { preset: 'last_year', compare: 'SAME_PERIOD_LAST_YEAR', granularity: 'MONTH' };

/**
 * One municipality's story: its published figures (the press dashboard's KPIs), its trends and breakdowns (the
 * executive dashboard's charts) and where it stands among the seventeen (every ranking, its row highlighted).
 */
export function AmanahPage() {
  const { amanah = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const [baseView, update] = useView(AMANAH_DEFAULTS);
  const info = AMANAHS.find((a) => a.id === amanah);
  const view = useMemo(() => ({ ...baseView, amanah: info?.id ?? null }), [baseView, info]);
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const variables = viewVariables(view);
  const data = useQuery({
    queryKey: ['amanah', amanah, variables],
    queryFn: ({ signal }) => executePartial(AmanahViewQuery, variables, signal),
    enabled: Boolean(info),
  });
  if (!info) return <NotFound />;
  if (data.isError) return <PageError onRetry={() => data.refetch()} />;

  const answer = data.data?.data;
  // A widget whose own data failed (path <press|executive>.widgets.<index>.…) shows its error state.
  const failed = new Set(
    (data.data?.failedPaths ?? []).map((p) => (p[0] === 'press' ? answer?.press : p[0] === 'executive' ? answer?.executive : undefined)?.widgets[Number(p[2])]),
  );
  const figures = (answer?.press?.widgets ?? []).filter((w) => w.type === 'kpi');
  const charts = (answer?.executive?.widgets ?? []).filter((w) => w.type !== 'kpi' && w.type !== 'ranking');
  const rankings = [...(answer?.executive?.widgets ?? []), ...(answer?.press?.widgets ?? [])].filter((w) => w.type === 'ranking');
  const all = [...figures, ...charts, ...rankings];
  const state = data.isSuccess ? 'ready' : 'loading';
  const freshness = oldestFreshness(all);
  const name = view.lang === 'ar' ? info.nameAr : info.nameEn;
  const exportContext: ExportContext = { page: 'amanah', title: name, amanah, range: figures[0]?.kpi?.range ?? null, asOf: freshness?.asOf ?? null, prefs };
  // The API's files of this amanah: the executive dashboard's workbook and PDF (its KPIs, charts and rankings).
  const serverFile = (format: 'xlsx' | 'pdf') => () =>
    downloadServerFile(`dashboard/executive.${format}`, exportQuery(view, amanah), `executive_${amanah}.${format}`);
  const section = (heading: string, widgets: WidgetData[], key: string) => (
    <section className="amanah-section" aria-labelledby={`${key}-heading`}>
      <h2 id={`${key}-heading`} className="section-title">{heading}</h2>
      <div className="widget-grid">
        {state === 'loading' && <div className="widget-cell" style={{ ['--span' as string]: 12 }}><div className="skeleton"><div className="skeleton__block skeleton__block--tall" /></div></div>}
        {widgets.map((w) => (
          <WidgetView
            key={`${key}-${w.id}`}
            definition={w}
            data={w}
            state={failed.has(w) ? 'error' : 'ready'}
            onRetry={() => data.refetch()}
            prefs={prefs}
            granularity={view.granularity}
            exportPrefix={`${amanah}-${key}`}
            exportContext={exportContext}
            highlightAmanah={amanah}
          />
        ))}
      </div>
    </section>
  );

  return (
    <article className="dashboard amanah-page" aria-busy={state === 'loading'} data-amanah={amanah} data-state={state}>
      <PageHeader
        title={name}
        description={t('amanah.region', { region: view.lang === 'ar' ? info.regionAr : info.regionEn })}
        meta={
          <>
            {figures[0]?.kpi && <span data-testid="period">{t('period', { range: periodLabel(figures[0].kpi.range, prefs) })}</span>}
            {state === 'ready' && <FreshnessLabel freshness={freshness} prefs={prefs} />}
          </>
        }
        actions={
          <>
            <ExportDashboardButton disabled={state !== 'ready'} onExport={serverFile('xlsx')} onPdf={serverFile('pdf')} />
            <button type="button" className="button button--ghost" onClick={() => window.print()}>{t('exports.print')}</button>
          </>
        }
      >
        <ul className="standing" aria-label={t('amanah.standing')}>
          {rankings.map((w) => {
            const item = w.ranking?.items.find((i) => i.amanah === amanah);
            return item ? (
              <li key={w.id}>
                <strong>{widgetTitle(w, view.lang)}</strong>: {t('amanah.rankOf', { rank: formatNumber(item.rank, prefs), total: formatNumber(w.ranking!.items.length, prefs) })}
              </li>
            ) : null;
          })}
        </ul>
      </PageHeader>
      {state === 'ready' && <PrintContext context={exportContext} />}
      <FilterBar view={view} onChange={update} allowAll={false} onAmanahChange={(id) => id && navigate({ pathname: `/amanahs/${id}`, search })} />
      {section(t('amanah.figures'), figures, 'figures')}
      {section(t('amanah.trends'), charts, 'trends')}
      {section(t('amanah.standing'), rankings, 'standing')}
    </article>
  );
}
