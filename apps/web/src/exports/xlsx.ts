import type { WidgetTable } from '@amanah/web-ui';

export interface WorkbookSheet {
  name: string;
  table: WidgetTable;
}

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetNames(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * The sheets as write-excel-file wants them: a bold header row, then numbers stored as numbers (Excel shows them in
 * its own locale's digits) and dates as text YYYY-MM-DD. Right-to-left sheets when the UI is Arabic.
 */
export function workbookSheets(sheets: readonly WorkbookSheet[], rightToLeft: boolean) {
  const names = sheetNames(sheets.map((s) => s.name));
  return sheets.map((sheet, i) => ({
    sheet: names[i]!,
    rightToLeft,
    stickyRowsCount: 1,
    columns: sheet.table.columns.map((c) => ({ width: c.kind === 'text' ? 28 : 16 })),
    data: [
      sheet.table.columns.map((c) => ({ value: c.label, fontWeight: 'bold' as const })),
      ...sheet.table.rows.map((row) =>
        sheet.table.columns.map((c) => {
          const value = row[c.key];
          if (value === null || value === undefined) return null;
          return typeof value === 'number' ? { value, type: Number } : { value: String(value), type: String };
        }),
      ),
    ],
  }));
}

/** The whole dashboard as one workbook; write-excel-file loads on first use. */
export async function downloadXlsx(sheets: readonly WorkbookSheet[], fileName: string, rightToLeft: boolean): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  // The library's overloads cannot tell our sheet array from a single sheet's rows; the shape is its Sheet type.
  await (writeXlsxFile as unknown as (sheets: unknown) => { toFile: (name: string) => Promise<void> })(workbookSheets(sheets, rightToLeft)).toFile(fileName);
}
