import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, type DisplayPrefs } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { waitForDashboard } from './testing/browser.js';

// An analyst marks a campaign through the dashboard (real API, seeded demo store, chromium): the trends draw it, the
// panel shows its lift as the API computes it, and a viewer sees it after a reload.
let dut: DashboardUnderTest;
const EN: DisplayPrefs = { lang: 'en', digits: 'latn', calendar: 'gregory' };
const VIEW = '/dashboards/executive?from=2025-03-01&to=2025-04-30&granularity=DAY&lang=en';
const TITLE = 'SMS campaign (browser test)';

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

interface LiftAnswer { observed: number; baseline: number; intervalLow: number; intervalHigh: number; claim: string }

describe('annotations in chromium, against the real API', () => {
  it('an analyst marks a campaign in the page; every trend draws it with its title, and its lift is the API’s', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}${VIEW}`);
    await signInThroughUi(page, await dut.api.key('analyst', 'all'));
    await waitForDashboard(page, 'executive');
    expect(await page.locator('.chart-annotation').count()).toBe(0);

    await page.getByRole('button', { name: 'Add an event' }).click();
    const form = page.getByRole('form', { name: 'Add an event' });
    await form.locator('select[name="kind"]').selectOption('CAMPAIGN');
    await form.locator('input[name="from"]').fill('2025-03-09');
    await form.locator('input[name="to"]').fill('2025-03-15');
    await form.locator('input[name="titleAr"]').fill('حملة رسائل نصية');
    await form.locator('input[name="titleEn"]').fill(TITLE);
    await form.locator('select[name="metric"]').selectOption('office.visits');
    await form.getByRole('button', { name: 'Save' }).click();

    const listed = page.locator('[data-testid="annotations"] li', { hasText: TITLE });
    await listed.waitFor();
    const trends = page.locator('.widget-cell[data-type="trend"]');
    const trendCount = await trends.count();
    expect(trendCount).toBeGreaterThanOrEqual(1);
    // Every trend draws the week as an area over its days, labelled with the title.
    await expect.poll(() => page.locator('.recharts-reference-area.chart-annotation--campaign').count()).toBe(trendCount);
    for (let i = 0; i < trendCount; i++) {
      const area = trends.nth(i).locator('.recharts-reference-area.chart-annotation--campaign');
      // recharts draws labels in a layer of their own, above the marks.
      expect(await trends.nth(i).locator('svg.recharts-surface text', { hasText: TITLE }).count()).toBe(1);
      expect(Number(await area.locator('path').getAttribute('width'))).toBeGreaterThan(0);
    }

    // The lift on the page is the one GraphQL answers for the annotation.
    const { data, errors } = await dut.api.graphql<{ annotations: Array<{ title: { en: string }; lift: LiftAnswer }> }>(
      '{ annotations(range: {from: "2025-03-01", to: "2025-04-30"}) { title { en } lift { observed baseline intervalLow intervalHigh claim } } }',
      {},
      dut.viewerKey,
    );
    expect(errors).toBeUndefined();
    const lift = data!.annotations.find((a) => a.title.en === TITLE)!.lift;
    expect(lift.observed).toBeGreaterThan(0);
    const text = (await listed.getByTestId('lift').textContent())!;
    for (const value of [lift.observed, lift.baseline, lift.intervalLow, lift.intervalHigh]) expect(text).toContain(formatNumber(value, EN, 1));

    // A viewer opening the same view later sees it drawn: it is stored, not kept in the page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${dut.api.url}${VIEW}`);
    await signInThroughUi(page, dut.viewerKey);
    await waitForDashboard(page, 'executive');
    await expect.poll(() => page.locator('.recharts-reference-area.chart-annotation--campaign').count()).toBe(trendCount);
    expect(await page.getByRole('button', { name: 'Add an event' }).count()).toBe(0);
    expect(dut.pageErrors).toEqual([]);
  });
});
