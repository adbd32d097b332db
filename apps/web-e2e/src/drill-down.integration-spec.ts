import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { visibleText, waitForDashboard } from './testing/browser.js';

// A click on a donut slice narrows the whole executive dashboard (real API, seeded demo store, chromium): the URL
// keeps the filter, every KPI that can take it shows the API's filtered value, one that cannot says so, and Back
// returns to the unfiltered view. A heatmap cell opens its hour's detail (hours are no filter); and every drill-down
// works from the keyboard alone.
let dut: DashboardUnderTest;
const EN: DisplayPrefs = { lang: 'en', digits: 'latn', calendar: 'gregory' };
const RANGE = { preset: 'last_year' };
const card = (widgetId: string) => dut.page.locator(`section[data-widget="w-${widgetId}"]`);
const shownValue = async (widgetId: string) => visibleText(await card(widgetId).getByTestId('kpi-value').textContent()).replace(/^≈ /, '');

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

async function requestsFromApi(filters: object[]) {
  const { data, errors } = await dut.api.graphql<{ kpi: { value: number } }>(
    'query($range: DateRangeInput!, $filters: [FilterInput!]) { kpi(metric: "services.requests", range: $range, filters: $filters, compare: PREVIOUS_PERIOD) { value } }',
    { range: RANGE, filters },
    dut.viewerKey,
  );
  expect(errors).toBeUndefined();
  return data!.kpi.value;
}

