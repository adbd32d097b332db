import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessConfigFromEnv } from '@amanah/access';
import { listenTestOidcProvider, type TestOidcProvider } from '@amanah/access/testing';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
// The suite drives the app under test: it starts the real API (with the built dashboard) as the API's own tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startApi, type ApiUnderTest } from '@amanah/api/testing';
import { assertDashboardBuilt, collectPageErrors, launchChromium, newDashboardContext, TODAY, WEB_ROOT } from './testing/browser.js';

// Sign-in with the ministry account in chromium: the sign-in page's button, the real provider (oidc-provider) on
// another site (localhost, the API on 127.0.0.1), the cross-site redirect back, and the dashboard of the view the
// link asked for, filled with the amanah the provider's claims allow.
let store: SeededTestStore;
let provider: TestOidcProvider;
let api: ApiUnderTest;
let browser: Browser;

beforeAll(async () => {
  assertDashboardBuilt();
  store = await openSeededTestStore();
  provider = await listenTestOidcProvider({ issuerHost: 'localhost' });
  const { oidc } = accessConfigFromEnv({
    KPI_OIDC_ISSUER: provider.issuer,
    KPI_OIDC_CLIENT_ID: provider.clientId,
    KPI_OIDC_CLIENT_SECRET: provider.clientSecret,
    KPI_OIDC_ROLE_CLAIM: 'kpi_role',
    KPI_OIDC_AMANAH_CLAIM: 'kpi_amanahs',
  });
  api = await startApi(store, { webRoot: WEB_ROOT, today: () => TODAY, access: { oidc } });
  provider.start(`${api.url}/api/session/oidc/callback`);
  provider.accounts.set('tabuk-reader', { name: 'قارئ تبوك', kpi_role: 'viewer', kpi_amanahs: 'tabuk' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await provider?.close();
  await store?.dispose();
});

describe('sign-in with the ministry account', () => {
  it('goes to the provider and back to the asked view, signed in with the role and amanah of the claims', async () => {
    const context = await newDashboardContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    provider.signInAs = 'tabuk-reader';
    const view = '/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30';
    await page.goto(`${api.url}${view}`);

    const button = page.getByRole('link', { name: 'الدخول بحساب الوزارة' });
    await button.click();
    await page.locator('article[data-state="ready"]').waitFor();
    expect(page.url()).toBe(`${api.url}${view}`);
    expect(await page.locator('.app-session__who').textContent()).toBe('قارئ تبوك');
    // The cookie is the dashboard's session cookie, httpOnly and SameSite=Strict; the state cookie is gone.
    const cookies = await context.cookies(api.url);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['kpi_session', true, 'Strict']]);
    const who = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(who).toMatchObject({ keyId: 'oidc:tabuk-reader', role: 'viewer', amanahs: ['tabuk'], via: 'session' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
