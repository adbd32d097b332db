import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp, shown } from '../testing/render-app.js';
import { describe, expect, it } from 'vitest';
import { dashboardList, executiveData } from '../testing/fixtures.js';
import { respondToGraphql, VIEWER_SESSION, type SessionStub } from '../testing/graphql-responder.js';


const KEY = 'akpi_0123456789abcdef_' + 'a'.repeat(64);
const signedOut = (): SessionStub => ({ current: null, keys: { [KEY]: VIEWER_SESSION } });
const handlers = { DashboardList: () => dashboardList, DashboardView: () => executiveData() };
const TABUK_VIEW = '/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR';

describe('signing in to the dashboard', () => {
  it('asks for a key in Arabic first, keeps the URL, and opens the asked view once the key is accepted', async () => {
    const api = respondToGraphql(handlers, signedOut());
    renderApp(TABUK_VIEW);
    expect(await screen.findByRole('heading', { level: 1, name: 'تسجيل الدخول' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByText(/npm start/).textContent).toContain('رابط دخول');
    // Signed out, the header offers the display preferences but neither dashboards nor a way out.
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'تسجيل الخروج' })).toBeNull();
    expect(api.requests).toEqual([]);

    fireEvent.change(screen.getByLabelText('مفتاح الوصول'), { target: { value: 'akpi_wrong' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'دخول' })));
    expect((await screen.findByRole('alert')).textContent).toBe('المفتاح غير صحيح أو أُلغي. تحقّق منه وأعد المحاولة.');

    fireEvent.change(screen.getByLabelText('مفتاح الوصول'), { target: { value: ` ${KEY} ` } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'دخول' })));
    expect(api.sessionRequests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ key: 'akpi_wrong' }, { key: KEY }]);
    const card = await screen.findByRole('region', { name: 'زيارات المراجعين' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('١٬٧٣٣'));
    expect(shown.location).toBe(TABUK_VIEW);
    expect(api.requests.find((r) => r.operation === 'DashboardView')!.variables).toMatchObject({ filters: [{ dimension: 'amanah', values: ['tabuk'] }] });
  });

  it('offers the ministry account when the API has it configured, returning to the asked view', async () => {
    respondToGraphql(handlers, { ...signedOut(), oidc: true });
    renderApp(TABUK_VIEW);
    const link = await screen.findByRole('link', { name: 'الدخول بحساب الوزارة' });
    expect(link.getAttribute('href')).toBe(`/api/session/oidc/login?${new URLSearchParams({ return: TABUK_VIEW })}`);
    expect(screen.getByLabelText('مفتاح الوصول')).toBeTruthy(); // keys still work beside it
  });

  it('does not offer the ministry account when the API has it not configured', async () => {
    const api = respondToGraphql(handlers, signedOut());
    renderApp('/dashboards/executive?lang=en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(api.fetchMock.mock.calls.some(([url]) => url === '/api/session/oidc')).toBe(true));
    expect(screen.queryByRole('link', { name: 'Sign in with the ministry account' })).toBeNull();
  });

  it('shows the sign-in page in English, left-to-right, when the link asks for English', async () => {
    respondToGraphql(handlers, signedOut());
    renderApp('/dashboards/press?lang=en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('ltr');
    expect(screen.getByLabelText('Access key').getAttribute('type')).toBe('password');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('returns to the sign-in page when the API refuses the session, and signs out on request', async () => {
    const api = respondToGraphql(handlers, { current: VIEWER_SESSION, keys: { [KEY]: VIEWER_SESSION } });
    renderApp('/dashboards/executive?lang=en');
    const card = await screen.findByRole('region', { name: 'In-person visits' });
    await waitFor(() => expect(within(card).getByTestId('kpi-value').textContent).toBe('1,733'));
    expect(screen.getByText('Wall screen')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(api.sessionRequests.at(-1)!.method).toBe('DELETE');
    expect(screen.queryByRole('region', { name: 'In-person visits' })).toBeNull();
    expect(shown.location).toBe('/dashboards/executive?lang=en');
  });

  it('says so when signing out fails, and stays signed in', async () => {
    const api = respondToGraphql(handlers, { current: VIEWER_SESSION, keys: { [KEY]: VIEWER_SESSION } });
    renderApp('/dashboards/executive?lang=en');
    await screen.findByRole('region', { name: 'In-person visits' });
    api.fetchMock.mockImplementationOnce(async () => new Response(null, { status: 503 }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Signing out failed');
    expect(screen.getByText('Wall screen')).toBeTruthy();
    // A second try that works clears the message.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('treats a GraphQL UNAUTHENTICATED answer (an expired or revoked session) as signed out', async () => {
    const stub: SessionStub = { current: VIEWER_SESSION, keys: { [KEY]: VIEWER_SESSION } };
    const api = respondToGraphql(handlers, stub);
    // The cookie is still there, but the API no longer honours it.
    api.fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify(VIEWER_SESSION), { status: 200 }));
    stub.current = null;
    renderApp('/dashboards/executive?lang=en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(api.requests.map((r) => r.operation)).toContain('DashboardList');
  });
});
