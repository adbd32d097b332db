import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dashboardList, executiveData } from '../testing/fixtures.js';
import { respondToGraphql, VIEWER_SESSION } from '../testing/graphql-responder.js';
import { renderApp } from '../testing/render-app.js';

const ANALYST = { ...VIEWER_SESSION, role: 'analyst' as const, operations: ['read', 'press', 'analysis'] as const };
const subscription = {
  id: 'sub-1', dashboard: 'executive', factSheet: null, amanah: 'tabuk', range: { from: null, to: null, preset: 'last_month', hijriYear: null },
  recipients: ['pr@example.sa'], schedule: { every: 'WEEK', at: '07:30', weekday: 1, dayOfMonth: null }, lang: 'AR', digits: 'LATN',
  createdBy: 'analyst', nextRunAt: '2024-02-11T04:30:00.000Z',
};
const seasonal = { ...subscription, id: 'sub-season', range: { from: null, to: null, preset: 'ramadan', hijriYear: 1445 } };
const custom = { ...subscription, id: 'sub-days', range: { from: '2024-01-01', to: '2024-06-30', preset: null, hijriYear: null } };
const rolling = { ...subscription, id: 'sub-rolling', range: null };
const overview = {
  subscriptions: [subscription, seasonal, custom, rolling],
  deliveries: [
    { id: 'd-2', kind: 'REPORT', subscriptionId: 'sub-1', ruleId: null, slot: null, target: 'pr@example.sa', status: 'FAILED', attempts: 4, lastError: 'connect ECONNREFUSED 127.0.0.1:25', createdAt: '2024-02-04T04:30:00.000Z', updatedAt: '2024-02-04T05:00:00.000Z' },
  ],
  alertRules: [{ id: 'r-1', metric: 'office.visits', amanah: 'tabuk', condition: 'ABOVE', threshold: 5, recipients: [], webhookUrl: 'https://hooks.example.sa/kpi', breached: true, createdBy: 'analyst' }],
  alertFirings: [{ id: 'r-1#1', ruleId: 'r-1', metric: 'office.visits', amanah: 'tabuk', condition: 'ABOVE', value: 7, threshold: 5, firedAt: '2024-02-05T06:00:00.000Z' }],
  deliveryCounts: { sent: 3, failed: 1, retried: 3, queued: 7, smtpConfigured: true },
};

afterEach(() => vi.unstubAllGlobals());

describe('subscriptions and alerts', () => {
  it('lists subscriptions with their deliveries and errors, rules with their firings; "send now" sends that subscription', async () => {
    const api = respondToGraphql(
      { DashboardList: () => dashboardList, DeliveryOverview: () => overview, DeliverSubscription: () => ({ deliverSubscription: { id: 'd-3', status: 'PENDING' } }) },
      { current: ANALYST, keys: {} },
    );
    renderApp('/deliveries?lang=en');
    expect(await screen.findByText('connect ECONNREFUSED 127.0.0.1:25')).toBeTruthy();
    const row = document.querySelector<HTMLElement>('tr[data-subscription="sub-1"]')!;
    expect(row.textContent).toContain('pr@example.sa');
    // Each subscription says which period its reports cover: a preset, a season of its Hijri year, or its days.
    expect(row.textContent).toContain('executive · tabuk · Last month');
    expect(document.querySelector('tr[data-subscription="sub-season"]')!.textContent).toContain('Ramadan 1445 AH');
    expect(document.querySelector('tr[data-subscription="sub-days"]')!.textContent).toMatch(/1 Jan.*30 Jun 2024/);
    expect(document.querySelector('tr[data-subscription="sub-rolling"]')!.textContent).toContain('the last whole period before each send');
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByText('Breached')).toBeTruthy();
    expect(screen.getByTestId('delivery-counts').textContent).toContain('3 sent, 1 failed');
    fireEvent.click(within(row).getByRole('button', { name: 'Send now' }));
    await waitFor(() => expect(api.requests.some((r) => r.operation === 'DeliverSubscription' && r.variables.id === 'sub-1')).toBe(true));
  });

  it('a viewer sees no entry and is told what key it needs', async () => {
    respondToGraphql({ DashboardList: () => dashboardList, DeliveryOverview: () => overview });
    renderApp('/deliveries?lang=en');
    expect(await screen.findByText('Subscriptions and alerts need an analyst or admin key.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Subscriptions and alerts' })).toBeNull();
  });

  it('"Subscribe" on a dashboard sends its view (dashboard, amanah, range, comparison) with the schedule chosen', async () => {
    const api = respondToGraphql(
      {
        DashboardList: () => dashboardList,
        DashboardView: () => executiveData(),
        CreateSubscription: () => ({ createSubscription: { id: 'sub-2', nextRunAt: '2024-02-11T04:30:00.000Z' } }),
      },
      { current: ANALYST, keys: {} },
    );
    renderApp('/dashboards/executive?lang=en&amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR');
    fireEvent.click(await screen.findByRole('button', { name: 'Subscribe' }));
    const form = screen.getByRole('form', { name: 'Subscribe' });
    fireEvent.change(within(form).getByLabelText('Recipients (e-mail addresses)'), { target: { value: 'pr@example.sa, it@example.sa' } });
    fireEvent.change(within(form).getByLabelText('Weekday'), { target: { value: '5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Subscribe' }));
    expect(await within(form).findByRole('status')).toBeTruthy();
    expect(api.requests.find((r) => r.operation === 'CreateSubscription')?.variables).toEqual({
      input: {
        dashboard: 'executive', amanah: 'tabuk', range: { from: '2024-01-01', to: '2024-06-30' }, compare: 'SAME_PERIOD_LAST_YEAR',
        recipients: ['pr@example.sa', 'it@example.sa'], schedule: { every: 'WEEK', at: '07:00', weekday: 5, dayOfMonth: null }, lang: 'EN', digits: 'LATN',
      },
    });
  });
});
