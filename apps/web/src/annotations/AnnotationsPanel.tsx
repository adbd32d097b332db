import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { AMANAHS } from '@amanah/domain';
import { METRICS } from '@amanah/metrics';
import { formatNumber, formatPercentChange, formatRange, type DisplayPrefs } from '@amanah/web-format';
import { execute, GraphqlRequestError } from '../api/client.js';
import { rangeInput, type ViewState } from '../filters/view-state.js';
import type { AnnotationKind, AnnotationsQuery as AnnotationsAnswer } from '../gql/graphql.js';
import { mayUse, useSession } from '../session/session.js';
import { AnnotationsQuery, CreateAnnotationMutation, DeleteAnnotationMutation } from './operations.js';

export type ViewAnnotation = AnnotationsAnswer['annotations'][number];

const KINDS: readonly AnnotationKind[] = ['CAMPAIGN', 'OUTAGE', 'HOLIDAY', 'POLICY'];
/** Metrics a campaign's lift is measured on: counts and sums of the catalogue (the API refuses others). */
const LIFT_METRICS = [...METRICS.values()].filter((m) => m.aggregate.fn === 'count' || m.aggregate.fn === 'sum');

/** The view's annotations (its range and amanah), shared by the trends that draw them and the panel that lists them. */
export function useAnnotations(view: ViewState) {
  const variables = { range: rangeInput(view), amanah: view.amanah };
  return useQuery({
    queryKey: ['annotations', variables],
    queryFn: ({ signal }) => execute(AnnotationsQuery, variables, signal),
  });
}

/**
 * The view's annotations as text (what the trends draw, readable without the chart), each campaign with its lift
 * against the same weekdays of the weeks before (the glossary explains the method); analysts and admins mark events
 * here and delete their own.
 */
export function AnnotationsPanel({ view, prefs }: { view: ViewState; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [adding, setAdding] = useState(false);
  const annotations = useAnnotations(view);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => execute(DeleteAnnotationMutation, { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['annotations'] }),
  });
  const items = annotations.data?.annotations ?? [];
  const marks = mayUse(session, 'analysis');
  return (
    <section className="annotations" aria-labelledby="annotations-title" data-testid="annotations">
      <div className="annotations__header">
        <h2 id="annotations-title" className="annotations__title">{t('annotations.title')}</h2>
        {marks && (
          <button type="button" className="button button--ghost button--small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {t('annotations.add')}
          </button>
        )}
      </div>
      {adding && <AnnotationForm view={view} onDone={() => setAdding(false)} />}
      {annotations.isError && <p role="alert">{t('annotations.loadError')}</p>}
      {items.length === 0 && annotations.isSuccess && <p className="annotations__empty">{t('annotations.none')}</p>}
      {items.length > 0 && (
        <ul className="annotations__list">
          {items.map((a) => (
            <li key={a.id} className={`annotation annotation--${a.kind.toLowerCase()}`} data-annotation={a.id}>
              <span className="annotation__kind">{t(`annotations.kinds.${a.kind}`)}</span>{' '}
              <strong className="annotation__title">{a.title[prefs.lang]}</strong>{' '}
              <span className="annotation__dates">{formatRange({ from: a.from, to: a.to }, prefs)}</span>
              {a.lift && <LiftLine lift={a.lift} prefs={prefs} />}
              {marks && (
                <button type="button" className="button button--small button--ghost" aria-label={t('annotations.deleteLabel', { title: a.title[prefs.lang] })} onClick={() => remove.mutate(a.id)}>
                  {t('annotations.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <p role="alert">{remove.error instanceof GraphqlRequestError ? remove.error.message : t('annotations.failed')}</p>}
    </section>
  );
}

function LiftLine({ lift, prefs }: { lift: NonNullable<ViewAnnotation['lift']>; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  if (lift.claim === 'NOT_STARTED') return <p className="annotation__lift">{t('annotations.lift.notStarted')}</p>;
  const n = (value: number) => formatNumber(value, prefs, 1);
  return (
    <p className="annotation__lift" data-testid="lift">
      {t('annotations.lift.summary', {
        observed: n(lift.observed), baseline: n(lift.baseline), change: formatPercentChange(lift.liftPct, prefs, 1),
        low: n(lift.intervalLow), high: n(lift.intervalHigh), days: formatNumber(lift.days, prefs), weeks: formatNumber(lift.baselineWeeks, prefs),
      })}{' '}
      <strong>{t(`annotations.lift.claims.${lift.claim}`)}</strong>{' '}
      <Link to={{ pathname: '/glossary', search, hash: 'campaign-lift' }}>{t('annotations.lift.method')}</Link>
    </p>
  );
}

function AnnotationForm({ view, onDone }: { view: ViewState; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AnnotationKind>('CAMPAIGN');
  const [from, setFrom] = useState(view.from ?? '');
  const [to, setTo] = useState(view.to ?? '');
  const [titleAr, setTitleAr] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [metric, setMetric] = useState('');
  const create = useMutation({
    mutationFn: () =>
      execute(CreateAnnotationMutation, {
        input: { kind, from, to, titleAr, titleEn, amanahs: view.amanah ? [view.amanah] : null, metric: kind === 'CAMPAIGN' && metric ? metric : null },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['annotations'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const amanah = AMANAHS.find((a) => a.id === view.amanah);
  return (
    <form className="subscribe-form annotation-form" aria-label={t('annotations.add')} onSubmit={submit}>
      <label>
        {t('annotations.kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)}>
          {KINDS.map((value) => <option key={value} value={value}>{t(`annotations.kinds.${value}`)}</option>)}
        </select>
      </label>
      <label>
        {t('annotations.from')}
        <input type="date" name="from" required value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('annotations.to')}
        <input type="date" name="to" required value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        {t('annotations.titleAr')}
        <input type="text" name="titleAr" required dir="rtl" lang="ar" value={titleAr} onChange={(e) => setTitleAr(e.target.value)} />
      </label>
      <label>
        {t('annotations.titleEn')}
        <input type="text" name="titleEn" required dir="ltr" lang="en" value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
      </label>
      {kind === 'CAMPAIGN' && (
        <label>
          {t('annotations.metric')}
          <select name="metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
            <option value="">{t('annotations.noMetric')}</option>
            {LIFT_METRICS.map((m) => <option key={m.id} value={m.id}>{m.label[view.lang]}</option>)}
          </select>
        </label>
      )}
      <p className="annotation-form__scope">{amanah ? t('annotations.forAmanah', { amanah: view.lang === 'ar' ? amanah.nameAr : amanah.nameEn }) : t('annotations.forAll')}</p>
      <div className="subscribe-form__actions">
        <button type="submit" className="button" disabled={create.isPending}>{t('annotations.save')}</button>
        <button type="button" className="button button--ghost" onClick={onDone}>{t('annotations.close')}</button>
      </div>
      {create.isError && <p role="alert">{create.error instanceof GraphqlRequestError ? create.error.message : t('annotations.failed')}</p>}
    </form>
  );
}
