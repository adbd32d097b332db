import type { WidgetTable } from '@amanah/web-ui';
import { downloadBlob } from './download.js';

/**
 * A table as CSV (RFC 4180): the header row in the UI's language, numbers exactly as the API sent them (Latin
 * digits, full precision: a CSV is data to compute with, digit shaping is for the screen), dates as YYYY-MM-DD.
 * A byte-order mark makes Excel read the Arabic headers as UTF-8.
 */
export function toCsv(table: WidgetTable): string {
  const cell = (value: string | number | null | undefined) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const lines = [table.columns.map((c) => cell(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(table: WidgetTable, fileName: string): void {
  downloadBlob(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileName);
}
