import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DATASETS } from '@amanah/domain';
import type { SourceRecord } from './formats.js';
import type { DatasetSchema } from './schema.js';

/**
 * XLSX bodies, read as they stream with exceljs's streaming reader: the first worksheet (or the one named by
 * `?sheet=`), its first row the header — field names, or their Arabic or English labels (FIELD_LABELS) — and every
 * other row a record whose `line` is its row number. Date cells become Riyadh local times (a spreadsheet has no time
 * zone: the wall time is taken as Riyadh's, as for text without an offset), dates `YYYY-MM-DD`; numbers, text and
 * booleans are passed on for the same validation as the other formats. `layout` tells the caller which sheet was
 * read and which column letter each field came from, to report problems by sheet, row and column.
 */
export interface XlsxLayout {
  sheet: string;
  columns: Map<string, string>;
}

/** Arabic and English column labels accepted in a spreadsheet's header, besides the field names themselves. */
const FIELD_LABELS: Record<string, { ar: string; en: string }> = {
  amanah: { ar: 'الأمانة', en: 'Amanah' },
  ts: { ar: 'الوقت', en: 'Time' },
  channel: { ar: 'القناة', en: 'Channel' },
  visitor_id: { ar: 'معرف الزائر', en: 'Visitor ID' },
  session_id: { ar: 'معرف الجلسة', en: 'Session ID' },
  page: { ar: 'الصفحة', en: 'Page' },
  device: { ar: 'الجهاز', en: 'Device' },
  source: { ar: 'المصدر', en: 'Source' },
  request_id: { ar: 'رقم الطلب', en: 'Request ID' },
  submitted_at: { ar: 'وقت التقديم', en: 'Submitted at' },
  service: { ar: 'الخدمة', en: 'Service' },
  status: { ar: 'الحالة', en: 'Status' },
  completed_at: { ar: 'وقت الإنجاز', en: 'Completed at' },
  license_id: { ar: 'رقم الرخصة', en: 'License ID' },
  issued_at: { ar: 'تاريخ الإصدار', en: 'Issued at' },
  license_type: { ar: 'نوع الرخصة', en: 'License type' },
  report_id: { ar: 'رقم البلاغ', en: 'Report ID' },
  received_at: { ar: 'وقت الاستلام', en: 'Received at' },
  city: { ar: 'المدينة', en: 'City' },
  category: { ar: 'التصنيف', en: 'Category' },
  priority: { ar: 'الأولوية', en: 'Priority' },
  resolved_at: { ar: 'وقت المعالجة', en: 'Resolved at' },
  sent_at: { ar: 'وقت الإرسال', en: 'Sent at' },
  kind: { ar: 'النوع', en: 'Kind' },
  count: { ar: 'العدد', en: 'Count' },
  day: { ar: 'اليوم', en: 'Day' },
  platform: { ar: 'المنصة', en: 'Platform' },
  followers: { ar: 'المتابعون', en: 'Followers' },
  impressions: { ar: 'مرات الظهور', en: 'Impressions' },
  views: { ar: 'المشاهدات', en: 'Views' },
  engagements: { ar: 'التفاعلات', en: 'Engagements' },
  posts: { ar: 'المنشورات', en: 'Posts' },
  office: { ar: 'المكتب', en: 'Office' },
  with_appointment: { ar: 'بموعد', en: 'With appointment' },
  ticket_id: { ar: 'رقم التذكرة', en: 'Ticket ID' },
  opened_at: { ar: 'وقت الفتح', en: 'Opened at' },
  archived_at: { ar: 'وقت الأرشفة', en: 'Archived at' },
  documents: { ar: 'الوثائق', en: 'Documents' },
  attachments: { ar: 'المرفقات', en: 'Attachments' },
  indicator: { ar: 'المؤشر', en: 'Indicator' },
  value: { ar: 'القيمة', en: 'Value' },
};

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export async function* xlsxRecords(input: Readable, schema: DatasetSchema, sheet: string | undefined, layout: XlsxLayout): AsyncIterable<SourceRecord[]> {
  const fields = DATASETS[schema.dataset].fields;
  const byHeader = new Map<string, string>();
  for (const field of fields) {
    byHeader.set(normalise(field.name), field.name);
    const label = FIELD_LABELS[field.name];
    if (label) {
      byHeader.set(normalise(label.ar), field.name);
      byHeader.set(normalise(label.en), field.name);
    }
  }
  const dates = new Set(fields.filter((field) => field.kind.type === 'date').map((field) => field.name));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit',
  });
  let chosen = false;
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      const take = !chosen && (sheet === undefined || name === sheet);
      if (!take) {
        for await (const row of worksheet) void row; // read past it: the zip streams in order
        continue;
      }
      chosen = true;
      found = true;
      layout.sheet = name;
      let header: Array<string | undefined> | undefined;
      let batch: SourceRecord[] = [];
      for await (const row of worksheet) {
        const values = (row as ExcelJS.Row).values as unknown[];
        if (!header) {
          const problems: SourceRecord[] = [];
          header = [];
          for (let column = 1; column < values.length; column++) {
            const text = cellText(values[column]);
            if (text === undefined || text === '') continue;
            const field = byHeader.get(normalise(text));
            if (!field) problems.push({ line: row.number, problem: { field: text, message: `unknown column "${text}" (${columnLetter(column)}1): use a field name of ${schema.dataset} or its Arabic or English label` } });
            else if (layout.columns.has(field)) problems.push({ line: row.number, problem: { field, message: `column ${field} is given twice (${layout.columns.get(field)}1 and ${columnLetter(column)}1)` } });
            else {
              header[column] = field;
              layout.columns.set(field, columnLetter(column));
            }
          }
          if (problems.length > 0) {
            yield problems;
            header = []; // no record can be read against a wrong header; the rest is read past
            continue;
          }
          continue;
        }
        if (header.length === 0) continue;
        const record: Record<string, unknown> = {};
        let empty = true;
        for (let column = 1; column < values.length; column++) {
          const field = header[column];
          if (!field) continue;
          const value = cellValue(values[column], dates.has(field));
          if (value === undefined) continue;
          record[field] = value;
          empty = false;
        }
        if (empty) continue; // a blank row
        batch.push({ line: row.number, record });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      if (!header) yield [{ line: 1, problem: { field: '', message: `sheet "${name}" has no header row` } }];
    }
  } catch (error) {
    if ((error as { name?: string }).name === 'PayloadTooLargeError' || (error as { cause?: { name?: string } }).cause?.name === 'PayloadTooLargeError') throw error;
    yield [{ line: 0, problem: { field: '', message: `not a readable XLSX workbook: ${(error as Error).message}` } }];
    input.resume();
    return;
  }
  if (!found) yield [{ line: 0, problem: { field: '', message: sheet === undefined ? 'the workbook has no sheet' : `the workbook has no sheet named "${sheet}"` } }];
}

/** The column letters of a 1-based column number: 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function cellText(value: unknown): string | undefined {
  const plain = cellValue(value, false);
  return plain === undefined ? undefined : String(plain);
}

/** A cell as the validator takes values: text, number, boolean, or a Riyadh local time / date for a date cell. */
function cellValue(value: unknown, dateOnly: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    // exceljs gives a date cell's wall time as the same wall time in UTC.
    const iso = value.toISOString();
    return dateOnly ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: string; result?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellValue(cell.result, dateOnly);
    if (cell.text !== undefined) return cell.text;
    if (cell.error) return cell.error;
    return undefined;
  }
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  return value;
}
