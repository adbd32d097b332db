import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import type { PdfRenderer } from '@amanah/reports';
import { pdfLines } from '@amanah/reports/testing';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';
import { PDF_RENDERER } from './export.controller.js';

// The export endpoints over real HTTP on the seeded demo, with real keys: the files carry the amanah, the period and
// the as-of, their numbers are the API's GraphQL answers, and a scoped key never gets another amanah's figures.
let store: SeededTestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
}, 180_000);
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const tabukH1 = { from: '2024-01-01', to: '2024-06-30' };
const artifacts = fileURLToPath(new URL('../../../../tmp/reports/', import.meta.url));

function exportUrl(path: string, query: Record<string, string> = {}): string {
  return `${api.url}/api/export/${path}?${new URLSearchParams(query)}`;
}

async function get(path: string, query: Record<string, string> = {}, key: string | null = ADMIN_KEY) {
  const response = await fetch(exportUrl(path, query), { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) };
}

/** Each KPI widget's value as GraphQL answers it for the same view. */
async function kpiValues(amanah: string, key = ADMIN_KEY, others: object[] = []): Promise<Map<string, number | null>> {
  const { data, errors } = await api.graphql(
    `query($range: DateRangeInput!, $filters: [FilterInput!]) { dashboard(id: "executive") { widgets { id kpi(range: $range, filters: $filters, compare: SAME_PERIOD_LAST_YEAR) { value } } } }`,
    { range: tabukH1, filters: [{ dimension: 'amanah', values: [amanah] }, ...others] },
    key,
  );
  expect(errors).toBeUndefined();
  return new Map(data!.dashboard.widgets.filter((w: { kpi: unknown }) => w.kpi).map((w: { id: string; kpi: { value: number | null } }) => [w.id, w.kpi.value]));
}

const tabukView = { amanah: 'tabuk', from: tabukH1.from, to: tabukH1.to, compare: 'SAME_PERIOD_LAST_YEAR', lang: 'ar' };

describe('GET /api/export/dashboard/<id>.xlsx', () => {
  it('answers a workbook of the view whose about sheet names Tabuk, the period and the as-of, with the API numbers', async () => {
    const response = await get('dashboard/executive.xlsx', tabukView);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="executive_tabuk_2024-01-01_2024-06-30.xlsx"');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(`${artifacts}/api-executive-tabuk.xlsx`, response.body);

    const sheets = await readXlsxFile(response.body);
    const about = sheets[0]!.data;
    expect(about.flat().join(' ')).toContain('أمانة منطقة تبوك');
    expect(about.find((row) => row[0] === 'الفترة')!.slice(2, 4)).toEqual([new Date('2024-01-01T00:00:00Z'), new Date('2024-06-30T00:00:00Z')]);
    expect(String(about.find((row) => row[0] === 'البيانات حتى')![1])).toContain('2024');

    const expected = await kpiValues('tabuk');
    expect(expected.size).toBeGreaterThan(3);
    const byTitle = new Map(sheets.slice(1).map((s) => [s, s.data]));
    let compared = 0;
    for (const [sheet, data] of byTitle) {
      expect(String(data[0]![0])).toContain('تبوك');
      const header = data[1]!.map(String);
      if (header[3] !== 'القيمة' || header.length < 9) continue; // KPI sheets: metric, from, to, value, …
      const value = data[2]![3] as number;
      const match = [...expected.values()].some((v) => v !== null && (Math.abs(v - value) < 1e-6 || Math.abs(v / 100 - value) < 5e-5));
      expect(match, `${sheet.sheet}: ${value}`).toBe(true);
      compared++;
    }
    expect(compared).toBe(expected.size);
    expect([...expected.values()]).toContain(1733);
  });
});

