import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { execute } from '../api/client.js';
import { mayUse, useSession } from '../session/session.js';
import { DeleteSubscriptionMutation, DeliverSubscriptionMutation, DeliveryOverviewQuery } from './operations.js';
import { PageHeader } from '@amanah/web-ui';
import { rangeName } from '../filters/range-name.js';
import { useView } from '../filters/use-view.js';

/**
 * `/deliveries`: the key's report subscriptions with their deliveries ("send now", delete), and its alert rules
 * with their firings. Statuses and errors are the server's, so an SMTP or webhook failure is visible here.
 */
export function DeliveryPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [prefs] = useView();
  const queryClient = useQueryClient();
  const allowed = mayUse(session.session, 'analysis');
  const overview = useQuery({ queryKey: ['deliveries'], queryFn: ({ signal }) => execute(DeliveryOverviewQuery, {}, signal), enabled: allowed, staleTime: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['deliveries'] });
  const sendNow = useMutation({ mutationFn: (id: string) => execute(DeliverSubscriptionMutation, { id }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => execute(DeleteSubscriptionMutation, { id }), onSuccess: refresh });

  if (!allowed) return <p className="state">{t('delivery.forbidden')}</p>;
  const data = overview.data;
  return (
    <article className="delivery-page" aria-busy={overview.isLoading}>
      <PageHeader
        title={t('delivery.title')}
        meta={data && (
          <span data-testid="delivery-counts">
            {t('delivery.counts', data.deliveryCounts)}
            {!data.deliveryCounts.smtpConfigured && <span role="note"> · {t('delivery.noSmtp')}</span>}
          </span>
        )}
        actions={<button type="button" className="button button--ghost" onClick={() => void refresh()}>{t('delivery.refresh')}</button>}
      />

      <section aria-labelledby="subscriptions-title">
        <h2 id="subscriptions-title">{t('delivery.subscriptions')}</h2>
        <ScrollTable head={[t('delivery.report'), t('delivery.recipients'), t('delivery.schedule'), t('delivery.next'), '']}>
          {(data?.subscriptions ?? []).map((s) => (
            <tr key={s.id} data-subscription={s.id}>
              <td>{s.dashboard ?? s.factSheet} · {s.amanah} · {s.range ? rangeName(s.range, prefs, t) : t('delivery.lastWholePeriod')}</td>
              <td dir="ltr">{s.recipients.join(', ')}</td>
              <td>{t(`delivery.everyOptions.${s.schedule.every}`)} {s.schedule.weekday ? t(`delivery.weekdays.${s.schedule.weekday}`) : ''}{s.schedule.dayOfMonth ?? ''} {s.schedule.at}</td>
              <td dir="ltr">{s.nextRunAt.slice(0, 16).replace('T', ' ')} UTC</td>
              <td>
                <button type="button" className="button button--ghost" onClick={() => sendNow.mutate(s.id)}>{t('delivery.sendNow')}</button>
                <button type="button" className="button button--ghost" onClick={() => remove.mutate(s.id)}>{t('delivery.delete')}</button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      </section>

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t('delivery.deliveries')}</h2>
        <ScrollTable head={[t('delivery.when'), t('delivery.kind'), t('delivery.target'), t('delivery.status'), t('delivery.attempts'), t('delivery.error')]}>
          {(data?.deliveries ?? []).map((d) => (
            <tr key={d.id} data-status={d.status}>
              <td dir="ltr">{d.createdAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{t(`delivery.kinds.${d.kind}`)}</td>
              <td dir="ltr">{d.target}</td>
              <td>{t(`delivery.statuses.${d.status}`)}</td>
              <td>{d.attempts}</td>
              <td dir="ltr">{d.lastError}</td>
            </tr>
          ))}
        </ScrollTable>
      </section>

      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t('delivery.rules')}</h2>
        <ScrollTable head={[t('delivery.metric'), t('delivery.condition'), t('delivery.threshold'), t('delivery.state')]}>
          {(data?.alertRules ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.metric} · {r.amanah ?? t('delivery.allAmanahs')}</td>
              <td>{t(`delivery.conditions.${r.condition}`)}</td>
              <td>{r.threshold}</td>
              <td>{r.breached ? t('delivery.breached') : t('delivery.ok')}</td>
            </tr>
          ))}
        </ScrollTable>
        <h3>{t('delivery.firings')}</h3>
        <ScrollTable head={[t('delivery.when'), t('delivery.metric'), t('delivery.value'), t('delivery.threshold')]}>
          {(data?.alertFirings ?? []).map((f) => (
            <tr key={f.id}>
              <td dir="ltr">{f.firedAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{f.metric} · {f.amanah ?? t('delivery.allAmanahs')}</td>
              <td>{f.value}</td>
              <td>{f.threshold}</td>
            </tr>
          ))}
        </ScrollTable>
      </section>
    </article>
  );
}

/** One of the page's tables: its column heads and rows, scrolling sideways in its own box on a narrow screen. */
function ScrollTable({ head, children }: { head: readonly string[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>{head.map((label, i) => <th key={i}>{label}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
