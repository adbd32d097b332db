import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DATASET_NAMES } from '@amanah/domain';
import { formatDateTime, formatNumber, type DisplayPrefs } from '@amanah/web-format';
import { execute } from '../api/client.js';
import { PageError } from '../dashboard/DashboardPage.js';
import { amanahName } from '../exports/context.js';
import { useView } from '../filters/use-view.js';
import type { IngestBatchesQuery as IngestBatchesAnswer } from '../gql/graphql.js';
import { mayUse, useSession } from '../session/session.js';
import { IngestBatchesQuery, WithdrawBatchMutation } from './operations.js';
import { riyadhWallTime } from './riyadh-time.js';
import { PageHeader } from '@amanah/web-ui';

type Batch = IngestBatchesAnswer['ingestBatches'][number];

/**
 * `/batches` (ingest and admin keys): the committed batches, newest first, from GraphQL `ingestBatches` — what each
 * wrote per amanah, the events' span, who sent it, when, its Idempotency-Key and file — and withdrawal with a
 * reason. The API decides who may withdraw what (an admin any batch in scope, an ingest key its own); a refusal is
 * shown as the API words it.
 */
export function BatchesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [view] = useView();
  const prefs = { lang: view.lang, digits: view.digits, calendar: view.calendar };
  const { search } = useLocation();
  const [params, setParams] = useSearchParams();
  const dataset = params.get('dataset') ?? '';
  const allowed = mayUse(session.session, 'ingest');
  const batches = useQuery({
    queryKey: ['ingestBatches', dataset],
    queryFn: ({ signal }) => execute(IngestBatchesQuery, { dataset: dataset || null, limit: 200 }, signal),
    enabled: allowed,
    staleTime: 5_000,
  });
  if (!allowed) return <p className="state">{t('batches.forbidden')}</p>;
  if (batches.isError) return <PageError onRetry={() => batches.refetch()} />;

  const chooseDataset = (next: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (next) copy.set('dataset', next);
      else copy.delete('dataset');
      return copy;
    }, { replace: true });

  const list = batches.data?.ingestBatches ?? [];
  return (
    <article className="batches-page" aria-busy={batches.isLoading} data-state={batches.isSuccess ? 'ready' : 'loading'} data-testid="batches-page">
      <PageHeader
        title={t('batches.title')}
        description={t('batches.description')}
        actions={<Link to={{ pathname: '/upload', search }}>{t('upload.nav')}</Link>}
      />
      <label className="field field--inline">
        <span className="field__label">{t('upload.dataset')}</span>
        <select value={dataset} onChange={(event) => chooseDataset(event.target.value)}>
          <option value="">{t('batches.allDatasets')}</option>
          {DATASET_NAMES.map((name) => <option key={name} value={name}>{t(`datasets.${name}`)}</option>)}
        </select>
      </label>
      {batches.isSuccess && list.length === 0 && <p className="state">{t('batches.none')}</p>}
      <ul className="batch-list">
        {list.map((batch) => (
          <BatchItem key={batch.id} batch={batch} prefs={prefs} />
        ))}
      </ul>
    </article>
  );
}

function BatchItem({ batch, prefs }: { batch: Batch; prefs: DisplayPrefs }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => execute(WithdrawBatchMutation, { id: batch.id, reason: reason.trim() }),
    onSuccess: () => {
      setWithdrawing(false);
      // Its rows no longer count: every answer is asked again (the session is kept).
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return;
    if (!confirming) return setConfirming(true);
    withdraw.mutate();
  };

  return (
    <li className="batch" data-batch={batch.id} data-status={batch.status}>
      <h2 className="batch__title">
        {t(`datasets.${batch.dataset}`, { defaultValue: batch.dataset })} · {t('batches.rows', { rows: formatNumber(batch.rows, prefs) })}
        <span className={`batch__status batch__status--${batch.status.toLowerCase()}`}> · {t(`batches.statuses.${batch.status}`)}</span>
      </h2>
      <dl className="batch__facts">
        <dt>{t('batches.amanahs')}</dt>
        <dd>
          {batch.rowsByAmanah.map((row) => `${amanahName(row.amanah, prefs.lang)} (${formatNumber(row.rows, prefs)})`).join('، ') || '—'}
        </dd>
        <dt>{t('batches.span')}</dt>
        <dd>{batch.eventFrom && batch.eventTo ? `${formatDateTime(batch.eventFrom, prefs)} – ${formatDateTime(batch.eventTo, prefs)}` : '—'}</dd>
        <dt>{t('batches.sentBy')}</dt>
        <dd><bdi>{batch.keyLabel || batch.keyId}</bdi></dd>
        <dt>{t('batches.when')}</dt>
        <dd>{formatDateTime(riyadhWallTime(batch.committedAt), prefs)}</dd>
        <dt>{t('batches.file')}</dt>
        <dd><bdi data-testid="batch-file">{batch.sourceFile ?? '—'}</bdi></dd>
        <dt>{t('batches.key')}</dt>
        <dd className="batch__key" dir="ltr">{batch.idempotencyKey ?? '—'}</dd>
        <dt>{t('batches.id')}</dt>
        <dd className="batch__key" dir="ltr">{batch.id}</dd>
        {batch.status !== 'COMMITTED' && (
          <>
            <dt>{t('batches.withdrawn')}</dt>
            <dd>
              {batch.withdrawnAt && formatDateTime(riyadhWallTime(batch.withdrawnAt), prefs)} · <bdi>{batch.withdrawnBy}</bdi> · <bdi>{batch.withdrawReason}</bdi>
              {batch.replacedBy && <> · {t('batches.replacedBy', { id: batch.replacedBy })}</>}
            </dd>
          </>
        )}
      </dl>
      {batch.status === 'COMMITTED' && !withdrawing && (
        <button type="button" className="button button--ghost" onClick={() => setWithdrawing(true)}>{t('batches.withdraw')}</button>
      )}
      {withdrawing && (
        <form className="batch__withdraw" onSubmit={submit}>
          <label className="field">
            <span className="field__label">{t('batches.reason')}</span>
            <textarea
              name="reason" required minLength={3} maxLength={500} value={reason} rows={2}
              onChange={(event) => {
                setReason(event.target.value);
                setConfirming(false);
              }}
            />
          </label>
          {confirming && <p role="alert" className="batch__confirm">{t('batches.confirm', { rows: formatNumber(batch.rows, prefs) })}</p>}
          <div className="batch__actions">
            <button type="submit" className="button" disabled={withdraw.isPending || reason.trim().length < 3} data-testid="withdraw-submit">
              {confirming ? t('batches.confirmWithdraw') : t('batches.withdraw')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => { setWithdrawing(false); setConfirming(false); }}>{t('batches.cancel')}</button>
          </div>
          {withdraw.isError && (
            <p className="state state--error" role="alert" data-testid="withdraw-refused" dir="auto">
              {t('batches.refused')} <span lang="en" dir="ltr">{withdraw.error.message}</span>
            </p>
          )}
        </form>
      )}
    </li>
  );
}