describe('GET /api/export/dashboard/<id>.pdf', () => {
  it('takes the dashboard’s dimension filters (f.channel=portal): the about sheet names them, each KPI is the API’s for that view', async () => {
    const response = await get('dashboard/executive.xlsx', { ...tabukView, 'f.channel': 'portal' });
    expect(response.status).toBe(200);
    const sheets = await readXlsxFile(response.body);
    expect(sheets[0]!.data.find((row) => row[0] === 'عوامل التصفية')![1]).toBe('القناة: البوابة الإلكترونية');
    // Requests by channel narrow; office visits have no channel, so stay as they were (Widget.unappliedFilters).
    const expected = await kpiValues('tabuk', ADMIN_KEY, [{ dimension: 'channel', values: ['portal'] }]);
    const unfiltered = await kpiValues('tabuk');
    expect(expected.get('service-requests')).toBeLessThan(unfiltered.get('service-requests')!);
    expect(expected.get('office-visits')).toBe(unfiltered.get('office-visits'));
    const values = sheets.slice(1).filter((s) => String(s.data[1]![3]) === 'القيمة' && s.data[1]!.length >= 9).map((s) => s.data[2]![3] as number);
    expect(values).toHaveLength(expected.size);
    for (const value of values) {
      expect([...expected.values()].some((v) => v !== null && (Math.abs(v - value) < 1e-6 || Math.abs(v / 100 - value) < 5e-5)), String(value)).toBe(true);
    }
    expect(values).toContain(expected.get('service-requests'));
    expect(values).not.toContain(unfiltered.get('service-requests'));
    expect((await get('dashboard/executive.xlsx', { ...tabukView, 'f.colour': 'red' })).status).toBe(422);
  });

  it('answers an A4 PDF whose text carries the amanah in Arabic, in reading order, and the API’s KPI values', async () => {
    const response = await get('dashboard/executive.pdf', tabukView);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    fs.writeFileSync(`${artifacts}/api-executive-tabuk.pdf`, response.body);
    const lines = await pdfLines(response.body);
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toContain('أمانة منطقة تبوك');
    expect(text).not.toContain('كوبت');
    const visits = (await kpiValues('tabuk')).get('office-visits') ?? 1733;
    expect(visits).toBe(1733);
    expect(text).toContain(visits.toLocaleString('en-US'));
  }, 60_000);

  it('follows the reader: English, Arabic-Indic digits and the Hijri calendar', async () => {
    const response = await get('dashboard/executive.pdf', { ...tabukView, lang: 'en', digits: 'arab', calendar: 'hijri' });
    expect(response.status).toBe(200);
    const text = (await pdfLines(response.body)).map((l) => l.text).join('\n');
    expect(text).toContain('Tabuk Region Municipality');
    expect(text).toContain('١٬٧٣٣'); // 1,733 in Arabic-Indic digits
    expect(text).toMatch(/AH/); // Hijri dates
  }, 60_000);
});

describe('a season of a chosen Hijri year', () => {
  it('exports Ramadan 1445 (preset=ramadan&hijriYear=1445) for a Hijri reader: its days in the name, its Hijri period first', async () => {
    const response = await get('dashboard/executive.xlsx', { amanah: 'tabuk', preset: 'ramadan', hijriYear: '1445', lang: 'en', calendar: 'hijri' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="executive_tabuk_2024-03-11_2024-04-09.xlsx"');
    const about = (await readXlsxFile(response.body))[0]!.data;
    // Intl puts thin spaces around the range's dash: compared as plain spaces.
    expect(about.filter((row) => String(row[0]).startsWith('Period')).map((row) => row.slice(0, 2).map((v) => String(v).replace(/\s/g, ' ')))).toEqual([
      ['Period (Hijri)', '1–30 Ramadan 1445 AH'],
      ['Period', '11 March – 9 April 2024'],
    ]);
    // The year goes with a season preset only, and the season must have begun by the API's today.
    expect((await get('dashboard/executive.xlsx', { amanah: 'tabuk', from: '2024-01-01', to: '2024-01-31', hijriYear: '1445' })).json()).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'range' });
    expect((await get('dashboard/executive.xlsx', { amanah: 'tabuk', preset: 'last_year', hijriYear: '1445' })).status).toBe(422);
    expect((await get('dashboard/executive.xlsx', { amanah: 'tabuk', preset: 'ramadan', hijriYear: '1447' })).status).toBe(422);
    expect((await get('dashboard/executive.xlsx', { amanah: 'tabuk', preset: 'ramadan', hijriYear: 'soon' })).status).toBe(422);
  });
});

