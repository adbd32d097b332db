import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { execute, executePartial } from '../api/client.js';

import { FilterBar } from '../filters/FilterBar.js';
import { useView } from '../filters/use-view.js';
import { APP_DEFAULTS, narrowView, viewVariables, type ViewDefaults } from '../filters/view-state.js';
import { ActiveFilters } from '../filters/ActiveFilters.js';
import { useHeatmapSlot } from '../filters/heatmap-slot.js';
import { dashboardDimensions } from '../filters/dimension-options.js';
import type { DimensionId } from '@amanah/metrics';
import { DashboardListQuery, DashboardViewQuery } from './operations.js';
import { FreshnessLabel } from './FreshnessLabel.js';
import { oldestFreshness } from './widget-data.js';
import type { ExportContext } from '../exports/context.js';
import { PrintContext } from '../exports/PrintContext.js';
import { downloadServerFile, exportQuery } from '../exports/server-files.js';
import { periodLabel, WidgetView } from './WidgetView.js';
import { useAttempt } from '../app/use-attempt.js';
import { SubscribeForm } from '../delivery/SubscribeForm.js';
import { mayUse, useSession } from '../session/session.js';
import { AnnotationsPanel, useAnnotations } from '../annotations/AnnotationsPanel.js';
import { TargetsPanel } from '../targets/TargetsPanel.js';
import { PageHeader } from '@amanah/web-ui';

