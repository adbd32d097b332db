import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { execute, GraphqlRequestError } from '../api/client.js';
import { rangeInput, type ViewState } from '../filters/view-state.js';
import type { Comparison, PressDigits, PressLanguage, ScheduleEvery } from '../gql/graphql.js';
import { CreateSubscriptionMutation } from './operations.js';

const EVERY: readonly ScheduleEvery[] = ['DAY', 'WEEK', 'MONTH', 'HIJRI_MONTH'];

/**
 * "Subscribe": e-mails this dashboard view (its amanah, range and comparison) on a schedule. The server checks every
 * field again (addresses, schedule, the key's amanahs) and its message is shown as it is.
 */
export function SubscribeForm({ dashboard, view, onClose }: { dashboard: string; view: ViewState; onClose: () => void }) {
  const { t } = useTranslation();
  const [recipients, setRecipients] = useState('');
  const [every, setEvery] = useState<ScheduleEvery>('WEEK');
  const [at, setAt] = useState('07:00');
  const [weekday, setWeekday] = useState(1);
  const [dayOfMonth, setDayOfMonth] = useState(1);
  const [lang, setLang] = useState<PressLanguage>(view.lang === 'ar' ? 'AR' : 'EN');
  const [digits, setDigits] = useState<PressDigits>(view.digits === 'arab' ? 'ARAB' : 'LATN');
  const create = useMutation({
    mutationFn: () =>
      execute(CreateSubscriptionMutation, {
        input: {
          dashboard,
          amanah: view.amanah,
          range: rangeInput(view),
          compare: view.compare as Comparison,
          recipients: recipients.split(/[\s,;]+/).filter(Boolean),
          schedule: { every, at, weekday: every === 'WEEK' ? weekday : null, dayOfMonth: every === 'MONTH' ? dayOfMonth : null },
          lang,
          digits,
        },
      }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="subscribe-form" aria-label={t('delivery.subscribe')} onSubmit={submit}>
      <label>
        {t('delivery.recipients')}
        <textarea required value={recipients} onChange={(e) => setRecipients(e.target.value)} placeholder="name@example.sa" dir="ltr" />
      </label>
      <label>
        {t('delivery.every')}
        <select value={every} onChange={(e) => setEvery(e.target.value as ScheduleEvery)}>
          {EVERY.map((value) => <option key={value} value={value}>{t(`delivery.everyOptions.${value}`)}</option>)}
        </select>
      </label>
      {every === 'WEEK' && (
        <label>
          {t('delivery.weekday')}
          <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 7].map((day) => <option key={day} value={day}>{t(`delivery.weekdays.${day}`)}</option>)}
          </select>
        </label>
      )}
      {every === 'MONTH' && (
        <label>
          {t('delivery.dayOfMonth')}
          <input type="number" min={1} max={31} value={dayOfMonth} onChange={(e) => setDayOfMonth(Number(e.target.value))} />
        </label>
      )}
      <label>
        {t('delivery.at')}
        <input type="time" required value={at} onChange={(e) => setAt(e.target.value)} />
      </label>
      <label>
        {t('delivery.language')}
        <select value={lang} onChange={(e) => setLang(e.target.value as PressLanguage)}>
          <option value="AR">العربية</option>
          <option value="EN">English</option>
        </select>
      </label>
      <label>
        {t('delivery.digits')}
        <select value={digits} onChange={(e) => setDigits(e.target.value as PressDigits)}>
          <option value="ARAB">٠١٢٣</option>
          <option value="LATN">0123</option>
        </select>
      </label>
      <div className="subscribe-form__actions">
        <button type="submit" className="button" disabled={create.isPending}>{t('delivery.save')}</button>
        <button type="button" className="button button--ghost" onClick={onClose}>{t('delivery.close')}</button>
      </div>
      {create.isSuccess && <p role="status">{t('delivery.saved')}</p>}
      {create.isError && <p role="alert">{create.error instanceof GraphqlRequestError ? create.error.message : t('delivery.failed')}</p>}
    </form>
  );
}
