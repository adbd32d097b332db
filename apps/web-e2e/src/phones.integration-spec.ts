import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { collectPageErrors, newSizedContext, WORKSPACE_ROOT } from './testing/browser.js';
import { expectInsideViewport, waitForPage } from './testing/layout.js';

// Every page on phones (360×740, 390×844) in Arabic and English, and the main pages at 768 and 1280: nothing lies
// outside the screen on either side (RTL overflow goes to negative x, which scrollWidth does not show), the page
// cannot be scrolled sideways, and the first KPI value is on screen. The pages are the sign-in page, every entry of
// the header's navigation (so a page added there is covered without touching this file) and the glossary.
// Screenshots go to tmp/screenshots/phones/ (ignored by git) for a person to look at.
const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/screenshots/phones');
const PHONES = [{ width: 360, height: 740 }, { width: 390, height: 844 }] as const;
const WIDER = [{ width: 768, height: 1024 }, { width: 1280, height: 800 }] as const;
const LANGS = ['ar', 'en'] as const;

/** The first KPI value, when the page has one, lies wholly on screen without scrolling sideways. */
async function expectFirstKpiVisible(page: Page, width: number): Promise<boolean> {
  const value = page.getByTestId('kpi-value').first();
  if ((await value.count()) === 0) return false;
  const box = (await value.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect((await value.textContent())!.trim()).not.toBe('');
  return true;
}

const slug = (pathname: string) => pathname.replace(/^\//, '').replace(/\//g, '-') || 'home';
const withLang = (pathname: string, lang: 'ar' | 'en') => (lang === 'en' ? `${pathname}?lang=en` : pathname);

let dut: DashboardUnderTest;
let analystKey: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  dut = await openDashboardUnderTest();
  // An analyst sees every page of the navigation, the press page included.
  analystKey = await dut.api.key('analyst', 'all');
});
afterAll(async () => {
  await dut?.close();
});

describe.each(PHONES)('a phone of $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let pages: string[] = [];
  const shot = (name: string) => path.join(SCREENSHOTS, `${viewport.width}-${name}.png`);

  beforeAll(async () => {
    context = await newSizedContext(dut.browser, viewport);
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each(LANGS)('the sign-in page fits (%s)', async (lang) => {
    await page.goto(`${dut.api.url}${withLang('/dashboards/executive', lang)}`);
    await page.locator('form.sign-in__form').waitFor();
    await expectInsideViewport(page, viewport.width, `sign-in ${lang}`);
    await page.screenshot({ path: shot(`sign-in-${lang}`), fullPage: true });
  });

  it('signs in, and the header folds its navigation into a menu', async () => {
    await signInThroughUi(page, analystKey);
    await waitForPage(page);
    const toggle = page.getByTestId('menu-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await page.locator('#app-menu').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const links = page.locator('#app-menu nav a');
    await links.first().waitFor();
    pages = [...new Set((await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))))];
    expect(pages).toEqual(expect.arrayContaining(['/dashboards/executive', '/press', '/glossary']));
    expect(pages.some((p) => p.startsWith('/amanahs/'))).toBe(true);
    // Language, digits, calendar and sign-out are in the menu, on screen.
    for (const control of [page.locator('#app-menu .app-prefs button[lang]'), page.locator('#app-menu select').first(), page.locator('#app-menu .app-session button')]) {
      expect(await control.isVisible()).toBe(true);
    }
    await expectInsideViewport(page, viewport.width, 'open menu');
    await page.screenshot({ path: shot('menu-ar') });
    // Escape closes it and gives focus back to its button; following a link closes it too.
    await page.keyboard.press('Escape');
    expect(await page.locator('#app-menu').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('menu-toggle');
    await toggle.click();
    await page.locator('#app-menu nav a[href^="/glossary"]').click();
    await page.waitForURL(/\/glossary/);
    // The menu closes once the new page has rendered, a moment after the URL changed.
    await expect.poll(() => page.locator('#app-menu').isVisible()).toBe(false);
  });

  for (const lang of LANGS) {
    it(`every page of the navigation fits, in ${lang}`, async () => {
      expect(pages.length).toBeGreaterThan(3);
      const withKpis: string[] = [];
      for (const pathname of pages) {
        await page.goto(`${dut.api.url}${withLang(pathname, lang)}`);
        await waitForPage(page);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await expectInsideViewport(page, viewport.width, `${pathname} ${lang}`);
        if (await expectFirstKpiVisible(page, viewport.width)) withKpis.push(pathname);
        await page.screenshot({ path: shot(`${slug(pathname)}-${lang}`), fullPage: true });
      }
      expect(withKpis).toEqual(expect.arrayContaining(['/dashboards/executive']));
    });
  }

  it.each(LANGS)('the filters fold into one control that opens a sheet (%s)', async (lang) => {
    await page.goto(`${dut.api.url}${withLang('/dashboards/executive', lang)}`);
    await waitForPage(page);
    const toggle = page.getByTestId('filter-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await page.getByTestId('filter-amanah').isVisible()).toBe(false);
    await toggle.click();
    expect(await page.getByTestId('filter-amanah').isVisible()).toBe(true);
    // Focus moves into the sheet, and back to the button when it closes.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-amanah');
    await expectInsideViewport(page, viewport.width, `filter sheet ${lang}`);
    await page.screenshot({ path: shot(`filters-${lang}`) });
    await page.getByTestId('filter-amanah').selectOption('tabuk');
    await page.getByRole('button', { name: lang === 'ar' ? 'تم' : 'Done' }).click();
    expect(await page.getByTestId('filter-amanah').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-toggle');
    await page.waitForURL(/amanah=tabuk/);
    expect(await toggle.textContent()).toContain(lang === 'ar' ? 'تبوك' : 'Tabuk');
  });

  it('KPI cards stand one per row, with large figures', async () => {
    await page.goto(`${dut.api.url}/dashboards/executive`);
    await waitForPage(page);
    const cards = await page.locator('.widget-cell[data-type="kpi"]').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect()).map((r) => ({ left: r.left, width: r.width })));
    expect(cards.length).toBeGreaterThan(3);
    for (const card of cards) expect(card.width).toBeGreaterThan(viewport.width * 0.85);
    const size = await page.getByTestId('kpi-value').first().evaluate((v) => parseFloat(getComputedStyle(v).fontSize));
    expect(size).toBeGreaterThanOrEqual(36);
  });

  it('a tap on a trend chart shows the values under the finger', async () => {
    await page.goto(`${dut.api.url}/dashboards/executive?lang=en`);
    await waitForPage(page);
    const widget = page.locator('.widget--trend').first();
    const chart = widget.locator('.recharts-wrapper > svg.recharts-surface');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const tooltip = widget.locator('.recharts-tooltip-wrapper');
    expect(await tooltip.evaluate((t) => getComputedStyle(t).visibility)).toBe('hidden');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => tooltip.evaluate((t) => getComputedStyle(t).visibility)).toBe('visible');
    // The bucket and each line's value, as the page writes them ("May 2024Portal visits : 586,761…").
    expect(await tooltip.textContent()).toMatch(/Portal visits : [\d,]+/);
    await expectInsideViewport(page, viewport.width, 'chart tooltip');
  });

  it('logged no console error and threw no exception', () => {
    expect(errors).toEqual([]);
  });
});

