import { formatDateTime, formatInstant, formatNumber, formatRange } from './format.js';
import type { ReportContext } from './report.js';
import { wordsOf, type Word } from './words.js';

/** One line of the context block: a label and its value as the reader reads it. */
export interface ContextLine {
  key: Word;
  label: string;
  value: string;
}

/**
 * What an export says about itself, in the reader's language, digits and calendar: the amanah, the period in both
 * calendars, the comparison, as-of, data version, generation time and, for a certified sheet, its id. The workbook's
 * about sheet, the PDF's header and its first page read these lines.
 */
export function contextLines(context: ReportContext): ContextLine[] {
  const { prefs } = context;
  const w = wordsOf(prefs.lang);
  const line = (key: Word, value: string): ContextLine => ({ key, label: w[key], value });
  const gregorian = line('period', formatRange(context.range, prefs, 'gregory'));
  const hijri = line('periodHijri', formatRange(context.range, prefs, 'hijri'));
  const lines = [
    line('amanah', context.amanah.name[prefs.lang]),
    ...(context.filters ? [line('filters', context.filters[prefs.lang])] : []),
    ...(prefs.calendar === 'hijri' ? [hijri, gregorian] : [gregorian, hijri]),
    line('comparedWith', context.previousRange ? formatRange(context.previousRange, prefs) : w.noComparison),
    line('asOf', context.asOf ? formatDateTime(context.asOf, prefs) : w.noData),
    line('lastUpload', context.lastUploadAt ? formatInstant(context.lastUploadAt, prefs) : w.noData),
    line('dataVersion', formatNumber(context.dataVersion, prefs)),
    line('generatedAt', formatInstant(context.generatedAt, prefs)),
  ];
  if (context.kind === 'fact-sheet' && context.certified) {
    lines.push(line('factSheetId', context.id), line('lockedAt', formatDateTime(context.certified.lockedAt, prefs)), line('lockedBy', context.certified.lockedBy));
    if (context.certified.restatedCount > 0) lines.push(line('restated', formatNumber(context.certified.restatedCount, prefs)));
  }
  return lines;
}

/** The one-line scope for headers and sheet title rows: amanah · filters · period · as of · last upload. */
export function scopeLine(context: ReportContext): string {
  const { prefs } = context;
  const w = wordsOf(prefs.lang);
  return [
    context.amanah.name[prefs.lang],
    ...(context.filters ? [context.filters[prefs.lang]] : []),
    formatRange(context.range, prefs),
    `${w.asOf} ${context.asOf ? formatDateTime(context.asOf, prefs) : w.noData}`,
    ...(context.lastUploadAt ? [`${w.lastUpload} ${formatInstant(context.lastUploadAt, prefs)}`] : []),
  ].join(' · ');
}
