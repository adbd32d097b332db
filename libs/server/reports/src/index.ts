export { buildDashboardReport } from './dashboard-report.js';
export { buildFactSheetReport } from './fact-sheet-report.js';
export { contextLines, scopeLine, type ContextLine } from './context-lines.js';
export { reportFileName } from './file-name.js';
export { reportHtml, type ReportHtml } from './html.js';
export { PdfRenderer, renderReportPdf, sharedPdfRenderer, type PdfRendererOptions } from './pdf.js';
export {
  reportPrefsSchema, reportViewSchema, type Report, type ReportCard, type ReportCell, type ReportColumn, type ReportContext, type ReportMetric,
  type ReportPrefs, type ReportSection, type ReportTable, type ReportView,
} from './report.js';
export { renderReportXlsx } from './xlsx.js';