describe.each(WIDER)('a wider screen of $width×$height stays as it was', (viewport) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newSizedContext(dut.browser, viewport);
    page = await context.newPage();
    await page.goto(`${dut.api.url}/dashboards/executive`);
    await signInThroughUi(page, analystKey);
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each(LANGS)('the executive dashboard, press page and glossary fit, navigation and filters in view (%s)', async (lang) => {
    for (const pathname of ['/dashboards/executive', '/press', '/glossary']) {
      await page.goto(`${dut.api.url}${withLang(pathname, lang)}`);
      await waitForPage(page);
      await expectInsideViewport(page, viewport.width, `${pathname} ${lang}`);
      expect(await page.locator('.app-nav').isVisible()).toBe(true);
      expect(await page.getByTestId('menu-toggle').isVisible()).toBe(false);
      if (pathname !== '/glossary') expect(await page.getByTestId('filter-amanah').isVisible()).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${viewport.width}-${slug(pathname)}-${lang}.png`), fullPage: pathname !== '/press' });
    }
  });
});

describe('a metric’s meaning, one tap away', () => {
  let context: BrowserContext;
  let page: Page;
  let metrics: Array<{ id: string; label: { ar: string; en: string }; description: { ar: string; en: string }; definition: string; dataset: string }>;

  beforeAll(async () => {
    const answer = await dut.api.graphql<{ metrics: typeof metrics }>('{ metrics { id label { ar en } description { ar en } definition dataset } }', {}, analystKey);
    metrics = answer.data!.metrics;
    context = await newSizedContext(dut.browser, PHONES[0]);
    page = await context.newPage();
    await page.goto(`${dut.api.url}/dashboards/executive`);
    await signInThroughUi(page, analystKey);
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each(LANGS)('every card and chart has an ⓘ that opens the API’s definition of its metric (%s)', async (lang) => {
    await page.goto(`${dut.api.url}${withLang('/dashboards/executive', lang)}`);
    await waitForPage(page);
    const widgets = page.locator('section.widget');
    const count = await widgets.count();
    expect(count).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('meaning-button').count()).toBe(count);
    // The first card: In Arabic "زيارات البوابة", whose definition the API gives as "count of portal_visits rows …".
    const card = widgets.first();
    await card.getByTestId('meaning-button').tap();
    const list = card.locator('.metric-meaning dl');
    await list.waitFor();
    const metric = metrics.find((m) => m.id === 'portal.visits')!;
    expect(await list.getAttribute('data-metric')).toBe('portal.visits');
    const text = await list.textContent();
    for (const part of [metric.description[lang], metric.definition, metric.dataset]) expect(text).toContain(part);
    await expectInsideViewport(page, PHONES[0].width, `meaning ${lang}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `360-meaning-${lang}.png`) });
  });

  it('the glossary lists every metric of the API, named and described in Arabic and in English', async () => {
    await page.goto(`${dut.api.url}/glossary`);
    await waitForPage(page);
    const entries = page.locator('.glossary__entry[data-metric]'); // the metrics; the lift method is an entry of its own
    expect(await entries.count()).toBe(metrics.length);
    for (const metric of metrics) {
      const entry = page.locator(`.glossary__entry[data-metric="${metric.id}"]`);
      const text = await entry.textContent();
      for (const part of [metric.label.ar, metric.label.en, metric.description.ar, metric.description.en, metric.definition]) expect(text, metric.id).toContain(part);
    }
  });
});