describe('keys and scopes', () => {
  it('refuses no key (401), a key that may not read (403), another amanah (403) and names the caller’s own amanah', async () => {
    expect((await get('dashboard/executive.xlsx', tabukView, null)).status).toBe(401);
    expect((await get('dashboard/executive.xlsx', tabukView, await api.key('ingest', ['tabuk']))).status).toBe(403);

    const jeddah = await api.key('viewer', ['jeddah']);
    const refused = await get('dashboard/executive.xlsx', tabukView, jeddah);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', argument: 'amanah' });

    const own = await get('dashboard/executive.xlsx', { from: tabukH1.from, to: tabukH1.to, compare: 'SAME_PERIOD_LAST_YEAR', lang: 'en' }, jeddah);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('executive_jeddah_');
    const sheets = await readXlsxFile(own.body);
    const aboutText = sheets[0]!.data.flat().join(' ');
    expect(aboutText).toContain('Jeddah');
    expect(aboutText).not.toContain('All amanahs');
    // The KPI values are Jeddah's, not the kingdom's.
    const jeddahValues = [...(await kpiValues('jeddah')).values()];
    const visitsSheet = sheets.find((s) => String(s.data[0]![0]).startsWith('In-person visits'))!;
    expect(jeddahValues).toContain(visitsSheet.data[2]![3]);
  });

  it('answers bad requests with 422 and the parameter at fault', async () => {
    const badLang = await get('dashboard/executive.xlsx', { ...tabukView, lang: 'fr' });
    expect(badLang.status).toBe(422);
    expect(badLang.json()).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lang' });
    expect((await get('dashboard/executive.xlsx', { ...tabukView, colour: 'red' })).json()).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('colour') });
    expect((await get('dashboard/executive.docx', tabukView)).json()).toMatchObject({ code: 'BAD_USER_INPUT', allowed: ['pdf', 'xlsx'] });
    expect((await get('dashboard/executive.xlsx', { ...tabukView, from: '2024-02-30' })).status).toBe(422);
    expect((await get('dashboard/executive.xlsx', { ...tabukView, amanah: 'atlantis' })).json()).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'amanah' });
    const missing = await get('dashboard/nope.pdf', tabukView);
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('GET /api/export/fact-sheet/<id>.pdf', () => {
  it('prints a certified sheet with its id for press keys of its amanah only', async () => {
    const { data, errors } = await api.graphql(
      `mutation($range: DateRangeInput!) { lockFactSheet(title: "Tabuk H1 2024", amanah: "tabuk", range: $range, metrics: ["office.visits"], compare: SAME_PERIOD_LAST_YEAR) { id figures { lockedValue } } }`,
      { range: tabukH1 },
    );
    expect(errors).toBeUndefined();
    const { id, figures } = data!.lockFactSheet as { id: string; figures: Array<{ lockedValue: number }> };

    const response = await get(`fact-sheet/${id}.pdf`, { lang: 'ar' });
    expect(response.status).toBe(200);
    fs.writeFileSync(`${artifacts}/api-fact-sheet-tabuk.pdf`, response.body);
    const text = (await pdfLines(response.body)).map((l) => l.text).join('\n');
    expect(text).toContain(id);
    expect(text).toContain('أمانة منطقة تبوك');
    expect(text).toContain(figures[0]!.lockedValue.toLocaleString('en-US'));

    const workbook = await readXlsxFile((await get(`fact-sheet/${id}.xlsx`, { lang: 'en' })).body);
    expect(workbook[0]!.data.flat()).toContain(id);

    expect((await get(`fact-sheet/${id}.pdf`, {}, await api.key('viewer', 'all'))).status).toBe(403);
    const otherAmanah = await get(`fact-sheet/${id}.pdf`, {}, await api.key('press', ['jeddah']));
    expect(otherAmanah.status).toBe(404);
  }, 60_000);
});

describe('bounded PDF work', () => {
  it('prints at most two pages at once and refuses a key’s third PDF with 429 rather than opening more', async () => {
    const renderer = api.app.get<PdfRenderer>(PDF_RENDERER);
    const key = await api.key('viewer', 'all');
    let most = 0;
    const watch = setInterval(() => { most = Math.max(most, renderer.load.active); }, 5);
    // The same view six times: the six requests share one computation of its figures (identical queries in flight
    // are coalesced), so they reach the renderer together, however busy the machine (six different views reached it
    // one by one on a loaded machine, and nothing was refused).
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('dashboard/executive.pdf', { ...tabukView, from: '2024-03-01', to: '2024-03-28' }, key)));
    clearInterval(watch);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.json()).toMatchObject({ code: 'OVERLOADED' });
    expect(most).toBeLessThanOrEqual(2);
  }, 120_000);
});
