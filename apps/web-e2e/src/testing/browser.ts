import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RIYADH_TIME_ZONE } from '@amanah/domain';

/** Debian's chromium (tools/test-deps.mjs installs it); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Found from this file upwards, so that the sources under test and the bench's bundle in dist/node agree. */
export const WORKSPACE_ROOT = findUp(fileURLToPath(new URL('.', import.meta.url)), 'nx.json');
/** The built dashboard the API serves. */
export const WEB_ROOT = path.join(WORKSPACE_ROOT, 'dist/web');

/**
 * The day the API and the browser both take for "today", so that presets (the executive dashboard opens on
 * "last year") name the same days on both sides: the browser computes the comparison overlay's range itself.
 */
export const TODAY = '2025-12-31';

export function assertDashboardBuilt(): void {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`No built dashboard in ${WEB_ROOT}: run \`npx nx run web:build\` first (npm test does).`);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A wall-screen-sized context in Riyadh, whose clock says TODAY (timers keep running). */
export async function newDashboardContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'ar-SA',
    timezoneId: RIYADH_TIME_ZONE,
    acceptDownloads: true,
  });
  await context.clock.setFixedTime(new Date(`${TODAY}T10:00:00+03:00`));
  return context;
}

/**
 * A context of a given screen size in Riyadh whose clock says TODAY. Phone sizes (below 768 px) are emulated as a
 * phone: touch input (so `pointer: coarse`) and the mobile viewport.
 */
export async function newSizedContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const phone = viewport.width < 768;
  const context = await browser.newContext({
    viewport,
    locale: 'ar-SA',
    timezoneId: RIYADH_TIME_ZONE,
    isMobile: phone,
    hasTouch: phone,
  });
  await context.clock.setFixedTime(new Date(`${TODAY}T10:00:00+03:00`));
  return context;
}

/**
 * Console errors and uncaught exceptions of a page. The one error the protocol itself causes is left out: GET
 * /api/session answers 401 while nobody is signed in (and POST with a wrong key), which Chromium reports as a
 * failed resource load; any other failed request, a GraphQL error logged by the app, or an exception is kept.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const expectedSignedOut = /\/api\/session$/.test(message.location().url) && message.text().includes('status of 401');
    if (!expectedSignedOut) errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * Waits until a dashboard is fully on screen: its data has arrived (`data-state="ready"`), no skeleton is left
 * (widget data or a lazily loaded chart), and every chart has drawn its SVG. Returns the page's clock at that moment
 * (milliseconds since navigation started).
 */
export async function waitForDashboard(page: Page, id: string, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (dashboard) => {
      const article = document.querySelector(`article[data-dashboard="${dashboard}"]`);
      if (!article || article.getAttribute('data-state') !== 'ready') return false;
      if (article.querySelector('.skeleton')) return false;
      const charts = [...article.querySelectorAll('.widget[data-state="ready"] .chart')];
      if (!charts.every((chart) => chart.querySelector('svg.recharts-surface'))) return false;
      return performance.now();
    },
    id,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** Text as read, without the bidi marks (ALM, LRM, RLM) that ICU puts around signs and percent in Arabic. */
export function visibleText(text: string | null): string {
  return (text ?? '').replace(/[\u061C\u200E\u200F]/g, '');
}

function findUp(from: string, marker: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, marker))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No ${marker} above ${from}`);
  }
}