/** A dashboard as the API defines it: header, filters, and its widgets in a 12-column grid. */
export function DashboardPage() {
  const { id = 'executive' } = useParams();
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['dashboards'], queryFn: ({ signal }) => execute(DashboardListQuery, {}, signal), staleTime: Infinity });
  const definition = list.data?.dashboards.find((d) => d.id === id);
  const defaults = useMemo<ViewDefaults>(() => (definition ? (definition.defaults as ViewDefaults) : APP_DEFAULTS), [definition]);
  const [view, update] = useView(defaults);
  const [heatmapSlot, setHeatmapSlot] = useHeatmapSlot();
  const dimensionOptions = useMemo(() => dashboardDimensions((definition?.widgets ?? []).map((w) => w.metric)), [definition]);
  const { session } = useSession();
  const [subscribing, setSubscribing] = useState(false);
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const variables = viewVariables(view);
  const annotations = useAnnotations(view).data?.annotations;
  const data = useQuery({
    queryKey: ['dashboard', id, variables],
    queryFn: ({ signal }) => executePartial(DashboardViewQuery, { id, ...variables }, signal),
    enabled: Boolean(definition),
  });

  // Start loading the charts while the data query runs, rather than after it answers.
  useEffect(() => {
    void import('@amanah/web-charts');
  }, []);

  // A mark for benchmarks and browser tests: the moment every widget of the view has its data.
  useEffect(() => {
    if (data.isSuccess) performance.mark(`dashboard-ready:${id}`);
  }, [data.isSuccess, data.dataUpdatedAt, id]);

  if (list.isError) return <PageError onRetry={() => list.refetch()} />;
  if (list.isSuccess && !definition) return <NotFound message={t('page.dashboardNotFound')} />;

  const widgets = data.data?.data.dashboard?.widgets ?? [];
  // Widgets whose own data failed (path dashboard.widgets.<index>.…) show their error state; the others render.
  const failed = new Set((data.data?.failedPaths ?? []).filter((p) => p[0] === 'dashboard' && p[1] === 'widgets').map((p) => widgets[Number(p[2])]?.id));
  const byId = new Map(widgets.map((w) => [w.id, w]));
  const freshness = oldestFreshness(widgets);
  const firstKpi = widgets.find((w) => w.kpi)?.kpi;
  const state = data.isError ? 'error' : data.isSuccess ? 'ready' : 'loading';
  const exportContext: ExportContext = {
    page: id, title: definition?.title[view.lang] ?? id, amanah: view.amanah, range: firstKpi?.range ?? null, asOf: freshness?.asOf ?? null, prefs,
  };
  // The workbook and the PDF are the API's (one writer for each), asked for the view on screen.
  const serverFile = (format: 'xlsx' | 'pdf') => () => downloadServerFile(`dashboard/${id}.${format}`, exportQuery(view), `${id}.${format}`);

  return (
    <article className="dashboard" aria-busy={state === 'loading'} data-dashboard={id} data-state={state}>
      <PageHeader
        title={definition ? definition.title[view.lang] : '\u00a0'}
        description={definition?.description[view.lang]}
        meta={
          <>
            {firstKpi && <span data-testid="period">{t('period', { range: periodLabel(firstKpi.range, prefs) })}</span>}
            {state === 'ready' && <FreshnessLabel freshness={freshness} prefs={prefs} />}
          </>
        }
        actions={
          <>
            <ExportDashboardButton disabled={state !== 'ready'} onExport={serverFile('xlsx')} onPdf={serverFile('pdf')} />
            <button type="button" className="button button--ghost" onClick={() => window.print()}>{t('exports.print')}</button>
            {mayUse(session, 'analysis') && (
              <button type="button" className="button button--ghost" aria-expanded={subscribing} onClick={() => setSubscribing(!subscribing)}>
                {t('delivery.subscribe')}
              </button>
            )}
          </>
        }
      />
      {state === 'ready' && <PrintContext context={exportContext} />}
      {subscribing && <SubscribeForm dashboard={id} view={view} onClose={() => setSubscribing(false)} />}
      <FilterBar view={view} onChange={update} dimensions={dimensionOptions} />
      <ActiveFilters view={view} onChange={update} />
      <div className="widget-grid">
        {(definition?.widgets ?? []).map((w) => (
          <WidgetView
            key={w.id}
            definition={w}
            data={byId.get(w.id)}
            state={failed.has(w.id) ? 'error' : state}
            onRetry={() => data.refetch()}
            prefs={prefs}
            granularity={view.granularity}
            exportPrefix={id}
            exportContext={exportContext}
            annotations={annotations}
            highlightAmanah={view.amanah ?? undefined}
            onNarrow={(dimension, value) => update(narrowView(view, dimension as DimensionId, value))}
            rankingSource={{ dashboard: id, variables }}
            heatmapSlot={heatmapSlot}
            onHeatmapSlot={setHeatmapSlot}
          />
        ))}
      </div>
      <AnnotationsPanel view={view} prefs={prefs} />
      {definition && <TargetsPanel key={id} view={view} prefs={prefs} metrics={definition.widgets.filter((w) => w.type === 'kpi').map((w) => w.metric.id)} />}
    </article>
  );
}

export function ExportDashboardButton({ disabled, onExport, onPdf }: { disabled: boolean; onExport: () => Promise<void>; onPdf: () => Promise<void> }) {
  const { t } = useTranslation();
  const { failed, attempt } = useAttempt();
  return (
    <>
      <button type="button" className="button" disabled={disabled} aria-label={t('exports.xlsxLabel')} onClick={() => attempt(onExport)}>
        {t('exports.xlsx')}
      </button>
      <button type="button" className="button" disabled={disabled} aria-label={t('exports.pdfLabel')} data-testid="export-pdf" onClick={() => attempt(onPdf)}>
        {t('exports.pdf')}
      </button>
      {failed && <span role="alert">{t('exports.failed')}</span>}
    </>
  );
}

export function PageError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state--error page-state" role="alert">
      <p className="state__title">{t('page.loadError')}</p>
      <button type="button" className="button" onClick={onRetry}>{t('page.retry')}</button>
    </div>
  );
}

export function NotFound({ message }: { message?: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <div className="state page-state">
      <h1 className="state__title">{message ?? t('page.notFound')}</h1>
      <Link to={{ pathname: '/dashboards/executive', search }}>{t('page.backHome')}</Link>
    </div>
  );
}
