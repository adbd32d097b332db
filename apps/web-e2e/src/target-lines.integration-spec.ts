import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatValue, type DisplayPrefs } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { visibleText, waitForDashboard } from './testing/browser.js';

// A target set over GraphQL is drawn on the visits trend as a dashed line with a legend entry, and its values are the
// API's in the chart's table (what a screen reader reads), by Gregorian and by Hijri month; a ranking table switches
// to the order by attainment of each amanah's own target (real API, seeded demo store, chromium).
let dut: DashboardUnderTest;
const RANGE = { from: '2025-01-01', to: '2025-06-30' };
const VIEW = `/dashboards/executive?amanah=riyadh&from=${RANGE.from}&to=${RANGE.to}&lang=en`;
const EN: DisplayPrefs = { lang: 'en', digits: 'latn', calendar: 'gregory' };
const VISITS = { unit: 'count', decimals: 0 } as const;

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

const trend = (page: Page) => page.locator('.widget-cell[data-type="trend"]', { hasText: 'Portal visits' });

async function apiTargetLine(granularity: string): Promise<Array<{ date: string; value: number | null }>> {
  const { data, errors } = await dut.api.graphql<{ series: { target: { points: Array<{ date: string; value: number | null }> } | null } }>(
    `{ series(metric: "portal.visits", range: {from: "${RANGE.from}", to: "${RANGE.to}"}, granularity: ${granularity},
        filters: [{dimension: "amanah", values: ["riyadh"]}]) { target { points { date value } } } }`,
    {},
    dut.viewerKey,
  );
  expect(errors).toBeUndefined();
  return data!.series.target?.points ?? [];
}

/** The chart's table (the screen reader's view of the chart): its "Target" column, one cell per bucket. */
async function tableTargets(page: Page): Promise<string[]> {
  const table = trend(page).locator('table.data-table');
  const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
  const column = headers.indexOf('Target');
  expect(column).toBeGreaterThan(0);
  const rows = table.locator('tbody tr');
  const cells: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) cells.push(visibleText(await rows.nth(i).locator('th, td').nth(column).textContent()));
  return cells;
}

async function expectDashedTargetLine(page: Page): Promise<void> {
  // The visits trend is an area chart: its target line is an unfilled area's curve.
  const line = trend(page).locator('.chart-target path.recharts-area-curve, .chart-target path.recharts-line-curve');
  await line.waitFor();
  expect(await line.getAttribute('stroke-dasharray')).toBe('8 4');
  expect((await line.getAttribute('d'))?.length).toBeGreaterThan(10);
  expect(await trend(page).locator('.recharts-legend-item', { hasText: 'Target' }).count()).toBe(1);
}

