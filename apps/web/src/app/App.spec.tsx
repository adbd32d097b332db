import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp, shown } from '../testing/render-app.js';
import { describe, expect, it, vi } from 'vitest';
import { dashboardList, executiveData } from '../testing/fixtures.js';
import { RawAnswer, respondToGraphql, VIEWER_SESSION } from '../testing/graphql-responder.js';

const visible = (text: string | null | undefined) => (text ?? '').replace(/[\u061C\u200E\u200F]/g, '');

describe('the dashboard app', () => {
  it('opens the executive dashboard in Arabic, right-to-left, with Arabic-Indic digits', async () => {
    const api = respondToGraphql({ DashboardList: () => dashboardList, DashboardView: () => executiveData() });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'لوحة القيادة التنفيذية' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    const card = await screen.findByRole('region', { name: 'زيارات المراجعين' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('١٬٧٣٣'));
    expect(visible(within(card).getByTestId('kpi-change-pct').textContent)).toBe('-٦٧٫٨٧٪');
    // The header shows the page's oldest data (the bar widget's, 31 May), not the newest (the KPI's, 30 June), and
    // when it was last uploaded (06:00 UTC is 09:00 in Riyadh).
    const freshness = visible(screen.getByTestId('freshness').textContent);
    expect(freshness).toContain('٣١ مايو ٢٠٢٤');
    expect(freshness).toContain('زيارات البوابة');
    expect(freshness).toMatch(/آخر رفع ٢ يونيو ٢٠٢٤.*٠٩:٠٠/);
    expect(freshness).not.toContain('٣٠ يونيو');
    // A figure over a period with missing data says so on its card.
    expect(within(card).getByTestId('missing-data').textContent).toMatch(/^بيانات ناقصة: أمانة منطقة تبوك \(.*فبراير ٢٠٢٤\)$/);
    expect(within(screen.getByRole('region', { name: 'زيارات البوابة' })).getByText('حسب القناة')).toBeTruthy();
    expect(shown.location).toBe('/dashboards/executive');
    // The dashboard's defaults went to the API.
    expect(api.requests.find((r) => r.operation === 'DashboardView')!.variables).toMatchObject({
      id: 'executive', range: { preset: 'last_year' }, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH', filters: [],
    });
  });

  it('switches to English left-to-right in one click, keeping the rest of the view in the URL', async () => {
    respondToGraphql({ DashboardList: () => dashboardList, DashboardView: () => executiveData() });
    renderApp('/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR');
    await screen.findByRole('heading', { level: 1, name: 'لوحة القيادة التنفيذية' });
    fireEvent.click(screen.getByRole('button', { name: 'التبديل إلى الإنجليزية' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Executive dashboard' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('ltr');
    expect(shown.location).toBe('/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR&lang=en');
    // English opens with Latin digits; Arabic-Indic stay one choice away.
    const card = screen.getByRole('region', { name: 'In-person visits' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('1,733'));
    expect(within(card).getByTestId('kpi-change-pct').textContent).toBe('-67.87%');
    fireEvent.change(screen.getByLabelText('Digits'), { target: { value: 'arab' } });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('١٬٧٣٣'));
    expect(shown.location).toContain('&lang=en&digits=arab');
    expect((screen.getByLabelText('Amanah') as HTMLSelectElement).value).toBe('tabuk');
  });

  it('offers the press page only to keys that may use it, as the session says', async () => {
    respondToGraphql({ DashboardList: () => dashboardList, DashboardView: () => executiveData() });
    const { unmount } = renderApp('/dashboards/executive?lang=en');
    const nav = await screen.findByRole('navigation', { name: 'Dashboards' });
    await within(nav).findByRole('link', { name: 'Executive dashboard' });
    expect(within(nav).queryByRole('link', { name: 'Press sentences' })).toBeNull(); // a viewer
    unmount();
    respondToGraphql(
      { DashboardList: () => dashboardList, DashboardView: () => executiveData() },
      { current: { ...VIEWER_SESSION, role: 'press', operations: ['read', 'press'] }, keys: {} },
    );
    renderApp('/dashboards/executive?lang=en');
    const pressNav = await screen.findByRole('navigation', { name: 'Dashboards' });
    expect(await within(pressNav).findByRole('link', { name: 'Press sentences' })).toBeTruthy();
  });

  it('sends the global filters to the API when they change', async () => {
    const api = respondToGraphql({ DashboardList: () => dashboardList, DashboardView: () => executiveData() });
    renderApp('/dashboards/executive?lang=en');
    await screen.findByRole('heading', { level: 1, name: 'Executive dashboard' });
    fireEvent.change(screen.getByLabelText('Amanah'), { target: { value: 'tabuk' } });
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'SAME_PERIOD_LAST_YEAR' } });
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2024-06-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(shown.location).toBe('/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR&lang=en'));
    await waitFor(() =>
      expect(api.requests.at(-1)!.variables).toMatchObject({
        range: { from: '2024-01-01', to: '2024-06-30' },
        filters: [{ dimension: 'amanah', values: ['tabuk'] }],
        compare: 'SAME_PERIOD_LAST_YEAR',
      }),
    );
  });

  it('shows an error state with a retry that asks again', async () => {
    let calls = 0;
    respondToGraphql({
      DashboardList: () => dashboardList,
      DashboardView: () => (++calls === 1 ? new Error('store unavailable') : executiveData()),
    });
    renderApp('/dashboards/executive?lang=en');
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]!.textContent).toContain('could not be loaded');
    await act(async () => fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]!));
    const card = await screen.findByRole('region', { name: 'In-person visits' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('1,733'));
  });

  it('keeps the other widgets when one widget’s data fails', async () => {
    respondToGraphql({
      DashboardList: () => dashboardList,
      DashboardView: () => {
        const answer = executiveData();
        answer.dashboard.widgets[1]!.breakdown = null;
        return new RawAnswer({ data: answer, errors: [{ message: 'timeout', path: ['dashboard', 'widgets', 1, 'breakdown'] }] });
      },
    });
    renderApp('/dashboards/executive?lang=en');
    const card = await screen.findByRole('region', { name: 'In-person visits' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('1,733'));
    expect(within(screen.getByRole('region', { name: 'Portal visits' })).getByRole('alert').textContent).toContain('could not be loaded');
  });

  it('exports a widget to CSV with the API’s numbers and headers in the UI language', async () => {
    respondToGraphql({ DashboardList: () => dashboardList, DashboardView: () => executiveData() });
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => { blobs.push(blob); return 'blob:csv'; });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderApp('/dashboards/executive');
    const csvButton = await screen.findByRole('button', { name: 'تنزيل بيانات «زيارات البوابة» بصيغة CSV' }, { timeout: 5000 });
    fireEvent.click(csvButton);
    expect(click).toHaveBeenCalledOnce();
    // A UTF-8 byte-order mark first (Excel reads Arabic headers right), then the rows.
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await blobs[0]!.text()).toBe('البند,زيارات البوابة,الحصة %,الفترة السابقة\r\nالموقع الإلكتروني,1200,60,1000\r\nتطبيق الجوال,800,40,900\r\n');
  });

  it('says so when a dashboard does not exist', async () => {
    respondToGraphql({ DashboardList: () => dashboardList });
    renderApp('/dashboards/nothing?lang=en');
    expect(await screen.findByRole('heading', { name: 'There is no dashboard with this name' })).toBeTruthy();
  });
});
