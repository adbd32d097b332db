import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node';
import { contextLines, scopeLine } from './context-lines.js';
import { formatBucket, hijriIso } from './format.js';
import type { Report, ReportCell, ReportColumn, ReportSection } from './report.js';
import { wordsOf } from './words.js';

/**
 * The report as a workbook: an "about" sheet first (what the file is: amanah, period in both calendars, comparison,
 * as-of, data version, generation time, each metric's definition and source), then one sheet per section, each
 * opening with a title row that repeats its scope. Numbers are numbers (a percent as a fraction with a two-decimal
 * percent format), days are date cells, Hijri days text beside them; for a reader of the Hijri calendar each dated
 * row also opens with its period as that reader reads it ("Ramadan 1445 AH"). Right-to-left sheets in Arabic.
 */
export async function renderReportXlsx(report: Report): Promise<Buffer> {
  const { context } = report;
  const { lang } = context.prefs;
  const names = sheetNames([wordsOf(lang).about, ...report.sections.map((s) => s.title[lang])]);
  const sheets: Array<Sheet<Buffer>> = [
    { sheet: names[0]!, data: aboutSheet(report), rightToLeft: lang === 'ar', columns: [{ width: 34 }, { width: 60 }, { width: 40 }, { width: 28 }] },
    ...report.sections.map((section, i): Sheet<Buffer> => ({
      sheet: names[i + 1]!,
      data: sectionSheet(report, section),
      rightToLeft: lang === 'ar',
      stickyRowsCount: 2,
      columns: sheetColumns(report, section).map((c) => ({ width: c.kind === 'text' ? 30 : c.kind === 'date' || c.kind === 'hijri' ? 14 : 16 })),
    })),
  ];
  return writeXlsxFile(sheets, { fontFamily: 'Arial' }).toBuffer();
}

const bold = { fontWeight: 'bold' as const };
const text = (value: string, style: object = {}): Cell => ({ value, type: String, ...style });
const dateCell = (isoDate: string): Cell => ({ value: new Date(`${isoDate.slice(0, 10)}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' });

function aboutSheet(report: Report): Row[] {
  const { context } = report;
  const { lang } = context.prefs;
  const w = wordsOf(lang);
  const rows: Row[] = [
    [text(`${context.kind === 'fact-sheet' ? w.factSheet : w.report}: ${context.title[lang]}`, { ...bold, fontSize: 14, columnSpan: 4 }), null, null, null],
    [text(scopeLine(context), { columnSpan: 4 }), null, null, null],
    [],
    [text(w.field, bold), text(w.detail, bold), text(w.from, bold), text(w.to, bold)],
  ];
  for (const line of contextLines(context)) {
    const row: Row = [text(line.label), text(line.value)];
    if (line.key === 'period') row.push(dateCell(context.range.from), dateCell(context.range.to));
    if (line.key === 'periodHijri') row.push(text(hijriIso(context.range.from)), text(hijriIso(context.range.to)));
    if (line.key === 'comparedWith' && context.previousRange) row.push(dateCell(context.previousRange.from), dateCell(context.previousRange.to));
    if (line.key === 'asOf' && context.asOf) row.push(dateTimeCell(context.asOf));
    if (line.key === 'lastUpload' && context.lastUploadAt) {
      row.push({ value: new Date(context.lastUploadAt), type: Date, format: 'yyyy-mm-dd hh:mm:ss' }, text('UTC'));
    }
    if (line.key === 'dataVersion') row[1] = { value: context.dataVersion, type: Number };
    if (line.key === 'generatedAt') row.push({ value: new Date(context.generatedAt), type: Date, format: 'yyyy-mm-dd hh:mm:ss' }, text('UTC'));
    rows.push(row);
  }
  rows.push([], [text(w.metrics, { ...bold, fontSize: 12, columnSpan: 4 }), null, null, null]);
  rows.push([text(w.metric, bold), text(w.definition, bold), text(w.computation, bold), text(w.source, bold)]);
  for (const metric of context.metrics) {
    rows.push([
      text(metric.label[lang]),
      text(metric.description[lang], { wrap: true }),
      text(`${metric.definition}${metric.exact ? '' : ` (${w.approximate})`}`, { wrap: true }),
      text(metric.table ? `${metric.dataset} (${metric.table})` : metric.dataset),
    ]);
  }
  return rows;
}

/** An as-of time (Asia/Riyadh wall clock, "YYYY-MM-DD HH:MM:SS") as a date-time cell on that clock. */
function dateTimeCell(wallClock: string): Cell {
  if (wallClock.length === 10) return dateCell(wallClock);
  return { value: new Date(`${wallClock.replace(' ', 'T').slice(0, 19)}Z`), type: Date, format: 'yyyy-mm-dd hh:mm' };
}

function sectionSheet(report: Report, section: ReportSection): Row[] {
  const { lang } = report.context.prefs;
  const columns = sheetColumns(report, section);
  const span = Math.max(1, columns.length);
  const pad = (cell: Cell): Row => [cell, ...Array.from({ length: span - 1 }, () => null)];
  const { prefs } = report.context;
  return [
    pad(text(`${section.title[lang]} — ${scopeLine(report.context)}`, { ...bold, columnSpan: span })),
    columns.map((c) => text(c.label, bold)),
    ...section.table.rows.map((row) => columns.map((c) => {
      if (c.key !== PERIOD_KEY) return cell(row[c.key] ?? null, c, section);
      const date = row['date'];
      return typeof date === 'string' ? text(formatBucket(date, section.granularity, prefs)) : null;
    })),
  ];
}

const PERIOD_KEY = '__period';

/** The section's columns, led in the Hijri calendar by the period's label when its rows are dated. */
function sheetColumns(report: Report, section: ReportSection): ReportColumn[] {
  const { columns } = section.table;
  if (report.context.prefs.calendar !== 'hijri' || !columns.some((c) => c.key === 'date' && c.kind === 'date')) return columns;
  return [{ key: PERIOD_KEY, label: wordsOf(report.context.prefs.lang).period, kind: 'text' }, ...columns];
}

function cell(value: ReportCell, column: ReportColumn, section: ReportSection): Cell {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (column.kind === 'date') return dateCell(value);
    if (column.kind === 'hijri') return text(hijriIso(value));
    return text(value);
  }
  if (column.kind === 'percent' || (column.kind === 'metric' && section.unit === 'percent')) {
    // Percents are stored as Excel stores them, fractions, to four places: 94.83699… % is 0.9484, shown 94.84 %.
    return { value: Math.round(value * 100) / 10000, type: Number, format: '0.00%' };
  }
  if (column.kind === 'metric') {
    const decimals = section.decimals;
    return { value: Math.round(value * 10 ** Math.max(decimals, 6)) / 10 ** Math.max(decimals, 6), type: Number, format: decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
  }
  return { value, type: Number, format: Number.isInteger(value) ? '#,##0' : '#,##0.00' };
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