describe('target lines on trends in chromium, against the real API', () => {
  it('draws no target line where none is set, then a dashed line with a legend entry once one is, in Gregorian and Hijri months', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}${VIEW}`);
    const analystKey = await dut.api.key('analyst', 'all');
    await signInThroughUi(page, analystKey);
    await waitForDashboard(page, 'executive');
    expect(await trend(page).locator('.chart-target').count()).toBe(0);
    expect(await apiTargetLine('MONTH')).toEqual([]);

    // 36,500,000 visits in 2025: 100,000 a day.
    const { errors } = await dut.api.graphql(
      'mutation { setTarget(input: { metric: "portal.visits", amanah: "riyadh", calendar: GREGORIAN, year: 2025, value: 36500000 }) { from to } }',
      {},
      analystKey,
    );
    expect(errors).toBeUndefined();

    await page.reload();
    await waitForDashboard(page, 'executive');
    await expectDashedTargetLine(page);
    const monthly = await apiTargetLine('MONTH');
    expect(monthly.map((p) => p.value)).toEqual([3_100_000, 2_800_000, 3_100_000, 3_000_000, 3_100_000, 3_000_000]);
    expect(await tableTargets(page)).toEqual(monthly.map((p) => formatValue(p.value, VISITS, EN)));

    // By Hijri month, read in Hijri: one point per Hijri month, each prorated to its days in the range.
    await page.goto(`${dut.api.url}${VIEW}&granularity=HIJRI_MONTH&calendar=hijri`);
    await waitForDashboard(page, 'executive');
    await expectDashedTargetLine(page);
    const hijri = await apiTargetLine('HIJRI_MONTH');
    expect(hijri.length).toBe(7);
    expect(hijri.reduce((sum, p) => sum + p.value!, 0)).toBeCloseTo(100_000 * 181, 6);
    expect(await tableTargets(page)).toEqual(hijri.map((p) => formatValue(p.value, VISITS, EN)));

    // The same view in Arabic names the line المستهدف.
    await page.goto(`${dut.api.url}${VIEW.replace('&lang=en', '')}&granularity=HIJRI_MONTH&calendar=hijri`);
    await waitForDashboard(page, 'executive');
    expect(await page.locator('.widget-cell[data-type="trend"] .recharts-legend-item', { hasText: 'المستهدف' }).count()).toBe(1);
    expect(dut.pageErrors).toEqual([]);
  });

  it('a ranking table switches to the order by target attainment, as the API ranks it, amanahs without a target last', async () => {
    const { page } = dut;
    const analystKey = await dut.api.key('analyst', 'all');
    // In-person visits, H1 2025: Tabuk has the file's yearly target; two more are set here.
    for (const [amanah, value] of [['riyadh', 20000], ['jeddah', 9000]] as const) {
      const { errors } = await dut.api.graphql(
        `mutation { setTarget(input: { metric: "office.visits", amanah: "${amanah}", calendar: GREGORIAN, year: 2025, value: ${value} }) { from } }`,
        {},
        analystKey,
      );
      expect(errors).toBeUndefined();
    }
    const { data, errors } = await dut.api.graphql<{ ranking: { items: Array<{ amanah: string; attainmentRank: number | null; target: { attainmentPct: number | null } | null }> } }>(
      `{ ranking(metric: "office.visits", range: {from: "${RANGE.from}", to: "${RANGE.to}"}, by: ATTAINMENT) { items { amanah attainmentRank target { attainmentPct } } } }`,
      {},
      dut.viewerKey,
    );
    expect(errors).toBeUndefined();
    const ranked = data!.ranking.items;
    expect(ranked.filter((i) => i.attainmentRank !== null).map((i) => i.amanah).sort()).toEqual(['jeddah', 'riyadh', 'tabuk']);

    await page.goto(`${dut.api.url}/dashboards/executive?from=${RANGE.from}&to=${RANGE.to}&lang=en`);
    await waitForDashboard(page, 'executive');
    const widget = page.locator('.widget-cell[data-type="ranking"]', { hasText: 'In-person visits' });
    const rows = widget.locator('table.ranking-table tbody tr');
    await widget.getByRole('group', { name: 'Rank by' }).getByRole('button', { name: 'Target attainment' }).click();
    await widget.getByTestId('attainment').first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-amanah')))).toEqual(ranked.map((i) => i.amanah));
    const cells = (await widget.getByTestId('attainment').allTextContents()).map(visibleText);
    expect(cells.slice(0, 3).every((c) => /%$/.test(c))).toBe(true);
    expect(cells.slice(3).every((c) => c === 'No target')).toBe(true);
    // The order is in the URL: a reload (or a shared link) shows the table as it was left.
    const rankParams = () => [...new URL(page.url()).searchParams].filter(([name]) => name.startsWith('rank.'));
    expect(rankParams()).toEqual([[expect.stringMatching(/^rank\.\S+$/), 'attainment']]);
    await page.reload();
    await waitForDashboard(page, 'executive');
    await widget.getByTestId('attainment').first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-amanah')))).toEqual(ranked.map((i) => i.amanah));
    await widget.getByRole('button', { name: 'Value' }).click();
    await widget.getByTestId('attainment').first().waitFor({ state: 'detached' });
    expect(rankParams()).toEqual([]);
    expect(dut.pageErrors).toEqual([]);
  });
});
