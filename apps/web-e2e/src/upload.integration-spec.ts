import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatNumber, type DisplayPrefs } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { collectPageErrors, newDashboardContext, newSizedContext, visibleText, waitForDashboard, WORKSPACE_ROOT } from './testing/browser.js';
import { expectInsideViewport, waitForPage } from './testing/layout.js';

// A data clerk's path in chromium against the real API on the seeded store, in Arabic: upload a CSV of Tabuk's
// office visits through /upload, see its row error before anything is written, upload the fixed file, commit, and
// see Tabuk's in-person visits for H1 2024 go up by the file's rows on the dashboard (and in GraphQL's answer); the
// batch is in /batches with its file name, another ingest key's withdrawal is refused on the page, the admin's goes
// through and the figure is back; /completeness shows the day at 390 px without anything outside the screen.
const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/screenshots/upload'); // for a person to look at (not committed)
let dut: DashboardUnderTest;
let adminKey: string;
const AR: DisplayPrefs = { lang: 'ar', digits: 'arab', calendar: 'gregory' };
const TABUK_VIEW = '/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30';
const FILE_NAME = 'زيارات-تبوك-مارس.csv';

/** Five office visits in Tabuk on 2024-03-10; `bad` spoils the third row's with_appointment. */
function visitsCsv(bad: boolean): Buffer {
  const rows = ['ts,amanah,office,with_appointment,service'];
  for (let i = 0; i < 5; i += 1) {
    const appointment = bad && i === 2 ? 'ربما' : i % 2 ? 'false' : 'true';
    rows.push(`2024-03-10T${String(9 + i).padStart(2, '0')}:00:00+03:00,tabuk,مكتب الشمال,${appointment},رخص البناء`);
  }
  return Buffer.from(rows.join('\n') + '\n');
}

async function tabukVisitsFromApi(): Promise<number> {
  const { data } = await dut.api.graphql<{ kpi: { value: number } }>(
    '{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-06-30"}, filters: [{dimension: "amanah", values: ["tabuk"]}]) { value } }',
    {}, dut.viewerKey,
  );
  return data!.kpi.value;
}

async function tabukVisitsOnScreen(page: Page): Promise<string> {
  await page.goto(`${dut.api.url}${TABUK_VIEW}`);
  await waitForDashboard(page, 'executive');
  return visibleText(await page.locator('section[data-widget="w-office-visits"]').getByTestId('kpi-value').textContent());
}

async function chooseFile(page: Page, body: Buffer): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: body });
}

beforeAll(async () => {
  dut = await openDashboardUnderTest();
  adminKey = await dut.api.key('admin', 'all');
});
afterAll(async () => {
  await dut?.close();
});

