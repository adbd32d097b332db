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
});
