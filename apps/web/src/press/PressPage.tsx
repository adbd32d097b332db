import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AMANAHS } from '@amanah/domain';
import { METRICS } from '@amanah/metrics';
import { formatDateTime, formatNumber, formatRange, type DisplayPrefs, type Lang } from '@amanah/web-format';
import { execute } from '../api/client.js';
import { PageError } from '../dashboard/DashboardPage.js';
import { periodLabel } from '../dashboard/WidgetView.js';
import { FilterBar } from '../filters/FilterBar.js';
import { useParamSetter, useView } from '../filters/use-view.js';
import { rangeInput, type ViewDefaults } from '../filters/view-state.js';
import type { LockFactSheetMutationVariables, PressFiguresQuery as PressFiguresAnswer, PressPrecision } from '../gql/graphql.js';
import { mayUse, useSession } from '../session/session.js';
import { FactSheetsQuery, LockFactSheetMutation, PressFiguresQuery } from './operations.js';
import { downloadServerFile } from '../exports/server-files.js';
import { downloadBlob } from '../exports/download.js';
import { pressDocx, pressText, type PressDocument } from './press-text.js';
import { useAttempt } from '../app/use-attempt.js';
import { PageHeader } from '@amanah/web-ui';

/** The press dashboard's own defaults (dashboards/press.json): the last two years, no comparison. */
const PRESS_DEFAULTS: ViewDefaults = { preset: 'last_2_years', compare: 'NONE', granularity: 'QUARTER' };
const PRECISIONS: readonly PressPrecision[] = ['AUTO', 'EXACT', 'COMPOUND', 'THOUSAND', 'SCALE_STEP', 'SCALE_DECIMAL'];
type Figure = PressFiguresAnswer['pressFigures'][number];

/**
 * Figures for the press: one amanah, one period, the sentences in Arabic and English with where each number came
 * from; copy one or all, download them (DOCX, text), and lock them into a certified fact sheet.
 * URL parameters besides the filters: `metrics` (comma-separated ids; absent = the press dashboard's figures) and
 * `precision`.
 */
/** The press page for keys that may use it; a viewer key is told which key it needs, and nothing is requested. */
export function PressPage() {
  const { session } = useSession();
  return mayUse(session, 'press') ? <PressWorkspace /> : <PressForbidden />;
}

function PressForbidden() {
  const { t } = useTranslation();
  return (
    <article className="press-page" data-state="error" data-testid="press-page">
      <PageHeader title={t('press.title')} />
      <div className="state page-state" role="alert">
        <p className="state__title">{t('press.forbidden')}</p>
      </div>
    </article>
  );
}

