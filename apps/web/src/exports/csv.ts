import { toHijri } from '@amanah/calendar';
import type { Lang } from '@amanah/web-format';
import type { WidgetTable } from '@amanah/web-ui';
import { downloadBlob } from './download.js';

const HIJRI = { ar: 'هجري', en: 'Hijri' } as const;

/** An ISO day as its Umm al-Qura date, YYYY-MM-DD with Latin digits (data, not display). */
export function hijriIsoDate(date: string): string {
  const { year, month, day } = toHijri(date.slice(0, 10));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A table as CSV (RFC 4180): the header row in the UI's language, numbers exactly as the API sent them (Latin
 * digits, full precision: a CSV is data to compute with, digit shaping is for the screen), dates as YYYY-MM-DD with
 * their Hijri date in the next column. A plain table for machines: its scope is in the file name. A byte-order mark
 * makes Excel read the Arabic headers as UTF-8.
 */
export function toCsv(table: WidgetTable, lang: Lang = 'ar'): string {
  const cell = (value: string | number | null | undefined) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const columns = table.columns.flatMap((c) =>
    c.kind === 'date' ? [{ label: c.label, value: (row: WidgetTable['rows'][number]) => row[c.key] }, {
      label: `${c.label} (${HIJRI[lang]})`,
      value: (row: WidgetTable['rows'][number]) => (typeof row[c.key] === 'string' && row[c.key] ? hijriIsoDate(row[c.key] as string) : null),
    }] : [{ label: c.label, value: (row: WidgetTable['rows'][number]) => row[c.key] }],
  );
  const lines = [columns.map((c) => cell(c.label)).join(',')];
  for (const row of table.rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(table: WidgetTable, fileName: string, lang: Lang = 'ar'): void {
  downloadBlob(new Blob([toCsv(table, lang)], { type: 'text/csv;charset=utf-8' }), fileName);
}
