import type { ReportContext } from './report.js';

/**
 * A file name that says what the file is, in Latin letters so that every mail client and file system keeps it:
 * `executive_tabuk_2024-01-01_2024-06-30.xlsx`, `fact-sheet_<id>_tabuk_….pdf`.
 */
export function reportFileName(context: ReportContext, extension: 'pdf' | 'xlsx'): string {
  const amanah = context.amanah.ids === 'all' ? 'all-amanahs' : context.amanah.ids.length > 3 ? `${context.amanah.ids.length}-amanahs` : context.amanah.ids.join('+');
  const what = context.kind === 'fact-sheet' ? `fact-sheet_${context.id}` : context.id;
  return `${what}_${amanah}_${context.range.from}_${context.range.to}.${extension}`.replace(/[^A-Za-z0-9._+-]/g, '-');
}
