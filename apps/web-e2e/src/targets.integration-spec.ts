import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { waitForDashboard } from './testing/browser.js';

// An analyst changes a target in the dashboard (real API, seeded demo store, chromium); the next load of the page —
// the same API process, never restarted — shows it on the KPI card, and the API answers it with who set it.
let dut: DashboardUnderTest;
const VIEW = '/dashboards/executive?from=2025-03-01&to=2025-04-30&lang=en';

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

describe('targets in chromium, against the real API', () => {
  it('a target changed in the page shows on the KPI card at the next load, without a restart', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}${VIEW}`);
    await signInThroughUi(page, await dut.api.key('analyst', 'all'));
    await waitForDashboard(page, 'executive');
    const card = page.locator('.widget-cell[data-type="kpi"]', { hasText: 'Digital share of requests' });
    // dashboards/targets.json: 90 % nationally for 2025.
    expect(await card.locator('.kpi-card__target-label').textContent()).toMatch(/\b90\b/);

    const panel = page.getByTestId('targets');
    await panel.locator('select[name="targetMetric"]').selectOption('services.digital_share');
    const form = page.getByRole('form', { name: 'Set a target' });
    await form.locator('select[name="calendar"]').selectOption('GREGORIAN');
    await form.locator('input[name="year"]').fill('2025');
    await form.locator('input[name="value"]').fill('77');
    await form.getByRole('button', { name: 'Save target' }).click();
    await form.getByRole('status').waitFor();
    await panel.locator('li[data-period="2025"]', { hasText: 'set by test analyst' }).waitFor();

    await page.reload();
    await waitForDashboard(page, 'executive');
    await expect.poll(async () => card.locator('.kpi-card__target-label').textContent()).toMatch(/\b77\b/);
    expect(await card.locator('.kpi-card__target-label').textContent()).not.toMatch(/\b90\b/);

    const { data, errors } = await dut.api.graphql<{ kpi: { target: { value: number; period: { from: string; to: string } } } }>(
      '{ kpi(metric: "services.digital_share", range: {from: "2025-03-01", to: "2025-04-30"}) { target { value period { from to } } } }',
      {},
      dut.viewerKey,
    );
    expect(errors).toBeUndefined();
    expect(data!.kpi.target).toEqual({ value: 77, period: { from: '2025-01-01', to: '2025-12-31' } });
    expect(dut.pageErrors).toEqual([]);
  });

  it('a target set with the filter bar’s channel applies to that channel’s card only, never to the unfiltered one', async () => {
    const { page } = dut;
    const view = '/dashboards/executive?amanah=riyadh&from=2025-03-01&to=2025-04-30&lang=en';
    const card = page.locator('.widget-cell[data-type="kpi"]', { hasText: 'E-service requests' });
    await page.goto(`${dut.api.url}${view}&f.channel=mobile_app`);
    await waitForDashboard(page, 'executive');
    expect(await card.locator('.kpi-card__target-label').count()).toBe(0);

    const panel = page.getByTestId('targets');
    await panel.locator('select[name="targetMetric"]').selectOption('services.requests');
    expect(await panel.getByTestId('target-filters').textContent()).toContain('Channel: Mobile app');
    const form = page.getByRole('form', { name: 'Set a target' });
    await form.locator('select[name="calendar"]').selectOption('GREGORIAN');
    await form.locator('input[name="year"]').fill('2025');
    await form.locator('input[name="value"]').fill('36500');
    await form.getByRole('button', { name: 'Save target' }).click();
    await form.getByRole('status').waitFor();
    await panel.locator('li[data-period="2025"]', { hasText: 'set by test analyst' }).waitFor();

    // 36,500 over 2025's 365 days: 100 a day, 6,100 over March and April.
    await page.reload();
    await waitForDashboard(page, 'executive');
    await expect.poll(async () => card.locator('.kpi-card__target-label').textContent()).toMatch(/\b6,100\b/);
    await page.goto(`${dut.api.url}${view}`);
    await waitForDashboard(page, 'executive');
    expect(await card.locator('.kpi-card__target-label').count()).toBe(0);
    await panel.locator('select[name="targetMetric"]').selectOption('services.requests');
    expect(await panel.locator('li[data-period="2025"]').count()).toBe(0);

    const kpi = async (filters: string) => {
      const { data, errors } = await dut.api.graphql<{ kpi: { target: { value: number } | null } }>(
        `{ kpi(metric: "services.requests", range: {from: "2025-03-01", to: "2025-04-30"}, filters: [{dimension: "amanah", values: ["riyadh"]}${filters}]) { target { value } } }`,
        {},
        dut.viewerKey,
      );
      expect(errors).toBeUndefined();
      return data!.kpi.target;
    };
    expect(await kpi(', {dimension: "channel", values: ["mobile_app"]}')).toEqual({ value: 6100 });
    expect(await kpi('')).toBeNull();
    expect(await kpi(', {dimension: "channel", values: ["portal"]}')).toBeNull();
    expect(dut.pageErrors).toEqual([]);
  });
});
