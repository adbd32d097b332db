import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { waitForDashboard, WORKSPACE_ROOT } from './testing/browser.js';

// Every dashboard in both languages, fully drawn, saved as full-page screenshots for a person to look at
// (tmp/ is ignored by git). The assertions are what a screenshot cannot promise: every widget has its data, the page
// reads in the right direction, and nothing was logged as an error.
const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/screenshots');
const DASHBOARDS = ['executive', 'channels', 'press'] as const;
const LANGS = ['ar', 'en'] as const;

let dut: DashboardUnderTest;
let titles: Map<string, { ar: string; en: string }>;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  dut = await openDashboardUnderTest();
  const { data } = await dut.api.graphql<{ dashboards: Array<{ id: string; title: { ar: string; en: string } }> }>('{ dashboards { id title { ar en } } }', {}, dut.viewerKey);
  titles = new Map(data!.dashboards.map((d) => [d.id, d.title]));
});
afterAll(async () => {
  await dut?.close();
});

const query = (lang: 'ar' | 'en') => (lang === 'en' ? '?lang=en' : '');

describe('screenshots of the dashboards', () => {
  it.each(LANGS)('the sign-in page (%s)', async (lang) => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/dashboards/executive${query(lang)}`);
    await page.locator('form.sign-in__form').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await page.screenshot({ path: path.join(SCREENSHOTS, `sign-in-${lang}.png`) });
  });

  it('signs in', async () => {
    await signInThroughUi(dut.page, dut.viewerKey);
    await waitForDashboard(dut.page, 'executive');
  });

  for (const id of DASHBOARDS) {
    it.each(LANGS)(`${id} (%s): every widget with its data, then a full-page screenshot`, async (lang) => {
      const { page } = dut;
      await page.goto(`${dut.api.url}/dashboards/${id}${query(lang)}`);
      await waitForDashboard(page, id);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await page.locator('h1').textContent()).toBe(titles.get(id)![lang]);
      const states = await page.locator('section.widget').evaluateAll((sections) => sections.map((s) => `${s.getAttribute('data-widget')}: ${s.getAttribute('data-state')}`));
      expect(states.length).toBeGreaterThan(0);
      expect(states.filter((s) => !s.endsWith(': ready'))).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${id}-${lang}.png`), fullPage: true });
    });
  }

  it('logged no console error and threw no exception on any of them', () => {
    expect(dut.pageErrors).toEqual([]);
  });
});
