import { describe, expect, it } from 'vitest';
import { exportFileStem, printCss, scopeLine, type ExportContext } from './context.js';
import { toCsv } from './csv.js';
import { pngTexts, withPngText } from './png.js';
import { exportQuery } from './server-files.js';

const table = {
  columns: [
    { key: 'member', label: 'البند', kind: 'text' as const },
    { key: 'value', label: 'القيمة', kind: 'number' as const },
  ],
  rows: [{ member: 'مركز "940", الرياض', value: 1733.5 }, { member: 'بلدي', value: null }],
};

const tabuk: ExportContext = {
  page: 'executive', title: 'لوحة القيادة التنفيذية', amanah: 'tabuk', range: { from: '2024-01-01', to: '2024-06-30' },
  asOf: '2024-06-30 23:10:00', prefs: { lang: 'ar', digits: 'latn', calendar: 'gregory' },
};

describe('exports', () => {
  it('writes CSV with quoting, raw numbers and empty cells for missing values', () => {
    expect(toCsv(table)).toBe('\uFEFFالبند,القيمة\r\n"مركز ""940"", الرياض",1733.5\r\nبلدي,\r\n');
  });

  it('puts the Hijri date beside every ISO date of a CSV', () => {
    const trend = { columns: [{ key: 'date', label: 'Date', kind: 'date' as const }, { key: 'l0', label: 'Visits', kind: 'metric' as const }], rows: [{ date: '2024-06-30', l0: 5 }] };
    expect(toCsv(trend, 'en')).toBe('\uFEFFDate,Date (Hijri),Visits\r\n2024-06-30,1445-12-24,5\r\n');
  });

  it('names files by page, amanah and period, and says the scope in one line', () => {
    expect(exportFileStem(tabuk, 'office-visits')).toBe('executive_office-visits_tabuk_2024-01-01_2024-06-30_asof-2024-06-30');
    expect(exportFileStem({ ...tabuk, amanah: null, asOf: null })).toBe('executive_all-amanahs_2024-01-01_2024-06-30');
    expect(scopeLine(tabuk)).toMatch(/^أمانة منطقة تبوك · .*2024.* · البيانات حتى 30 يونيو 2024/);
    expect(scopeLine({ ...tabuk, amanah: null, prefs: { lang: 'en', digits: 'latn', calendar: 'gregory' } })).toMatch(/^All amanahs · /);
  });

  it('prints the scope at the top of every page and page numbers in the reader’s digits', () => {
    const css = printCss({ ...tabuk, prefs: { lang: 'ar', digits: 'arab', calendar: 'hijri' } });
    expect(css).toContain('@top-left { content: "أمانة منطقة تبوك');
    expect(css).toContain('counter(page, arabic-indic)');
    expect(css).toContain('counter(pages, arabic-indic)');
    expect(printCss({ ...tabuk, title: 'say "hi"' })).toContain('content: "say \\"hi\\""');
  });

  it('keeps a PNG’s scope in iTXt chunks, in UTF-8', () => {
    // The smallest valid PNG: signature, IHDR 1×1, IDAT, IEND.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const tagged = withPngText(png, { Title: 'زيارات المراجعين', Description: scopeLine(tabuk) });
    expect(pngTexts(tagged)).toEqual({ Title: 'زيارات المراجعين', Description: scopeLine(tabuk) });
    expect(tagged.subarray(tagged.length - 12)).toEqual(png.subarray(png.length - 12)); // still ends with IEND
  });

  it('asks the export endpoint for the view on screen', () => {
    const view = { amanah: 'tabuk', filters: [], preset: 'last_year' as const, from: '2024-01-01', to: '2024-06-30', compare: 'SAME_PERIOD_LAST_YEAR' as const, granularity: 'MONTH' as const, lang: 'ar' as const, digits: 'arab' as const, calendar: 'hijri' as const };
    expect(exportQuery(view).toString()).toBe('amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR&granularity=MONTH&lang=ar&digits=arab&calendar=hijri');
    expect(exportQuery({ ...view, amanah: null, from: null, to: null }).get('preset')).toBe('last_year');
    expect(exportQuery({ ...view, filters: [{ dimension: 'channel', values: ['portal', 'balady'] }] }).get('f.channel')).toBe('portal,balady');
  });
});
