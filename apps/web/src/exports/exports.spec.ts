import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { sheetNames, workbookSheets } from './xlsx.js';

const table = {
  columns: [
    { key: 'member', label: 'البند', kind: 'text' as const },
    { key: 'value', label: 'القيمة', kind: 'number' as const },
  ],
  rows: [{ member: 'مركز "940", الرياض', value: 1733.5 }, { member: 'بلدي', value: null }],
};

describe('exports', () => {
  it('writes CSV with quoting, raw numbers and empty cells for missing values', () => {
    expect(toCsv(table)).toBe('\uFEFFالبند,القيمة\r\n"مركز ""940"", الرياض",1733.5\r\nبلدي,\r\n');
  });

  it('names sheets within Excel’s rules, unique and at most 31 characters', () => {
    expect(sheetNames(['Visits: by channel', 'Visits: by channel', 'x'.repeat(40), ''])).toEqual([
      'Visits  by channel', 'Visits  by channel 2', 'x'.repeat(31), 'Sheet',
    ]);
  });

  it('stores numbers as numbers and headers as bold text, right-to-left in Arabic', () => {
    const [sheet] = workbookSheets([{ name: 'زيارات', table }], true);
    expect(sheet!.rightToLeft).toBe(true);
    expect(sheet!.data[0]).toEqual([{ value: 'البند', fontWeight: 'bold' }, { value: 'القيمة', fontWeight: 'bold' }]);
    expect(sheet!.data[1]).toEqual([{ value: 'مركز "940", الرياض', type: String }, { value: 1733.5, type: Number }]);
    expect(sheet!.data[2]).toEqual([{ value: 'بلدي', type: String }, null]);
  });
});