function PressWorkspace() {
  const { t } = useTranslation();
  const session = useSession().session;
  const [view, update] = useView(PRESS_DEFAULTS);
  const setParam = useParamSetter();
  const [params] = useSearchParams();
  // A key limited to some amanahs starts on its first one; otherwise the first amanah of the list.
  const scoped = session && session.amanahs !== 'all' ? session.amanahs : null;
  const amanah = view.amanah ?? scoped?.[0] ?? AMANAHS[0]!.id;
  const metrics = (params.get('metrics') ?? '').split(',').filter((id) => METRICS.has(id));
  const precision = (PRECISIONS as readonly string[]).includes(params.get('precision') ?? '') ? (params.get('precision') as PressPrecision) : 'AUTO';
  const variables = {
    amanah,
    range: rangeInput(view),
    metrics: metrics.length > 0 ? metrics : null,
    compare: view.compare,
    precision,
    digits: view.digits === 'arab' ? ('ARAB' as const) : ('LATN' as const),
  };
  // Sentences are written in the reader's calendar; a certified sheet keeps the Gregorian ones it was locked with.
  const figureVariables = { ...variables, calendar: view.calendar === 'hijri' ? ('HIJRI' as const) : ('GREGORY' as const) };
  const figures = useQuery({
    queryKey: ['pressFigures', figureVariables],
    queryFn: ({ signal }) => execute(PressFiguresQuery, figureVariables, signal),
  });
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const info = AMANAHS.find((a) => a.id === amanah)!;
  const answer = figures.data?.pressFigures ?? [];
  const range = answer[0]?.range;
  const doc: PressDocument = {
    heading: {
      ar: `${info.nameAr}${range ? ` — ${periodLabel(range, { ...prefs, lang: 'ar' })}` : ''}`,
      en: `${info.nameEn}${range ? ` — ${periodLabel(range, { ...prefs, lang: 'en' })}` : ''}`,
    },
    figures: answer,
  };
  const state = figures.isError ? 'error' : figures.isSuccess ? 'ready' : 'loading';
  return (
    <article className="press-page" aria-busy={state === 'loading'} data-state={state} data-testid="press-page">
      <PageHeader
        title={t('press.title')}
        description={t('press.description')}
        actions={<PressActions doc={doc} disabled={state !== 'ready' || answer.length === 0} fileName={`${amanah}-press`} />}
      />
      <FilterBar view={{ ...view, amanah }} onChange={update} allowAll={false} />
      <div className="press-options">
        <label className="field">
          <span className="field__label">{t('press.precision')}</span>
          <select value={precision} data-testid="press-precision" onChange={(e) => setParam({ precision: e.target.value === 'AUTO' ? null : e.target.value })}>
            {PRECISIONS.map((p) => <option key={p} value={p}>{t(`press.precisions.${p}`)}</option>)}
          </select>
        </label>
        <MetricPicker lang={view.lang} selected={metrics} onChange={(ids) => setParam({ metrics: ids.length > 0 ? ids.join(',') : null })} />
      </div>
      {figures.isError ? (
        <PageError onRetry={() => figures.refetch()} />
      ) : (
        <ol className="press-figures" aria-label={t('press.sentences')} style={listDigits(prefs)}>
          {answer.map((figure) => <PressFigureItem key={figure.position} figure={figure} prefs={prefs} />)}
        </ol>
      )}
      <LockSheet
        disabled={state !== 'ready' || answer.length === 0}
        variables={variables}
        defaultTitle={doc.heading[view.lang]}
      />
      <FactSheets amanah={amanah} prefs={prefs} />
    </article>
  );
}

/** Copies text to the clipboard and says so (or that it failed) in a live region. */
function useCopy(): [status: 'idle' | 'copied' | 'failed', copy: (text: string) => void] {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = (text: string) => {
    setStatus('idle');
    navigator.clipboard.writeText(text).then(() => setStatus('copied'), () => setStatus('failed'));
  };
  return [status, copy];
}

function CopyStatus({ status }: { status: 'idle' | 'copied' | 'failed' }) {
  const { t } = useTranslation();
  return <span role="status" className="press-copy-status">{status === 'copied' ? t('press.copied') : status === 'failed' ? t('press.copyFailed') : ''}</span>;
}

/** Numbers and dates the page writes itself (not the API's sentences) follow the reader's digits and calendar. */
function PressFigureItem({ figure, prefs }: { figure: Figure; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const lang = prefs.lang;
  const [status, copy] = useCopy();
  const sentence = (l: Lang) => (
    <div className="press-sentence">
      <p lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} data-testid={`press-sentence-${l}-${figure.position}`}>{figure.sentences[l]}</p>
      <button
        type="button"
        className="button button--small"
        data-testid={`press-copy-${l}-${figure.position}`}
        aria-label={t('press.copyLabel', { title: figure.title[lang], lang: t(`press.lang.${l}`) })}
        onClick={() => copy(figure.sentences[l])}
      >
        {t('press.copy')}
      </button>
    </div>
  );
  const p = figure.provenance;
  return (
    <li className="press-figure" data-metric={figure.metric.id}>
      <h2 className="press-figure__title">{figure.title[lang]}</h2>
      {sentence('ar')}
      {sentence('en')}
      {figure.rankSentences && (
        // Where the amanah stands among the amanahs (raw and per 100,000 residents), in both languages.
        <p className="press-standing" data-testid={`press-rank-${figure.position}`}>
          <span lang="ar" dir="rtl">{figure.rankSentences.ar}</span>
          <br />
          <span lang="en" dir="ltr">{figure.rankSentences.en}</span>
        </p>
      )}
      <CopyStatus status={status} />
      <details className="press-provenance">
        <summary>{t('press.provenance')}</summary>
        <dl>
          <dt>{t('press.definition')}</dt><dd>{p.definition}</dd>
          <dt>{t('press.source')}</dt><dd>{t(`press.sources.${p.source === 'rollup' ? 'rollup' : 'raw'}`)} ({p.table})</dd>
          <dt>{t('press.filters')}</dt><dd>{p.filters.map((f) => `${f.dimension} = ${f.values.join(', ')}`).join('; ')}</dd>
          <dt>{t('press.asOf')}</dt><dd data-testid={`press-asof-${figure.position}`}>{p.asOf ? formatDateTime(p.asOf, prefs) : '—'}</dd>
          <dt>{t('press.dataVersion')}</dt><dd data-testid={`press-version-${figure.position}`}>{formatNumber(p.dataVersion, prefs)}</dd>
        </dl>
      </details>
    </li>
  );
}

