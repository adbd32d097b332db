import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { pdfLines } from '@amanah/reports/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatPercentChange, formatValue, type DisplayPrefs } from '@amanah/web-format';
import { openDashboardUnderTest, signInThroughUi, type DashboardUnderTest } from './testing/dashboard-under-test.js';
import { visibleText, waitForDashboard, WORKSPACE_ROOT } from './testing/browser.js';

/** Files a person can open after the run (tmp/ is not committed). */
const ARTIFACTS = path.join(WORKSPACE_ROOT, 'tmp/web-e2e/exports');

/** A PNG's iTXt text by keyword (PNG 1.2: keyword, 0, flag, method, language, 0, translated keyword, 0, text). */
function pngText(png: Buffer, keyword: string): string | undefined {
  for (let at = 8; at + 12 <= png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) !== 'iTXt') continue;
    const data = png.subarray(at + 8, at + 8 + png.readUInt32BE(at));
    const zero = data.indexOf(0);
    if (data.toString('latin1', 0, zero) !== keyword) continue;
    const language = data.indexOf(0, zero + 3);
    return data.subarray(data.indexOf(0, language + 1) + 1).toString('utf8');
  }
  return undefined;
}

// The executive dashboard in chromium against the real API on the seeded demo store: what the screen shows is
// what GraphQL answers. One page for the whole file; the tests follow one reader's path through it, in order.
let dut: DashboardUnderTest;
const AR: DisplayPrefs = { lang: 'ar', digits: 'arab', calendar: 'gregory' };
const TABUK_VIEW = '/dashboards/executive?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR';

beforeAll(async () => {
  dut = await openDashboardUnderTest();
});
afterAll(async () => {
  await dut?.close();
});

const card = (widgetId: string) => dut.page.locator(`section[data-widget="w-${widgetId}"]`);
const pathAndQuery = () => {
  const url = new URL(dut.page.url());
  return `${url.pathname}${url.search}`;
};

interface KpiWidget {
  id: string;
  approximate: boolean;
  metric: { id: string; unit: string; decimals: number };
}

async function executiveKpiWidgets(): Promise<KpiWidget[]> {
  const { data } = await dut.api.graphql<{ dashboard: { widgets: Array<KpiWidget & { type: string }> } }>(
    '{ dashboard(id: "executive") { widgets { id type approximate metric { id unit decimals } } } }',
    {},
    dut.viewerKey,
  );
  return data!.dashboard.widgets.filter((w) => w.type === 'kpi');
}

async function kpiFromApi(widget: KpiWidget, variables: { range: object; filters: object[]; compare: string }) {
  const { data, errors } = await dut.api.graphql<{ kpi: { value: number | null; changePct: number | null } }>(
    `query K($metric: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison, $approximate: Boolean) {
       kpi(metric: $metric, range: $range, filters: $filters, compare: $compare, approximate: $approximate) { value changePct } }`,
    { metric: widget.metric.id, approximate: widget.approximate, ...variables },
    dut.viewerKey,
  );
  expect(errors).toBeUndefined();
  return data!.kpi;
}

