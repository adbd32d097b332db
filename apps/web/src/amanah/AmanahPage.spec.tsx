import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App, createQueryClient } from '../app/App.js';
import { createI18n } from '../i18n/i18n.js';
import { dashboardList, executiveData, officeVisitsMetric } from '../testing/fixtures.js';
import { respondToGraphql } from '../testing/graphql-responder.js';

const l = (ar: string, en: string) => ({ ar, en });

describe('the amanah page', () => {
  it('tells Tabuk’s story: its figures year on year and its rank among the amanahs', async () => {
    const kpiWidget = executiveData().dashboard.widgets[0]!;
    const ranking = {
      ...kpiWidget, id: 'office-visits-ranking', type: 'ranking', span: 6, kpi: null, series: null,
      ranking: {
        items: [
          { amanah: 'baha', label: l('أمانة منطقة الباحة', 'Al-Baha Region Municipality'), value: 897, rank: 1, previousRank: 1, rankChange: 0 },
          { amanah: 'tabuk', label: l('أمانة منطقة تبوك', 'Tabuk Region Municipality'), value: 1733, rank: 2, previousRank: 6, rankChange: 4 },
        ],
        provenance: { asOf: '2024-06-30 15:10:00' },
      },
      metric: officeVisitsMetric,
    };
    const api = respondToGraphql({
      DashboardList: () => dashboardList,
      AmanahView: () => ({ press: { id: 'press', widgets: [kpiWidget] }, executive: { id: 'executive', widgets: [ranking] } }),
    });
    render(
      <MemoryRouter initialEntries={['/amanahs/tabuk?lang=en&from=2024-01-01&to=2024-06-30']}>
        <App i18n={createI18n('en')} queryClient={createQueryClient()} />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Tabuk Region Municipality' })).toBeTruthy();
    // The KPI card and the ranking share the metric's title; the card is the figures section's.
    const figures = await screen.findByRole('region', { name: 'The amanah’s figures' });
    const card = await within(figures).findByRole('region', { name: 'In-person visits' });
    expect(within(card).getByTestId('kpi-value').textContent).toBe('1,733');
    expect(within(card).getByTestId('kpi-change-pct').textContent).toBe('-67.87%');
    expect(screen.getByRole('list', { name: 'Standing among amanahs' }).textContent).toBe('In-person visits: Rank 2 of 2');
    expect(screen.getByRole('row', { current: true }).textContent).toContain('Tabuk');
    // The amanah page compares year on year by default, and filters by its amanah.
    await waitFor(() =>
      expect(api.requests.find((r) => r.operation === 'AmanahView')!.variables).toMatchObject({
        compare: 'SAME_PERIOD_LAST_YEAR',
        filters: [{ dimension: 'amanah', values: ['tabuk'] }],
      }),
    );
  });
});