function PressActions({ doc, disabled, fileName }: { doc: PressDocument; disabled: boolean; fileName: string }) {
  const { t } = useTranslation();
  const [status, copy] = useCopy();
  const { failed, attempt } = useAttempt();
  return (
    <div className="page-actions">
      <button type="button" className="button" disabled={disabled} data-testid="press-copy-all" onClick={() => copy(pressText(doc))}>
        {t('press.copyAll')}
      </button>
      <button
        type="button"
        className="button button--ghost"
        disabled={disabled}
        data-testid="press-download-docx"
        // pressDocx loads the DOCX writer on first use.
        onClick={() => attempt(() => pressDocx(doc).then((blob) => downloadBlob(blob, `${fileName}.docx`)))}
      >
        {t('press.docx')}
      </button>
      <button
        type="button"
        className="button button--ghost"
        disabled={disabled}
        data-testid="press-download-text"
        onClick={() => downloadBlob(new Blob([pressText(doc)], { type: 'text/plain;charset=utf-8' }), `${fileName}.txt`)}
      >
        {t('press.text')}
      </button>
      <CopyStatus status={status} />
      {failed && <span role="alert">{t('exports.failed')}</span>}
    </div>
  );
}

/** Metrics of the catalogue; none chosen means the press dashboard's figures. */
function MetricPicker({ lang, selected, onChange }: { lang: Lang; selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const chosen = new Set(selected);
  return (
    <details className="press-metrics">
      <summary>{selected.length === 0 ? t('press.metricsDefault') : t('press.metricsChosen', { count: selected.length })}</summary>
      <fieldset>
        <legend>{t('press.metrics')}</legend>
        <button type="button" className="button button--small" onClick={() => onChange([])}>{t('press.metricsReset')}</button>
        {[...METRICS.values()].map((metric) => (
          <label key={metric.id} className="field field--inline">
            <input
              type="checkbox"
              checked={chosen.has(metric.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, metric.id] : selected.filter((id) => id !== metric.id))}
            />
            <span>{metric.label[lang]}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function LockSheet({ disabled, variables, defaultTitle }: { disabled: boolean; variables: Omit<LockFactSheetMutationVariables, 'title'>; defaultTitle: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const lock = useMutation({
    mutationFn: (sheetTitle: string) => execute(LockFactSheetMutation, { ...variables, title: sheetTitle }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['factSheets'] }),
  });
  return (
    <form
      className="press-lock"
      aria-label={t('press.lockLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        lock.mutate(title.trim() || defaultTitle);
      }}
    >
      <label className="field">
        <span className="field__label">{t('press.sheetTitle')}</span>
        <input value={title} placeholder={defaultTitle} onChange={(e) => setTitle(e.target.value)} data-testid="press-sheet-title" />
      </label>
      <button type="submit" className="button" disabled={disabled || lock.isPending} data-testid="press-lock">{t('press.lock')}</button>
      <span role="status">{lock.isSuccess ? t('press.locked') : ''}</span>
      {lock.isError && <span role="alert">{t('press.lockFailed')}</span>}
    </form>
  );
}

function FactSheets({ amanah, prefs }: { amanah: string; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const lang = prefs.lang;
  const sheets = useQuery({
    queryKey: ['factSheets', amanah],
    queryFn: ({ signal }) => execute(FactSheetsQuery, { amanah }, signal),
  });
  const list = sheets.data?.factSheets ?? [];
  return (
    <section className="press-sheets" aria-labelledby="press-sheets-heading">
      <h2 id="press-sheets-heading" className="section-title">{t('press.sheets')}</h2>
      {sheets.isError && <p role="alert">{t('page.loadError')}</p>}
      {sheets.isSuccess && list.length === 0 && <p>{t('press.noSheets')}</p>}
      {list.map((sheet) => (
        <details key={sheet.id} className="press-sheet" data-testid={`press-sheet-${sheet.id}`}>
          <summary>
            {sheet.title} — {t('press.lockedBy', { who: sheet.lockedBy, time: formatDateTime(riyadhLocal(sheet.lockedAt), prefs) })}
            {/* The certified period in the reader's calendar first, then in the other one. */}
            <span className="press-sheet__period" data-testid={`press-sheet-period-${sheet.id}`}>
              {' · '}{t('period', { range: formatRange(sheet.range, prefs) })} ({formatRange(sheet.range, { ...prefs, calendar: prefs.calendar === 'hijri' ? 'gregory' : 'hijri' })})
            </span>
            {sheet.restatedCount > 0 && <strong className="press-sheet__restated"> · {t('press.restatedCount', { count: sheet.restatedCount })}</strong>}
          </summary>
          <FactSheetFiles id={sheet.id} prefs={prefs} />
          <ol style={listDigits(prefs)}>
            {sheet.figures.map((figure) => (
              <li key={figure.position} data-restated={figure.restatement ? 'true' : 'false'}>
                <p lang="ar" dir="rtl">{figure.sentences.ar}</p>
                <p lang="en" dir="ltr">{figure.sentences.en}</p>
                {figure.restatement && (
                  <div className="press-restatement" role="note" data-testid={`press-restatement-${sheet.id}-${figure.position}`}>
                    <p><strong>{t('press.restatement')}</strong> {t('press.restatementValues', { old: formatNumber(figure.restatement.old, prefs, 2), new: formatNumber(figure.restatement.new, prefs, 2) })}</p>
                    <p lang={lang}>{figure.restatement.why[lang]}</p>
                    <p lang="ar" dir="rtl">{figure.restatement.sentences.ar}</p>
                    <p lang="en" dir="ltr">{figure.restatement.sentences.en}</p>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </details>
      ))}
    </section>
  );
}

/** List numbers in the reader's digits too: CSS counts in Arabic-Indic digits with `arabic-indic`. */
function listDigits(prefs: DisplayPrefs) {
  return { listStyleType: prefs.digits === 'arab' ? 'arabic-indic' : 'decimal' };
}

/** A certified sheet as the API prints it (PDF, with its id, amanah, period and as-of) or as a workbook. */
function FactSheetFiles({ id, prefs }: { id: string; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const { failed, attempt } = useAttempt();
  const query = new URLSearchParams({ lang: prefs.lang, digits: prefs.digits, calendar: prefs.calendar });
  const file = (format: 'pdf' | 'xlsx') => () => attempt(() => downloadServerFile(`fact-sheet/${id}.${format}`, query, `fact-sheet_${id}.${format}`));
  return (
    <div className="page-actions">
      <button type="button" className="button button--small" data-testid={`press-sheet-pdf-${id}`} onClick={file('pdf')}>{t('exports.pdf')}</button>
      <button type="button" className="button button--small button--ghost" onClick={file('xlsx')}>{t('exports.xlsx')}</button>
      {failed && <span role="alert">{t('exports.failed')}</span>}
    </div>
  );
}

/** The lock time is an instant (ISO, UTC); the app writes times as Riyadh wall-clock (UTC+3, no DST) text. */
function riyadhLocal(iso: string): string {
  return new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