describe('uploading a file through the dashboard', () => {
  let before: number;

  it('signs in with an admin key (which may ingest) and offers the upload page in the navigation', async () => {
    const { page } = dut;
    before = await tabukVisitsFromApi();
    expect(before).toBe(1733);
    await page.goto(`${dut.api.url}${TABUK_VIEW}`);
    await signInThroughUi(page, adminKey);
    expect(await tabukVisitsOnScreen(page)).toBe(formatNumber(before, AR));
    await page.locator('#app-menu nav a[href^="/upload"]').click();
    await page.getByTestId('upload-page').waitFor();
    expect(await page.locator('h1').textContent()).toBe('رفع ملف بيانات');
  });

  it('shows a row error before anything is written, and no way to commit', async () => {
    const { page } = dut;
    await page.locator('select[name="dataset"]').selectOption('office_visits');
    await chooseFile(page, visitsCsv(true));
    const problem = page.locator('[data-testid="upload-problems"] tbody tr');
    await problem.first().waitFor();
    expect(await problem.count()).toBe(1);
    // Line 4 of the file (the header is line 1), field with_appointment, the API's own words.
    expect(await problem.first().getAttribute('data-line')).toBe('4');
    expect(await problem.first().getAttribute('data-field')).toBe('with_appointment');
    expect(await problem.first().locator('td').nth(2).textContent()).toContain('ربما');
    // The good rows are previewed as they would be stored, and nothing can be committed.
    expect(await page.locator('[data-testid="upload-preview"] tbody tr').count()).toBe(4);
    expect(await page.getByTestId('upload-commit').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'upload-problem-ar.png'), fullPage: true });
    expect(await tabukVisitsFromApi()).toBe(before);
  });

  it('previews the fixed file as it will be stored, commits it, and the dashboard’s figure goes up by its rows', async () => {
    const { page } = dut;
    await chooseFile(page, visitsCsv(false));
    await page.getByTestId('upload-commit').waitFor();
    expect(await page.locator('[data-testid="upload-problems"]').count()).toBe(0);
    const first = await page.locator('[data-testid="upload-preview"] tbody tr').first().locator('td').allTextContents();
    expect(first.map(visibleText)).toEqual([formatNumber(2, AR), '2024-03-10 09:00:00', 'tabuk', 'مكتب الشمال', 'نعم', 'رخص البناء']);
    await page.getByTestId('upload-commit').click();
    await page.getByTestId('upload-done').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'upload-done-ar.png'), fullPage: true });
    expect(visibleText(await page.getByTestId('upload-done').textContent())).toContain(`تم الرفع: ${formatNumber(5, AR)} صفاً`);
    expect(await tabukVisitsFromApi()).toBe(before + 5);
    expect(await tabukVisitsOnScreen(page)).toBe(formatNumber(before + 5, AR));
  });

  it('lists the batch with its file, rows per amanah and key; another ingest key’s withdrawal is refused on the page', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/batches?dataset=office_visits`);
    const batch = page.locator('li.batch').first();
    await batch.waitFor();
    expect(await batch.getByTestId('batch-file').textContent()).toBe(FILE_NAME);
    expect(await batch.getAttribute('data-status')).toBe('COMMITTED');
    expect(visibleText(await batch.locator('dd').first().textContent())).toBe(`أمانة منطقة تبوك (${formatNumber(5, AR)})`);
    expect(await batch.textContent()).toContain('test admin');

    const other = await newDashboardContext(dut.browser);
    try {
      const clerk = await other.newPage();
      const clerkErrors = collectPageErrors(clerk);
      // A key that may only ingest starts on the upload page, and is offered no dashboard (it may not read them).
      await clerk.goto(`${dut.api.url}/`);
      await signInThroughUi(clerk, await dut.api.key('ingest', 'all'));
      expect(new URL(clerk.url()).pathname).toBe('/upload');
      const offered = await clerk.locator('#app-menu nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(offered).toEqual(expect.arrayContaining(['/upload', '/batches']));
      expect(offered.filter((link) => link.startsWith('/dashboards/') || link === '/completeness')).toEqual([]);
      await clerk.goto(`${dut.api.url}/batches?dataset=office_visits`);
      const theirs = clerk.locator(`li.batch[data-batch="${await batch.getAttribute('data-batch')}"]`);
      await theirs.getByRole('button', { name: 'سحب الدفعة' }).click();
      await theirs.locator('textarea[name="reason"]').fill('أرقام خاطئة');
      await theirs.getByTestId('withdraw-submit').click(); // asks to confirm
      await theirs.getByTestId('withdraw-submit').click();
      await theirs.getByTestId('withdraw-refused').waitFor();
      expect(await theirs.getByTestId('withdraw-refused').textContent()).toMatch(/رُفض السحب/);
      expect(clerkErrors).toEqual([]);
    } finally {
      await other.close();
    }
    expect(await tabukVisitsFromApi()).toBe(before + 5);
  });

  it('withdraws the batch as the admin, with a reason and a confirmation; the figure is back', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/batches?dataset=office_visits`);
    const batch = page.locator('li.batch').first();
    await batch.getByRole('button', { name: 'سحب الدفعة' }).click();
    await batch.locator('textarea[name="reason"]').fill('رُفع في اليوم الخطأ');
    await batch.getByTestId('withdraw-submit').click();
    expect(await batch.locator('.batch__confirm').textContent()).toContain(formatNumber(5, AR));
    await batch.getByTestId('withdraw-submit').click();
    await expect.poll(() => batch.getAttribute('data-status'), { timeout: 30_000 }).toBe('WITHDRAWN');
    expect(await batch.textContent()).toContain('رُفع في اليوم الخطأ');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'batches-ar.png'), fullPage: true });
    expect(await tabukVisitsFromApi()).toBe(before);
    expect(await tabukVisitsOnScreen(page)).toBe(formatNumber(before, AR));
  });

  it('fits the upload page (with a file’s problems and preview) and the batch history in 390 px, in Arabic and English', async () => {
    const phone = await newSizedContext(dut.browser, { width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${dut.api.url}/upload?dataset=office_visits`);
      await signInThroughUi(page, adminKey);
      for (const lang of ['ar', 'en'] as const) {
        await page.goto(`${dut.api.url}/upload?dataset=office_visits${lang === 'en' ? '&lang=en' : ''}`);
        await chooseFile(page, visitsCsv(true));
        await page.locator('[data-testid="upload-problems"] tbody tr').first().waitFor();
        await expectInsideViewport(page, 390, `upload ${lang}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `upload-390-${lang}.png`), fullPage: true });
        await page.goto(`${dut.api.url}/batches?dataset=office_visits${lang === 'en' ? '&lang=en' : ''}`);
        await page.locator('li.batch').first().waitFor();
        await waitForPage(page);
        await expectInsideViewport(page, 390, `batches ${lang}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `batches-390-${lang}.png`), fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('shows the completeness heatmap at 390 px with nothing outside the screen, in Arabic and English', async () => {
    const phone = await newSizedContext(dut.browser, { width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${dut.api.url}/completeness?dataset=portal_visits&from=2024-03-01&to=2024-03-31`);
      await signInThroughUi(page, adminKey);
      for (const lang of ['ar', 'en'] as const) {
        await page.goto(`${dut.api.url}/completeness?dataset=portal_visits&from=2024-03-01&to=2024-03-31${lang === 'en' ? '&lang=en' : ''}`);
        await page.locator('[data-testid="completeness-page"][data-state="ready"]').waitFor();
        await waitForPage(page);
        const rows = page.locator('[data-testid="completeness-table"] tbody tr');
        expect(await rows.count()).toBe(17);
        // Portal visits are expected daily (office visits monthly: libs/shared/domain DATASETS' cadence): a column a day.
        expect(await page.locator('[data-testid="completeness-table"] thead th.completeness__period').count()).toBe(31);
        // Each cell says its rows, as GraphQL answers them.
        const { data } = await dut.api.graphql<{ completeness: { cells: Array<{ amanah: string; period: string; rows: number }> } }>(
          '{ completeness(dataset: "portal_visits", from: "2024-03-01", to: "2024-03-31") { cells { amanah period rows } } }',
        );
        const tabuk10 = data!.completeness.cells.find((cell) => cell.amanah === 'tabuk' && cell.period === '2024-03-10')!;
        expect(await page.locator('tr[data-amanah="tabuk"] td[data-period="2024-03-10"]').getAttribute('data-rows')).toBe(String(tabuk10.rows));
        await expectInsideViewport(page, 390, `completeness ${lang}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `completeness-390-${lang}.png`), fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('logged no console errors', () => {
    expect(dut.pageErrors).toEqual([]);
  });
});
