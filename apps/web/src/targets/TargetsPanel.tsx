import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AMANAHS } from '@amanah/domain';
import { METRICS, splitFiltersFor, targetFiltersKey, type DimensionFilterValues } from '@amanah/metrics';
import { formatNumber, formatRange, type DisplayPrefs } from '@amanah/web-format';
import { execute, GraphqlRequestError } from '../api/client.js';
import { filterValueLabel } from '../filters/ActiveFilters.js';
import type { ViewState } from '../filters/view-state.js';
import type { TargetCalendar } from '../gql/graphql.js';
import { mayUse, useSession } from '../session/session.js';
import { SetTargetMutation, TargetsQuery } from './operations.js';

/**
 * Targets of the view's amanah (or the national ones when the view covers every amanah) for the dashboard's KPI
 * metrics, for the filter bar's filters the metric can take (a target applies only to questions with exactly its
 * filters): the ones in force, who set them and, for analysts and admins, a form to set or change one for those
 * filters. The KPI cards answer with a new target at once (the API records it as a data change).
 */
export function TargetsPanel({ view, prefs, metrics }: { view: ViewState; prefs: DisplayPrefs; metrics: readonly string[] }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [metric, setMetric] = useState(metrics[0] ?? '');
  const variables = { metric, amanah: view.amanah };
  const targets = useQuery({
    queryKey: ['targets', variables],
    queryFn: ({ signal }) => execute(TargetsQuery, variables, signal),
    enabled: metric !== '',
  });
  // The view's filters as the metric's widgets apply them: what a target set here is for.
  const filters = splitFiltersFor(metric, view.filters).applied;
  const filtersKey = targetFiltersKey(filters);
  // Without an amanah in the view, the national targets (every amanah, summed); only those for these filters.
  const items = (targets.data?.targets ?? []).filter((target) => target.amanah === view.amanah && targetFiltersKey(target.filters) === filtersKey);
  const amanah = AMANAHS.find((a) => a.id === view.amanah);
  const filterLabels = filters.flatMap((f) => f.values.map((v) => filterValueLabel(f.dimension, v, view.lang)));
  if (metrics.length === 0) return null;
  return (
    <section className="annotations targets" aria-labelledby="targets-title" data-testid="targets">
      <div className="annotations__header">
        <h2 id="targets-title" className="annotations__title">{t('targets.title')}</h2>
      </div>
      <label className="targets__metric">
        {t('targets.metric')}{' '}
        <select name="targetMetric" value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((id) => <option key={id} value={id}>{METRICS.get(id)?.label[view.lang] ?? id}</option>)}
        </select>
      </label>
      <p className="annotation-form__scope">{amanah ? t('targets.forAmanah', { amanah: view.lang === 'ar' ? amanah.nameAr : amanah.nameEn }) : t('targets.national')}</p>
      <p className="annotation-form__scope" data-testid="target-filters">
        {filterLabels.length > 0 ? t('targets.forFilters', { filters: filterLabels.join(view.lang === 'ar' ? '، ' : ', ') }) : t('targets.unfiltered')}
      </p>
      {targets.isError && <p role="alert">{t('targets.loadError')}</p>}
      {targets.isSuccess && items.length === 0 && <p className="annotations__empty">{t('targets.none')}</p>}
      {items.length > 0 && (
        <ul className="annotations__list">
          {items.map((target) => (
            <li key={`${target.from}-${target.to}`} data-period={target.periodLabel}>
              <strong>{formatNumber(target.value, prefs, 2)}</strong>{' '}
              <span>{formatRange({ from: target.from, to: target.to }, prefs)}</span>{' '}
              <span className="targets__who">{target.setBy ? t('targets.setBy', { who: target.setBy }) : t('targets.fromFile')}</span>
            </li>
          ))}
        </ul>
      )}
      {mayUse(session, 'analysis') && <TargetForm metric={metric} amanah={view.amanah} filters={filters} />}
    </section>
  );
}

function TargetForm({ metric, amanah, filters }: { metric: string; amanah: string | null; filters: readonly DimensionFilterValues[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [calendar, setCalendar] = useState<TargetCalendar>('GREGORIAN');
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: () =>
      execute(SetTargetMutation, {
        input: {
          metric, amanah, calendar, year: Number(year), month: calendar === 'GREGORIAN' && month ? Number(month) : null, value: Number(value),
          filters: filters.length > 0 ? filters.map((f) => ({ dimension: f.dimension, values: [...f.values] })) : null,
        },
      }),
    // Every answer may carry the target: the KPI cards and this list are asked again.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="subscribe-form annotation-form" aria-label={t('targets.set')} onSubmit={submit}>
      <label>
        {t('targets.calendar')}
        <select name="calendar" value={calendar} onChange={(e) => setCalendar(e.target.value as TargetCalendar)}>
          <option value="GREGORIAN">{t('targets.gregorian')}</option>
          <option value="HIJRI">{t('targets.hijri')}</option>
        </select>
      </label>
      <label>
        {t('targets.year')}
        <input type="number" name="year" required inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </label>
      {calendar === 'GREGORIAN' && (
        <label>
          {t('targets.month')}
          <select name="month" value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">{t('targets.wholeYear')}</option>
            {Array.from({ length: 12 }, (_, i) => <option key={i} value={String(i + 1)}>{i + 1}</option>)}
          </select>
        </label>
      )}
      <label>
        {t('targets.value')}
        <input type="number" name="value" required min="0" step="any" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <div className="subscribe-form__actions">
        <button type="submit" className="button" disabled={save.isPending}>{t('targets.save')}</button>
      </div>
      {save.isSuccess && <p role="status">{t('targets.saved')}</p>}
      {save.isError && <p role="alert">{save.error instanceof GraphqlRequestError ? save.error.message : t('targets.failed')}</p>}
    </form>
  );
}
