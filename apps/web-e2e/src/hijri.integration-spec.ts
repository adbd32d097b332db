import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBucket, formatValue } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { visibleText, waitForDashboard } from './testing/browser.js';

// The executive dashboard read in the Hijri calendar, in chromium against the real API on the seeded demo store: a
// custom range picked in Hijri months, series bucketed by Hijri months and labelled by them, the Hijri comparison,
// and per-capita ranks, each compared with what GraphQL answers.
let dut: DashboardUnderTest;

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

const widget = (id: string) => dut.page.locator(`section[data-widget="w-${id}"]`);

describe('the dashboard in the Hijri calendar', () => {
  it('picks Hijri year 1446 in Hijri months; the URL and the API get its Gregorian days', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/dashboards/executive?lang=en&calendar=hijri&granularity=HIJRI_MONTH&compare=SAME_PERIOD_LAST_HIJRI_YEAR`);
    await signInThroughUi(page, dut.viewerKey);
    await waitForDashboard(page, 'executive');
    await page.getByTestId('filter-range').selectOption('custom');
    expect(await page.getByTestId('filter-from').count()).toBe(0); // no Gregorian day picker in the Hijri calendar
    await page.getByTestId('filter-hijri-from-year').selectOption('1446');
    await page.getByTestId('filter-hijri-from-month').selectOption('1');
    await page.getByTestId('filter-hijri-to-year').selectOption('1446');
    await page.getByTestId('filter-hijri-to-month').selectOption('12');
    expect(await page.getByTestId('filter-hijri-from-month').locator('option:checked').textContent()).toBe('Muharram');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).search).toContain('from=2024-07-07&to=2025-06-25');
    await waitForDashboard(page, 'executive');
  });

  it('draws the visits trend in 12 Hijri months labelled by their Hijri names, as the API buckets them', async () => {
    const { data, errors } = await dut.api.graphql<{ series: { points: Array<{ date: string; value: number }> }; kpi: { value: number; previousRange: { from: string; to: string } } }>(
      `{ series(metric: "portal.visits", range: {from: "2024-07-07", to: "2025-06-25"}, granularity: HIJRI_MONTH) { points { date value } }
         kpi(metric: "portal.visits", range: {from: "2024-07-07", to: "2025-06-25"}, compare: SAME_PERIOD_LAST_HIJRI_YEAR) { value previousRange { from to } } }`,
      {},
      dut.viewerKey,
    );
    expect(errors).toBeUndefined();
    expect(data!.series.points).toHaveLength(12);
    expect(data!.kpi.previousRange).toEqual({ from: '2023-07-19', to: '2024-07-06' }); // 1445
    const trend = widget('visits-trend');
    // The chart is loaded lazily: wait for its texts, the x-axis labels among them (the y-axis ones are numbers).
    const chartTexts = async () => (await trend.locator('.recharts-wrapper svg text').allTextContents()).map(visibleText);
    await expect.poll(async () => (await chartTexts()).filter((text) => text.endsWith(' AH')).length, { timeout: 30_000 }).toBeGreaterThan(1);
    const ticks = (await chartTexts()).filter((text) => text.endsWith(' AH'));
    // Every x-axis label is one of the API's buckets, labelled by its Hijri month of 1446.
    const buckets = data!.series.points.map((p) => visibleText(formatBucket(p.date, 'HIJRI_MONTH', { lang: 'en', digits: 'latn', calendar: 'hijri' })));
    expect(new Set(buckets).size).toBe(12);
    for (const tick of ticks) {
      expect(tick).toMatch(/ 1446 AH$/);
      expect(buckets).toContain(tick);
    }
    // The KPI card shows the API's value over the Hijri year.
    const shown = visibleText(await widget('portal-visits').getByTestId('kpi-value').textContent()).replace(/^≈ /, '');
    expect(shown).toBe(visibleText(formatValue(data!.kpi.value, { unit: 'count', decimals: 0 }, { lang: 'en', digits: 'latn', calendar: 'hijri' })));
  });

  it('ranks amanahs per 100,000 residents beside the raw totals', async () => {
    const ranking = widget('office-visits-ranking');
    await ranking.getByTestId('per-capita-rank').first().waitFor();
    const ranks = await ranking.getByTestId('per-capita-rank').allTextContents();
    expect(ranks.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: ranks.length }, (_, i) => i + 1));
    expect(await ranking.getByRole('columnheader', { name: 'Rank per 100,000 residents' }).count()).toBe(1);
  });

  it('offers a season for any Hijri year: Ramadan 1445 in the URL and a reload, the API\'s value in the card', async () => {
    const { page } = dut;
    const kpi = async (range: object) => {
      const { data, errors } = await dut.api.graphql<{ kpi: { value: number; range: { from: string; to: string } } }>(
        'query($range: DateRangeInput!) { kpi(metric: "portal.visits", range: $range, compare: PREVIOUS_PERIOD) { value range { from to } } }',
        { range },
        dut.viewerKey,
      );
      expect(errors).toBeUndefined();
      return data!.kpi;
    };
    const ramadan1445 = await kpi({ preset: 'ramadan', hijriYear: 1445 });
    const latest = await kpi({ preset: 'ramadan' });
    expect(ramadan1445.range).toEqual({ from: '2024-03-11', to: '2024-04-09' }); // 1–30 Ramadan 1445, as Intl gives them
    expect(latest.range.from).not.toBe(ramadan1445.range.from);
    const shown = async () => visibleText(await widget('portal-visits').getByTestId('kpi-value').textContent()).replace(/^≈ /, '');
    const asShown = (value: number) => visibleText(formatValue(value, { unit: 'count', decimals: 0 }, { lang: 'en', digits: 'latn', calendar: 'hijri' }));

    await page.goto(`${dut.api.url}/dashboards/executive?lang=en&calendar=hijri`);
    await waitForDashboard(page, 'executive');
    await page.getByTestId('filter-range').selectOption('ramadan');
    await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('ramadan');
    await expect.poll(shown).toBe(asShown(latest.value));
    await page.getByTestId('filter-season-year').selectOption('1445');
    await expect.poll(() => new URL(page.url()).searchParams.get('hijriYear')).toBe('1445');
    await expect.poll(shown).toBe(asShown(ramadan1445.value));

    // A link keeps it: reloaded, the chooser and the card are still Ramadan 1445.
    await page.reload();
    await waitForDashboard(page, 'executive');
    expect(await page.getByTestId('filter-season-year').inputValue()).toBe('1445');
    await expect.poll(shown).toBe(asShown(ramadan1445.value));
    // Back to the latest season.
    await page.getByTestId('filter-season-year').selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.has('hijriYear')).toBe(false);
    await expect.poll(shown).toBe(asShown(latest.value));
  });

  it('logs no page errors', () => {
    expect(dut.pageErrors).toEqual([]);
  });
});
