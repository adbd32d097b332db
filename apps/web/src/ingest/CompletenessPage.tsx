import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { addDays, isIsoDate, todayInRiyadh } from '@amanah/calendar';
import { DATASET_NAMES, type DatasetName } from '@amanah/domain';
import { formatBucket, formatCompact, formatDateTime, formatDay, formatDayOfMonth, formatNumber, type DisplayPrefs } from '@amanah/web-format';
import { execute } from '../api/client.js';
import { PageError } from '../dashboard/DashboardPage.js';
import { amanahName } from '../exports/context.js';
import { useView } from '../filters/use-view.js';
import { CompletenessQuery } from './operations.js';
import { riyadhWallTime } from './riyadh-time.js';
import { PageHeader } from '@amanah/web-ui';

/** The heatmap's shades, lightest to darkest: a cell's rows against the busiest cell; each also says its number. */
const LEVELS = 4;

/**
 * `/completeness`: for one dataset, which amanahs sent data for which days (months for a monthly dataset) — a heatmap
 * of amanahs × periods from GraphQL `completeness`, each cell with its row count as text and a period without rows
 * marked (not only coloured) — with each amanah's last upload and newest event. Any signed-in key may read it,
 * limited to its amanahs by the API. The range is the URL's `from`/`to` (default the last 31 days).
 */
export function CompletenessPage() {
  const { t } = useTranslation();
  const [view] = useView();
  const prefs: DisplayPrefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const [params, setParams] = useSearchParams();
  const chosen = params.get('dataset');
  const dataset: DatasetName = (DATASET_NAMES as string[]).includes(chosen ?? '') ? (chosen as DatasetName) : 'portal_visits';
  const today = todayInRiyadh();
  const to = isIsoDate(params.get('to') ?? '') ? params.get('to')! : today;
  const from = isIsoDate(params.get('from') ?? '') ? params.get('from')! : addDays(to, -30);
  const answer = useQuery({
    queryKey: ['completeness', dataset, from, to],
    queryFn: ({ signal }) => execute(CompletenessQuery, { dataset, from, to }, signal),
  });
  const set = (name: string, value: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(name, value);
      else copy.delete(name);
      return copy;
    }, { replace: true });

  if (answer.isError) return <PageError onRetry={() => answer.refetch()} />;
  const data = answer.data?.completeness;
  const monthly = data?.cadence === 'MONTHLY';
  const cells = new Map((data?.cells ?? []).map((cell) => [`${cell.amanah}\0${cell.period}`, cell]));
  const busiest = Math.max(1, ...(data?.cells ?? []).map((cell) => cell.rows));
  // In the reader's calendar: a Gregorian month by the day it starts on in Hijri, a day by its Hijri day of month.
  const periodLabel = (period: string) => (monthly ? formatBucket(period, 'MONTH', prefs) : formatDayOfMonth(period, prefs));

  return (
    <article className="completeness-page" aria-busy={answer.isLoading} data-state={answer.isSuccess ? 'ready' : 'loading'} data-testid="completeness-page">
      <PageHeader title={t('completeness.title')} description={t('completeness.description')} />
      <div className="completeness-controls">
        <label className="field">
          <span className="field__label">{t('upload.dataset')}</span>
          <select value={dataset} onChange={(event) => set('dataset', event.target.value)}>
            {DATASET_NAMES.map((name) => <option key={name} value={name}>{t(`datasets.${name}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('filters.from')}</span>
          <input type="date" value={from} max={to} onChange={(event) => set('from', event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('filters.to')}</span>
          <input type="date" value={to} min={from} onChange={(event) => set('to', event.target.value)} />
        </label>
      </div>
      {data && (
        <>
          <p className="page-meta" data-testid="completeness-summary">
            {t(monthly ? 'completeness.byMonth' : 'completeness.byDay')} · {formatDay(from, prefs)} – {formatDay(to, prefs)} ·{' '}
            {t('completeness.missingCount', { count: data.missing.filter((m) => m.periods.length > 0).length })}
          </p>
          <Legend busiest={busiest} prefs={prefs} />
          <div className="table-scroll">
            <table className="data-table completeness" data-testid="completeness-table">
              <caption className="visually-hidden">{t('completeness.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('completeness.amanah')}</th>
                  <th scope="col">{t('completeness.lastUpload')}</th>
                  <th scope="col">{t('completeness.newestEvent')}</th>
                  {data.periods.map((period) => (
                    <th key={period} scope="col" className="completeness__period" title={formatDay(period, prefs)}>{periodLabel(period)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.freshness.map((row) => (
                  <tr key={row.amanah} data-amanah={row.amanah}>
                    <th scope="row">{amanahName(row.amanah, view.lang)}</th>
                    <td data-testid="last-upload">{row.lastUploadAt ? formatDateTime(riyadhWallTime(row.lastUploadAt), prefs) : '—'}</td>
                    <td>{row.newestEvent ? formatDateTime(row.newestEvent, prefs) : '—'}</td>
                    {data.periods.map((period) => {
                      const cell = cells.get(`${row.amanah}\0${period}`);
                      const level = cell ? Math.min(LEVELS, Math.ceil((LEVELS * cell.rows) / busiest)) : 0;
                      const label = `${amanahName(row.amanah, view.lang)} · ${formatDay(period, prefs)}: ${cell ? t('completeness.rows', { rows: formatNumber(cell.rows, prefs) }) : t('completeness.none')}`;
                      return (
                        <td key={period} className={`completeness__cell completeness__cell--${level}`} data-period={period} data-rows={cell?.rows ?? 0} title={label}>
                          <span aria-hidden="true">{cell ? formatCompact(cell.rows, { unit: 'count', decimals: 0 }, prefs) : '✕'}</span>
                          <span className="visually-hidden">{label}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </article>
  );
}

function Legend({ busiest, prefs }: { busiest: number; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  return (
    <ul className="completeness-legend" aria-label={t('completeness.legend')}>
      <li><span className="completeness__swatch completeness__cell--0" aria-hidden="true">✕</span> {t('completeness.none')}</li>
      {Array.from({ length: LEVELS }, (_, i) => i + 1).map((level) => (
        <li key={level}>
          <span className={`completeness__swatch completeness__cell--${level}`} aria-hidden="true" />{' '}
          {t('completeness.upTo', { rows: formatNumber(Math.ceil((busiest * level) / LEVELS), prefs) })}
        </li>
      ))}
    </ul>
  );
}