describe('the executive dashboard in chromium, against the real API', () => {
  it('asks for a key first (Arabic), refuses a wrong one, and opens the linked view with a viewer key', async () => {
    const { page } = dut;
    await page.goto(`${dut.api.url}/dashboards/executive`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('تسجيل الدخول');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.sign-in__note').textContent()).toContain('npm start');

    await page.locator('input[name="key"]').fill('akpi_0000000000000000_not-a-key');
    await page.locator('form.sign-in__form button[type="submit"]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('المفتاح غير صحيح أو أُلغي. تحقّق منه وأعد المحاولة.');

    await signInThroughUi(page, dut.viewerKey);
    await waitForDashboard(page, 'executive');
    expect(await page.locator('h1').textContent()).toBe('لوحة القيادة التنفيذية');
    expect(pathAndQuery()).toBe('/dashboards/executive');
    // The key became an httpOnly cookie: no script can read it back.
    const cookies = await dut.context.cookies();
    expect(cookies.find((c) => c.name === 'kpi_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows on every KPI card, in Arabic, exactly the value and change the GraphQL API answers', async () => {
    const widgets = await executiveKpiWidgets();
    expect(widgets.length).toBeGreaterThanOrEqual(3);
    // The dashboard's defaults: last year (2024, as the API's today is 2025-12-31) against the previous period.
    for (const widget of widgets) {
      const kpi = await kpiFromApi(widget, { range: { preset: 'last_year' }, filters: [], compare: 'PREVIOUS_PERIOD' });
      expect(kpi.value, widget.id).not.toBeNull();
      const shown = card(widget.id);
      const value = visibleText(await shown.getByTestId('kpi-value').textContent()).replace(/^≈ /, '');
      expect(value, widget.id).toBe(visibleText(formatValue(kpi.value, widget.metric, AR)));
      expect(visibleText(await shown.getByTestId('kpi-change-pct').textContent()), widget.id).toBe(visibleText(formatPercentChange(kpi.changePct, AR)));
    }
    // And one figure written out, so that a formatting fault shared by the UI and this test cannot hide.
    expect(await card('office-visits').getByTestId('kpi-value').textContent()).toMatch(/^[٠-٩٬]+$/);
  });

  it('heads the page with the freshness of its oldest widget, as the API answers each widget’s', async () => {
    type Freshness = { id: string; provenance: { asOf: string | null; lastUploadAt: string | null } };
    const { data } = await dut.api.graphql<{ dashboard: { widgets: Freshness[] } }>(
      `query($range: DateRangeInput!) { dashboard(id: "executive") { widgets { id
         provenance(range: $range, filters: [], compare: PREVIOUS_PERIOD, granularity: MONTH) { asOf lastUploadAt } } } }`,
      { range: { preset: 'last_year' } },
      dut.viewerKey,
    );
    // A day (a rollup's asOf) is data through that day; the oldest first, the first widget on a tie.
    const key = (asOf: string) => (asOf.length === 10 ? `${asOf} 23:59:59` : asOf);
    const dated = data!.dashboard.widgets.filter((w) => w.provenance.asOf !== null);
    const oldest = dated.reduce((a, b) => (key(b.provenance.asOf!) < key(a.provenance.asOf!) ? b : a));
    const header = dut.page.getByTestId('freshness');
    expect(await header.getAttribute('data-widget')).toBe(oldest.id);
    const text = visibleText(await header.textContent());
    expect(text).toContain(visibleText(formatDateTime(oldest.provenance.asOf!, AR)));
    expect(text).toContain(visibleText(formatDateTime(oldest.provenance.lastUploadAt!, AR)));
  });

  it('switches to English: dir flips to ltr, labels and digits change, the URL says lang=en', async () => {
    const { page } = dut;
    await page.getByRole('button', { name: 'التبديل إلى الإنجليزية' }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Executive dashboard');
    expect(await card('office-visits').locator('h2').textContent()).toBe('In-person visits');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(pathAndQuery()).toBe('/dashboards/executive?lang=en');
    await waitForDashboard(page, 'executive');
    expect(await card('office-visits').getByTestId('kpi-value').textContent()).toMatch(/^[0-9,]+$/);
  });

  it('Tabuk, H1 2024 against H1 2023, chosen in the filter bar: 1,733 in-person visits, −67.87 %', async () => {
    const { page } = dut;
    await page.getByTestId('filter-amanah').selectOption('tabuk');
    await page.getByTestId('filter-range').selectOption('custom');
    await page.getByTestId('filter-from').fill('2024-01-01');
    await page.getByTestId('filter-to').fill('2024-06-30');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('filter-compare').selectOption('SAME_PERIOD_LAST_YEAR');
    await expect.poll(pathAndQuery).toBe(`${TABUK_VIEW}&lang=en`);
    await waitForDashboard(page, 'executive');
    const visits = card('office-visits');
    expect(await visits.getByTestId('kpi-value').textContent()).toBe('1,733');
    expect(await visits.getByTestId('kpi-change-pct').textContent()).toBe('-67.87%');
    expect(await visits.getByTestId('kpi-change-abs').textContent()).toBe('-3,660');

    // The same view in Arabic, with Arabic-Indic digits.
    await page.getByRole('button', { name: 'Switch to Arabic' }).click();
    await expect.poll(pathAndQuery).toBe(TABUK_VIEW);
    await waitForDashboard(page, 'executive');
    await expect.poll(() => visits.getByTestId('kpi-value').textContent()).toBe('١٬٧٣٣');
    expect(visibleText(await visits.getByTestId('kpi-change-pct').textContent())).toBe('-٦٧٫٨٧٪');
    expect(await page.locator('[data-testid="period"]').textContent()).toContain('٢٠٢٤');
  });

  it('exports a widget to CSV holding exactly the API’s data for the view', async () => {
    const { page } = dut;
    const widget = card('requests-by-channel');
    const [download] = await Promise.all([page.waitForEvent('download'), widget.getByRole('button', { name: /CSV/ }).click()]);
    // A plain table for machines: its scope (page, widget, amanah, period, as-of day) is in its name.
    expect(download.suggestedFilename()).toMatch(/^executive_requests-by-channel_tabuk_2024-01-01_2024-06-30_asof-2024-06-30\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text.slice(1), { relax_column_count: false }) as string[][];

    const { data } = await dut.api.graphql<{
      metrics: Array<{ id: string; label: { ar: string } }>;
      breakdown: Array<{ label: { ar: string }; value: number; share: number; previous: number | null }>;
    }>(
      `{ metrics { id label { ar } }
         breakdown(metric: "services.requests", dimension: "channel", range: {from: "2024-01-01", to: "2024-06-30"},
           filters: [{dimension: "amanah", values: ["tabuk"]}], compare: SAME_PERIOD_LAST_YEAR) { label { ar } value share previous } }`,
      {},
      dut.viewerKey,
    );
    expect(data!.breakdown.length).toBeGreaterThan(1);
    expect(rows).toEqual([
      ['البند', data!.metrics.find((m) => m.id === 'services.requests')!.label.ar, 'الحصة %', 'الفترة السابقة'],
      ...data!.breakdown.map((item) => [item.label.ar, String(item.value), String(item.share), String(item.previous)]),
    ]);
  });

  it('exports a widget to PNG under the API’s Content-Security-Policy, with no console error', async () => {
    const { page } = dut;
    // The policy the page runs under (a violation would be a console error, which pageErrors collects).
    const csp = (await fetch(`${dut.api.url}/dashboards/executive`, { headers: { accept: 'text/html' } })).headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self';");
    const widget = card('requests-by-channel');
    const [download] = await Promise.all([page.waitForEvent('download'), widget.getByRole('button', { name: /PNG/ }).click()]);
    expect(download.suggestedFilename()).toBe('executive_requests-by-channel_tabuk_2024-01-01_2024-06-30_asof-2024-06-30.png');
    const png = fs.readFileSync((await download.path())!);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'widget-tabuk.png'), png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000); // a drawn chart, not an empty canvas
    // The scope drawn above the chart is also kept in the file's text chunks: amanah, period, as-of.
    const description = pngText(png, 'Description');
    expect(description).toContain('أمانة منطقة تبوك');
    expect(description).toContain('٢٠٢٤');
    expect(description).toContain('البيانات حتى');
    expect(dut.pageErrors).toEqual([]);
  });

  it('downloads the API’s workbook of the view: Tabuk, the period and the as-of, with the API’s numbers', async () => {
    const { page } = dut;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'تنزيل اللوحة كاملة بصيغة Excel، ورقة لكل عنصر' }).click()]);
    expect(download.suggestedFilename()).toBe('executive_tabuk_2024-01-01_2024-06-30.xlsx');
    const file = fs.readFileSync((await download.path())!);
    fs.writeFileSync(path.join(ARTIFACTS, 'executive-tabuk.xlsx'), file);
    const sheets = await readXlsxFile(file);
    const about = sheets[0]!.data;
    expect(about.flat().join(' ')).toContain('أمانة منطقة تبوك');
    expect(about.find((row) => row[0] === 'الفترة')!.slice(2, 4)).toEqual([new Date('2024-01-01T00:00:00Z'), new Date('2024-06-30T00:00:00Z')]);
    expect(about.find((row) => row[0] === 'البيانات حتى')![2]).toBeInstanceOf(Date);
    const visits = sheets.find((s) => String(s.data[0]![0]).startsWith('زيارات المراجعين'))!;
    const kpi = await kpiFromApi({ id: 'office-visits', approximate: false, metric: { id: 'office.visits', unit: 'count', decimals: 0 } }, {
      range: { from: '2024-01-01', to: '2024-06-30' }, filters: [{ dimension: 'amanah', values: ['tabuk'] }], compare: 'SAME_PERIOD_LAST_YEAR',
    });
    expect(visits.data[2]![3]).toBe(kpi.value);
  });

  it('downloads the API’s PDF of the view, whose text names Tabuk in reading order', async () => {
    const { page } = dut;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
    expect(download.suggestedFilename()).toBe('executive_tabuk_2024-01-01_2024-06-30.pdf');
    const pdf = fs.readFileSync((await download.path())!);
    fs.writeFileSync(path.join(ARTIFACTS, 'executive-tabuk.pdf'), pdf);
    const text = (await pdfLines(pdf)).map((l) => l.text).join('\n');
    expect(text).toContain('أمانة منطقة تبوك');
    expect(text).toContain('١٬٧٣٣'); // the reader's digits
  }, 60_000);

  it('prints with the amanah, the period and the as-of at the top of every page, and page numbers', async () => {
    const { page } = dut;
    await page.emulateMedia({ media: 'print' });
    const printed = await page.pdf({ format: 'A4', landscape: true });
    await page.emulateMedia({ media: 'screen' });
    fs.writeFileSync(path.join(ARTIFACTS, 'executive-tabuk-print.pdf'), printed);
    const lines = await pdfLines(printed);
    const pages = Math.max(...lines.map((l) => l.page));
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const own = lines.filter((l) => l.page === n).map((l) => l.text).join('\n');
      expect(own).toContain('أمانة منطقة تبوك');
      expect(own).toContain('البيانات حتى');
      expect(own).toContain('صفحة');
    }
  }, 60_000);

  it('signs out: back to the sign-in page at the same URL, and the old cookie no longer reads figures', async () => {
    const { page } = dut;
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('تسجيل الدخول');
    expect(pathAndQuery()).toBe(TABUK_VIEW);
    const answer = await page.evaluate(async () => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ amanahs { id } }' }) });
      return (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
    });
    expect(answer.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logged no console error and threw no exception along the way', () => {
    expect(dut.pageErrors).toEqual([]);
  });
});
