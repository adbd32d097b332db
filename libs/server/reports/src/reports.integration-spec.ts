import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import type { Caller } from '@amanah/access';
import { createAnalytics, type AnalyticsService, type PressService } from '@amanah/analytics';
import { recordDataChange } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { buildDashboardReport, buildFactSheetReport, PdfRenderer, renderReportPdf, renderReportXlsx, reportHtml, type Report } from './index.js';
import { pdfLines } from './testing/pdf-text.js';

// Reports built by the AnalyticsService over a small store of known rows, written as XLSX and PDF, and read back
// with a spreadsheet parser and a PDF text extractor: the files carry their scope and the service's numbers. The
// seeded demo (Tabuk, H1 2024, over HTTP) is apps/api/src/export/export.integration-spec.ts.
const dashboardsDir = fileURLToPath(new URL('../../../../dashboards/', import.meta.url));
const everyone: Caller = { keyId: 'reports-test', label: 'reports test', role: 'viewer', amanahs: 'all' };
const tabukH1 = { from: '2024-01-01', to: '2024-06-30' };
/** Where the files are left for a person to open (tmp/ is not committed). */
const artifacts = fileURLToPath(new URL('../../../../tmp/reports/', import.meta.url));
const keep = (name: string, content: Buffer | string) => {
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, name), content);
};

let store: Awaited<ReturnType<typeof openTestStore>>;
let analytics: AnalyticsService;
let press: PressService;
let renderer: PdfRenderer;

beforeAll(async () => {
  store = await openTestStore();
  // In-person visits at Tabuk: 7 in H1 2024 (the last on 30 June), 3 in H1 2023; and 4 at Jeddah in H1 2024.
  const visit = (amanah: string, day: string) => ({ ts: `${day} 09:30:00`, amanah, office: 'HQ', with_appointment: false, service: 'other' });
  await store.insert('office_visits', [
    ...['2024-01-10', '2024-02-11', '2024-03-12', '2024-04-13', '2024-05-14', '2024-06-15', '2024-06-30'].map((d) => visit('tabuk', d)),
    ...['2023-01-10', '2023-03-12', '2023-06-15'].map((d) => visit('tabuk', d)),
    ...['2024-01-10', '2024-02-11', '2024-03-12', '2024-04-13'].map((d) => visit('jeddah', d)),
  ]);
  // As the demo seeder does: the rows' upload time, which every answer reports as its lastUploadAt.
  await recordDataChange(store, 'seed');
  ({ analytics, press } = createAnalytics({ store, dashboardsDir, today: () => '2024-12-31' }));
  renderer = new PdfRenderer();
});
afterAll(async () => {
  await renderer?.close();
  await store?.dispose();
});

