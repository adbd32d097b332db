import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
// The suite drives the app under test: it starts the real API (with the built dashboard) as the API's own tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startApi, type ApiUnderTest } from '@amanah/api/testing';
import { assertDashboardBuilt, collectPageErrors, launchChromium, newDashboardContext, TODAY, WEB_ROOT } from './browser.js';

export interface DashboardUnderTest {
  store: SeededTestStore;
  api: ApiUnderTest;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of `page` so far. */
  pageErrors: string[];
  /** A viewer key for every amanah, as an administrator would hand it out. */
  viewerKey: string;
  close(): Promise<void>;
}

/** A copy of the seeded demo store, the real API serving the built dashboard on it, and one chromium page. */
export async function openDashboardUnderTest(): Promise<DashboardUnderTest> {
  assertDashboardBuilt();
  const store = await openSeededTestStore();
  const api = await startApi(store, { webRoot: WEB_ROOT, today: () => TODAY });
  const browser = await launchChromium();
  const context = await newDashboardContext(browser);
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  const viewerKey = await api.key('viewer', 'all');
  return {
    store, api, browser, context, page, pageErrors, viewerKey,
    async close() {
      await browser.close();
      await api.close();
      await store.dispose();
    },
  };
}

/** Signs in through the sign-in page (in whichever language it shows) and waits for the page it was asked for. */
export async function signInThroughUi(page: Page, key: string): Promise<void> {
  await page.locator('input[name="key"]').fill(key);
  await page.locator('form.sign-in__form button[type="submit"]').click();
  await page.locator('article[data-state]').waitFor();
}