describe('drill-down in chromium, against the real API', () => {
  it('a click on a donut slice filters the whole dashboard and the URL; Back returns to the unfiltered view', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/dashboards/executive?lang=en`);
    await signInThroughUi(page, dut.viewerKey);
    await waitForDashboard(page, 'executive');
    const metric = { unit: 'count', decimals: 0 };

    // The donut's slices in the order the API answers them: the first is the channel clicked below.
    const { data } = await dut.api.graphql<{ dashboard: { widgets: Array<{ id: string; breakdown: Array<{ key: string; value: number }> | null }> } }>(
      'query($range: DateRangeInput!) { dashboard(id: "executive") { widgets { id breakdown(range: $range) { key value } } } }',
      { range: RANGE },
      dut.viewerKey,
    );
    const slices = data!.dashboard.widgets.find((w) => w.id === 'requests-by-channel')!.breakdown!;
    expect(slices.length).toBeGreaterThan(1);
    const channel = slices[0]!.key;
    const all = await requestsFromApi([]);
    const narrowed = await requestsFromApi([{ dimension: 'channel', values: [channel] }]);
    expect(narrowed).toBe(slices[0]!.value);
    expect(narrowed).toBeLessThan(all);
    expect(await shownValue('service-requests')).toBe(visibleText(formatValue(all, metric, EN)));
    const officeVisits = await shownValue('office-visits');
    expect(await page.getByTestId('active-filters').count()).toBe(0);

    // A real mouse click on the slice: a ring's bounding box has its centre in the hole, so find a point of the slice.
    const slice = card('requests-by-channel').locator(`path[data-key="${channel}"]`);
    await slice.scrollIntoViewIfNeeded();
    const point = await slice.evaluate((slice) => {
      const box = slice.getBoundingClientRect();
      for (let y = box.top + 1; y < box.bottom; y += 2) {
        for (let x = box.left + 1; x < box.right; x += 2) if (document.elementFromPoint(x, y) === slice) return { x, y };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);

    await expect.poll(() => new URL(page.url()).searchParams.get('f.channel')).toBe(channel);
    await expect.poll(() => shownValue('service-requests')).toBe(visibleText(formatValue(narrowed, metric, EN)));
    await waitForDashboard(page, 'executive');
    // The donut itself now has one slice; the chip row names the filter; office visits have no channel, and say so.
    expect(await card('requests-by-channel').locator('.recharts-pie-sector').count()).toBe(1);
    expect(await page.getByTestId('active-filters').locator('li').count()).toBe(1);
    expect(await page.getByTestId('active-filters').getAttribute('aria-label')).toBe('Active filters');
    expect(await card('office-visits').getByTestId('unapplied-filters').textContent()).toMatch(/^Not applied here .*: Channel: /);
    expect(await shownValue('office-visits')).toBe(officeVisits);
    expect(await card('service-requests').getByTestId('unapplied-filters').count()).toBe(0);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('f.channel')).toBe(false);
    await expect.poll(() => shownValue('service-requests')).toBe(visibleText(formatValue(all, metric, EN)));
    await waitForDashboard(page, 'executive');
    expect(await card('requests-by-channel').locator('.recharts-pie-sector').count()).toBe(slices.length);
    expect(await page.getByTestId('active-filters').count()).toBe(0);
    expect(await page.getByTestId('unapplied-filters').count()).toBe(0);
    expect(dut.pageErrors).toEqual([]);
  });

  it('a ranking row narrows to its amanah, and the chip removes it again', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/dashboards/executive?lang=en`);
    await waitForDashboard(page, 'executive');
    const tabuk = await requestsFromApi([{ dimension: 'amanah', values: ['tabuk'] }]);
    await card('office-visits-ranking').locator('button[data-amanah="tabuk"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('amanah')).toBe('tabuk');
    await expect.poll(() => shownValue('service-requests')).toBe(visibleText(formatValue(tabuk, { unit: 'count', decimals: 0 }, EN)));
    await page.getByRole('button', { name: 'Remove filter: Amanah: Tabuk' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.has('amanah')).toBe(false);
    expect(dut.pageErrors).toEqual([]);
  });

  it("a heatmap cell opens its hour's detail with the API's figure, kept in the URL; the other widgets stay; Back closes it", async () => {
    const { page } = dut;
    const { data } = await dut.api.graphql<{ dashboard: { widgets: Array<{ id: string; heatmap: Array<{ weekday: number; hour: number; value: number }> | null }> } }>(
      'query($range: DateRangeInput!) { dashboard(id: "channels") { widgets { id heatmap(range: $range) { weekday hour value } } } }',
      { range: RANGE },
      dut.viewerKey,
    );
    const cells = data!.dashboard.widgets.find((w) => w.id === 'visits-heatmap')!.heatmap!;
    const busiest = cells.reduce((a, b) => (b.value > a.value ? b : a));
    expect(busiest.value).toBeGreaterThan(0);
    await page.goto(`${dut.api.url}/dashboards/channels?lang=en`);
    await waitForDashboard(page, 'channels');
    const visits = await shownValue('portal-visits');

    await card('visits-heatmap').locator(`button[data-slot="${busiest.weekday}-${busiest.hour}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('slot')).toBe(`${busiest.weekday}-${busiest.hour}`);
    const detail = card('visits-heatmap').getByTestId('heatmap-detail');
    expect(await detail.getByTestId('heatmap-detail-value').textContent()).toBe(formatNumber(busiest.value, EN));
    expect(await detail.getByTestId('heatmap-detail-rank').textContent()).toBe('1 of 168 hours of the week');
    expect(await detail.getByRole('note').textContent()).toMatch(/^The other widgets stay on the whole week/);
    expect(await page.getByTestId('active-filters').count()).toBe(0);
    expect(await shownValue('portal-visits')).toBe(visits);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('slot')).toBe(false);
    expect(await card('visits-heatmap').getByTestId('heatmap-detail').count()).toBe(0);
    expect(dut.pageErrors).toEqual([]);
  });
});

/** Presses Tab until the focused element matches `selector` (at most `max` times); the number of presses. */
async function tabTo(selector: string, max = 400): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await dut.page.keyboard.press('Tab');
    if (await dut.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focusedName = () => dut.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

describe('drill-down from the keyboard alone, in chromium', () => {
  async function openFresh(dashboard: string) {
    await dut.page.goto(`${dut.api.url}/dashboards/${dashboard}?lang=en`);
    await waitForDashboard(dut.page, dashboard);
  }
  const param = (name: string) => new URL(dut.page.url()).searchParams.get(name);

  it('Tab reaches a donut slice, its legend entry, a bar and a ranking row, each named; Enter or Space narrows the view', async () => {
    const { page } = dut;
    await openFresh('executive');
    await tabTo('section[data-widget="w-requests-by-channel"] g.drill-target');
    expect(visibleText(await focusedName())).toMatch(/^.+: [\d,]+\. Show only this$/);
    const firstSlice = await page.evaluate(() => document.activeElement!.querySelector('path')!.getAttribute('data-key'));
    await page.keyboard.press('Enter');
    await expect.poll(() => param('f.channel')).toBe(firstSlice);
    await waitForDashboard(page, 'executive');

    await openFresh('executive');
    await tabTo('section[data-widget="w-requests-by-channel"] .recharts-legend-item button');
    expect(visibleText(await focusedName())).toMatch(/^.+ — [\d.]+%\. Show only this$/);
    await page.keyboard.press('Space');
    await expect.poll(() => param('f.channel')).not.toBeNull();

    await openFresh('executive');
    await tabTo('section[data-widget="w-licenses-by-type"] g.drill-target');
    expect(visibleText(await focusedName())).toMatch(/\. Show only this$/);
    await page.keyboard.press('Space');
    await expect.poll(() => param('f.license_type')).not.toBeNull();

    await openFresh('executive');
    await tabTo('section[data-widget="w-office-visits-ranking"] button[data-amanah]');
    const amanah = await page.evaluate(() => document.activeElement!.getAttribute('data-amanah'));
    expect(await focusedName()).not.toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(() => param('amanah')).toBe(amanah);
    expect(dut.pageErrors).toEqual([]);
  });

  it('the heatmap is one Tab stop; arrows move within it, Space opens the hour, Tab then Enter goes back to the week', async () => {
    const { page } = dut;
    await openFresh('channels');
    expect(await card('visits-heatmap').locator('button[data-slot][tabindex="0"]').count()).toBe(1);
    await tabTo('section[data-widget="w-visits-heatmap"] button[data-slot]');
    expect(await page.evaluate(() => document.activeElement!.getAttribute('data-slot'))).toBe('0-0');
    expect(visibleText(await focusedName())).toMatch(/^Sunday .+: [\d,]+\. Show this hour's detail$/);
    await page.keyboard.press('ArrowRight'); // English reads left to right: the next hour
    await page.keyboard.press('ArrowDown'); // the next day
    expect(await page.evaluate(() => document.activeElement!.getAttribute('data-slot'))).toBe('1-1');
    await page.keyboard.press('Space');
    await expect.poll(() => param('slot')).toBe('1-1');
    await card('visits-heatmap').getByTestId('heatmap-detail').waitFor();
    // The next stop after the grid (past no other cell) is the detail's way back.
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Whole week');
    await page.keyboard.press('Enter');
    await expect.poll(() => param('slot')).toBeNull();
    expect(dut.pageErrors).toEqual([]);
  });
});