describe('the executive dashboard of Tabuk, H1 2024', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildDashboardReport(analytics, everyone, { dashboard: 'executive', amanah: 'tabuk', range: tabukH1, compare: 'SAME_PERIOD_LAST_YEAR', lang: 'ar' });
  });

  it('says what it is: the amanah, the period, the comparison, as-of, the last upload, the data version and each metric', () => {
    const { context } = report;
    expect(context.amanah).toEqual({ ids: ['tabuk'], name: { ar: 'أمانة منطقة تبوك', en: 'Tabuk Region Municipality' } });
    expect(context.range).toEqual(tabukH1);
    expect(context.previousRange).toEqual({ from: '2023-01-01', to: '2023-06-30' });
    expect(context.asOf).toMatch(/^2024-06-30/);
    expect(Date.now() - Date.parse(context.lastUploadAt!)).toBeLessThan(10 * 60_000);
    expect(context.dataVersion).toBeGreaterThanOrEqual(0);
    expect(context.metrics.map((m) => m.id)).toContain('office.visits');
    expect(context.metrics.every((m) => m.definition.length > 0 && m.dataset.length > 0)).toBe(true);
  });

  it('holds the numbers the AnalyticsService answers', async () => {
    const kpi = await analytics.kpi(everyone, {
      metric: 'office.visits', range: tabukH1, compare: 'SAME_PERIOD_LAST_YEAR', filters: [{ dimension: 'amanah', values: ['tabuk'] }],
    });
    const card = report.sections.find((s) => s.metric === 'office.visits' && s.card)!.card!;
    expect(kpi.value).toBe(7);
    expect(card.value).toBe(kpi.value);
    expect(card.previous).toBe(3);
  });

  it('writes a workbook whose about sheet and title rows carry the scope, with the API numbers as cells', async () => {
    const workbook = await renderReportXlsx(report);
    keep('executive-tabuk-h1-2024.json', JSON.stringify(report, null, 2));
    keep('executive-tabuk-h1-2024.xlsx', workbook);
    const sheets = await readXlsxFile(workbook);
    const about = sheets[0]!;
    expect(about.sheet).toBe('عن الملف');
    const aboutText = about.data.flat().map(String).join(' | ');
    expect(aboutText).toContain('تبوك');
    expect(aboutText).toContain('1445'); // the Hijri year of H1 2024
    const period = about.data.find((row) => row[0] === 'الفترة')!;
    expect(period[2]).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(period[3]).toEqual(new Date('2024-06-30T00:00:00Z'));
    expect(about.data.find((row) => row[0] === 'البيانات حتى')![2]).toBeInstanceOf(Date);
    // Both freshnesses: the newest event counted and the last upload of the data.
    const lastUpload = about.data.find((row) => row[0] === 'آخر رفع للبيانات')!;
    // A workbook's dates are fractions of days: the millisecond may round either way.
    expect(Math.abs((lastUpload[2] as unknown as Date).getTime() - Date.parse(report.context.lastUploadAt!))).toBeLessThanOrEqual(1);

    for (const [i, section] of report.sections.entries()) {
      const sheet = sheets[i + 1]!;
      expect(String(sheet.data[0]![0])).toContain('تبوك');
      if (!section.card) continue;
      const value = sheet.data[2]![3];
      if (section.unit === 'percent') expect(value).toBeCloseTo(section.card.value! / 100, 4);
      else expect(value).toBeCloseTo(section.card.value!, 6);
    }
    const visits = sheets[1 + report.sections.findIndex((s) => s.metric === 'office.visits' && s.card)]!;
    expect(visits.data[2]![3]).toBe(7);
    expect(visits.data[2]![4]).toBe(3);
  });

  it('prints a PDF whose text has the amanah in Arabic, not reversed, and the KPI values', async () => {
    const pdf = await renderReportPdf(report, { renderer });
    keep('executive-tabuk-h1-2024.pdf', pdf);
    keep('executive-tabuk-h1-2024.html', reportHtml(report).html);
    const lines = await pdfLines(pdf);
    keep('executive-tabuk-h1-2024.pdf.txt', lines.map((l) => `${l.page}: ${l.text}`).join('\n'));
    const text = lines.map((l) => l.text).join('\n');
    // Read right to left, the amanah's name is whole and its letters joined (initial, medial, final forms).
    expect(text).toContain('أمانة منطقة تبوك');
    expect(lines.map((l) => l.shaped).join('\n')).toContain('\uFE97\uFE92\uFEEE\u0643'); // ﺗﺒﻮك
    expect(text).not.toContain('كوبت');
    // The header's scope and the page numbers on every page.
    expect(lines.some((l) => l.text.includes('زيارات المراجعين') && l.page === 1)).toBe(true);
    expect(text).toContain('133.33٪'); // the card's change: (7 − 3) / 3
    const pages = Math.max(...lines.map((l) => l.page));
    for (let page = 1; page <= pages; page++) {
      const own = lines.filter((l) => l.page === page).map((l) => l.text);
      expect(own.some((l) => l.includes('أمانة منطقة تبوك') && l.includes('البيانات حتى'))).toBe(true);
      const footer = own.map((l) => /صفحة\s*(\d+)\s*من\s*(\d+)/.exec(l)).find(Boolean);
      expect(footer?.slice(1, 3)).toEqual([String(page), String(pages)]);
    }
  }, 60_000);
});

describe('the reader’s choices', () => {
  it('prints in English with Arabic-Indic digits and Hijri dates, page numbers included', async () => {
    const report = await buildDashboardReport(analytics, everyone, {
      dashboard: 'executive', amanah: 'tabuk', range: tabukH1, compare: 'SAME_PERIOD_LAST_YEAR', lang: 'en', digits: 'arab', calendar: 'hijri',
    });
    const pdf = await renderReportPdf(report, { renderer });
    keep('executive-tabuk-h1-2024-en-arab-hijri.pdf', pdf);
    const text = (await pdfLines(pdf)).map((l) => l.text).join('\n');
    expect(text).toContain('Tabuk Region Municipality');
    expect(text).toMatch(/Page ١ of [١-٩]/);
    expect(text).toContain('١٤٤٥'); // 1445 AH
    expect(text).toContain('١٣٣٫٣٣'); // the office visits card's change, (7 − 3) / 3
  }, 60_000);
});

