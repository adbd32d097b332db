import type { Caller } from '@amanah/access';
import type { AnalyticsService, PressService } from '@amanah/analytics';
import {
  buildDashboardReport, buildFactSheetReport, renderReportPdf, renderReportXlsx, reportFileName, type PdfRenderer, type ReportPrefs,
} from '@amanah/reports';
import type { StoredView } from './delivery-store.js';
import type { MailAttachment } from './mailer.js';
import type { ReportAttachments, ReportRequest } from './report-mail.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The report's files, from @amanah/reports: the dashboard view (or the certified fact sheet) as A4 PDF and as XLSX,
 * built with the subscription creator's scope, in the subscription's language and digits. A file that cannot be
 * made fails the attempt (retried later): a report goes out whole or not at all.
 */
export function reportFiles(services: { analytics: AnalyticsService; press: PressService; renderer?: PdfRenderer }): ReportAttachments {
  return {
    async attachments(request: ReportRequest, caller: Caller): Promise<MailAttachment[]> {
      const prefs: ReportPrefs = { lang: request.lang === 'AR' ? 'ar' : 'en', digits: request.digits === 'ARAB' ? 'arab' : 'latn', calendar: 'gregory' };
      const { preset, hijriYear } = request.range as StoredView;
      const range = request.range.from && request.range.to ? { from: request.range.from, to: request.range.to } : { preset: preset!, ...(hijriYear == null ? {} : { hijriYear }) };
      const report = request.factSheet
        ? await buildFactSheetReport(services.press, caller, request.factSheet, prefs)
        : await buildDashboardReport(services.analytics, caller, { dashboard: request.dashboard!, amanah: request.amanah, range, compare: request.compare, ...prefs });
      const [pdf, xlsx] = await Promise.all([renderReportPdf(report, { renderer: services.renderer, owner: `delivery:${caller.keyId}` }), renderReportXlsx(report)]);
      return [
        { filename: reportFileName(report.context, 'pdf'), content: pdf, contentType: 'application/pdf' },
        { filename: reportFileName(report.context, 'xlsx'), content: xlsx, contentType: XLSX },
      ];
    },
  };
}