describe('a reader of the Hijri calendar', () => {
  it('gets Ramadan 1445 (a season of a chosen year) as its Hijri period first, in the PDF text and the workbook', async () => {
    const report = await buildDashboardReport(analytics, everyone, {
      dashboard: 'executive', amanah: 'tabuk', range: { preset: 'ramadan', hijriYear: 1445 }, compare: 'PREVIOUS_PERIOD', lang: 'en', digits: 'latn', calendar: 'hijri',
    });
    expect(report.context.range).toEqual({ from: '2024-03-11', to: '2024-04-09' });
    const pdf = await renderReportPdf(report, { renderer });
    keep('executive-tabuk-ramadan-1445-en-hijri.pdf', pdf);
    const lines = (await pdfLines(pdf)).map((l) => l.text);
    expect(lines.join('\n')).toContain('1–30 Ramadan 1445 AH');
    // The Hijri period comes before the Gregorian one.
    const hijriAt = lines.findIndex((line) => line.includes('Period (Hijri)'));
    const gregorianAt = lines.findIndex((line) => /Period(?! \(Hijri\))/.test(line));
    expect(hijriAt).toBeGreaterThanOrEqual(0);
    expect(hijriAt).toBeLessThan(gregorianAt);

    const sheets = await readXlsxFile(await renderReportXlsx(report));
    const about = sheets[0]!.data;
    const periodRows = about.filter((row) => row[0] === 'Period (Hijri)' || row[0] === 'Period');
    expect(periodRows.map((row) => row[0])).toEqual(['Period (Hijri)', 'Period']);
    expect(periodRows[0]!.slice(1, 4)).toEqual(['1–30 Ramadan 1445 AH', '1445-09-01', '1445-09-30']);
  }, 60_000);

  it('labels each dated row of the workbook with its period as the reader reads it, a Hijri month', async () => {
    const hijriMonths = await buildDashboardReport(analytics, everyone, {
      dashboard: 'executive', amanah: 'tabuk', range: tabukH1, granularity: 'HIJRI_MONTH', compare: 'NONE', lang: 'en', digits: 'latn', calendar: 'hijri',
    });
    const trend = (await readXlsxFile(await renderReportXlsx(hijriMonths))).find((sheet) => sheet.data[1]![0] === 'Period' && sheet.data[1]![1] === 'Date')!;
    expect(trend).toBeDefined();
    const rows = trend.data.slice(2);
    expect(rows.length).toBeGreaterThan(5);
    // Each row: its Hijri month's name, then the Gregorian day it starts on and that day in Hijri; past the first
    // (the range starts on 1 January 2024, 19 Jumada II 1445), a month's first.
    for (const row of rows) expect(row[0]).toMatch(/^[A-Z][A-Za-zʻʼ‘’ .-]+ 144[56] AH$/);
    for (const row of rows.slice(1)) expect(String(row[2])).toMatch(/^144[56]-\d{2}-01$/);
    expect(rows.map((row) => row[0]).slice(0, 2)).toEqual(['Jumada II 1445 AH', 'Rajab 1445 AH']);
    expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length);

    // The same view in the Gregorian calendar has no such column.
    const gregorian = await buildDashboardReport(analytics, everyone, { dashboard: 'executive', amanah: 'tabuk', range: tabukH1, compare: 'NONE', lang: 'en' });
    const sheetsG = await readXlsxFile(await renderReportXlsx(gregorian));
    expect(sheetsG.some((sheet) => sheet.data[1]![0] === 'Period')).toBe(false);
  }, 60_000);
});

describe('scope', () => {
  const tabukKey: Caller = { keyId: 'tabuk-key', label: 'tabuk', role: 'viewer', amanahs: ['tabuk'] };

  it('refuses another amanah to a scoped key, and names its own amanah when none is asked', async () => {
    await expect(buildDashboardReport(analytics, tabukKey, { dashboard: 'executive', amanah: 'jeddah', range: tabukH1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const own = await buildDashboardReport(analytics, tabukKey, { dashboard: 'executive', range: tabukH1, lang: 'en' });
    expect(own.context.amanah.name.en).toBe('Tabuk Region Municipality');
  });

  it('refuses bad views with the argument at fault', async () => {
    await expect(buildDashboardReport(analytics, everyone, { dashboard: 'nope', range: tabukH1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(buildDashboardReport(analytics, everyone, { dashboard: 'executive', range: { from: '2024-13-01', to: '2024-06-30' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(buildDashboardReport(analytics, everyone, { dashboard: 'executive', range: tabukH1, lang: 'fr' as 'ar' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lang' });
  });
});

describe('a certified fact sheet', () => {
  it('says it is certified, with its id, the comparison period and the locked values; other amanahs’ keys do not find it', async () => {
    const sheet = await press.lock('Tabuk H1 2024', {
      amanah: 'tabuk', range: tabukH1, metrics: ['office.visits'], compare: 'SAME_PERIOD_LAST_YEAR', lang: 'AR', precision: 'AUTO', digits: 'LATN',
    }, everyone);
    const report = await buildFactSheetReport(press, everyone, sheet.id, { lang: 'en' });
    expect(report.context).toMatchObject({
      kind: 'fact-sheet', id: sheet.id, amanah: { ids: ['tabuk'] }, range: tabukH1, previousRange: { from: '2023-01-01', to: '2023-06-30' },
      certified: { lockedBy: 'reports test', restatedCount: 0 },
    });
    expect(report.sections[0]!.card).toMatchObject({ value: 7, previous: 3 });
    const about = (await readXlsxFile(await renderReportXlsx(report)))[0]!.data;
    expect(about.find((row) => row[0] === 'Certified fact sheet id')![1]).toBe(sheet.id);
    const jeddahPress: Caller = { keyId: 'jeddah-press', label: 'jeddah', role: 'press', amanahs: ['jeddah'] };
    await expect(buildFactSheetReport(press, jeddahPress, sheet.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
