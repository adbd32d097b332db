import { Controller, Get, Inject, Param, Query, Req, Res, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DIMENSION_IDS } from '@amanah/metrics';
import { AccessOperation, AuditLog, callerOf } from '@amanah/access';
import { AnalyticsError, AnalyticsService, PressService } from '@amanah/analytics';
import {
  buildDashboardReport, buildFactSheetReport, PdfRenderer, renderReportPdf, renderReportXlsx, reportFileName, type Report, type ReportView,
} from '@amanah/reports';

export const PDF_RENDERER = Symbol('PdfRenderer');

const FILE = /^(?<id>[A-Za-z0-9][A-Za-z0-9_-]{0,99})\.(?<format>pdf|xlsx)$/;
const CONTENT_TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const one = z.string().min(1).max(100);
const prefs = { lang: one.optional(), digits: one.optional(), calendar: one.optional() };
const FILTER_PARAMS = DIMENSION_IDS.filter((d) => d !== 'amanah').map((d) => `f.${d}`);
const dashboardQuery = z.object({
  amanah: one.optional(), from: one.optional(), to: one.optional(), preset: one.optional(), compare: one.optional(), granularity: one.optional(), ...prefs,
  hijriYear: z.string().regex(/^\d{4}$/, 'hijriYear is a Hijri year, e.g. 1445').transform(Number).optional(),
  ...Object.fromEntries(FILTER_PARAMS.map((name) => [name, z.string().min(1).max(2000).optional()])),
}).strict();
const factSheetQuery = z.object(prefs).strict();

/**
 * `GET /api/export/dashboard/<id>.pdf|.xlsx?amanah=&f.<dimension>=a,b&from=&to=|preset=[&hijriYear=]&compare=&granularity=&lang=&digits=&calendar=`
 * and `GET /api/export/fact-sheet/<id>.pdf|.xlsx?lang=&digits=&calendar=`: a dashboard view (operation `read`) or a
 * certified fact sheet (`press`) as a file, for the caller's key or session and within its amanahs. Parsing here,
 * everything else in @amanah/reports; its queries are priced and charged like GraphQL's (the request's work
 * context), and PDFs wait for one of the renderer's few chromium pages or are refused with 429.
 */
@Controller('api/export')
export class ExportController implements OnModuleDestroy {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly press: PressService,
    @Inject(PDF_RENDERER) private readonly renderer: PdfRenderer,
    private readonly audit: AuditLog,
  ) {}

  @Get('dashboard/:file')
  @AccessOperation('read')
  async dashboard(@Param('file') file: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { id, format } = fileOf(file, 'dashboard');
    const q = parse(dashboardQuery, query);
    if (q.preset && (q.from || q.to)) throw new AnalyticsError('BAD_USER_INPUT', 'range: give either a preset or from/to, not both', 'range');
    if (q.hijriYear !== undefined && !q.preset) throw new AnalyticsError('BAD_USER_INPUT', 'range: hijriYear goes with a season preset', 'range');
    if (!q.preset && (q.from === undefined) !== (q.to === undefined)) throw new AnalyticsError('BAD_USER_INPUT', 'range: give both from and to (YYYY-MM-DD)', 'range');
    const view = {
      dashboard: id, amanah: q.amanah, compare: q.compare, granularity: q.granularity, lang: q.lang, digits: q.digits, calendar: q.calendar,
      range: q.preset ? { preset: q.preset, ...(q.hijriYear === undefined ? {} : { hijriYear: q.hijriYear }) } : q.from && q.to ? { from: q.from, to: q.to } : undefined,
      filters: filtersOf(q as Record<string, string | undefined>),
    } as ReportView;
    const caller = callerOf(req);
    await send(res, await buildDashboardReport(this.analytics, caller, view), format, this.renderer, caller.keyId);
    this.audit.record({ actor: caller, action: 'exported', objectType: 'dashboard', objectId: id, outcome: 'ok', detail: `${format}, amanah ${q.amanah ?? 'all'}` });
  }

  @Get('fact-sheet/:file')
  @AccessOperation('press')
  async factSheet(@Param('file') file: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { id, format } = fileOf(file, 'fact sheet');
    const q = parse(factSheetQuery, query);
    const caller = callerOf(req);
    const report = await buildFactSheetReport(this.press, caller, id, q as Parameters<typeof buildFactSheetReport>[3]);
    await send(res, report, format, this.renderer, caller.keyId);
    this.audit.record({ actor: caller, action: 'exported', objectType: 'fact_sheet', objectId: id, outcome: 'ok', detail: format });
  }

  async onModuleDestroy(): Promise<void> {
    await this.renderer.close();
  }
}

/** The dashboard's `f.<dimension>=a,b` parameters as filters (the same as the web's URL). */
function filtersOf(query: Record<string, string | undefined>): { dimension: string; values: string[] }[] {
  return FILTER_PARAMS.flatMap((name) => {
    const values = (query[name] ?? '').split(',').filter((v) => v !== '');
    return values.length > 0 ? [{ dimension: name.slice(2), values }] : [];
  });
}

function fileOf(file: string, what: string): { id: string; format: 'pdf' | 'xlsx' } {
  const match = FILE.exec(file);
  if (!match) throw new AnalyticsError('BAD_USER_INPUT', `Ask for a ${what} as <id>.pdf or <id>.xlsx, not "${file.slice(0, 120)}".`, 'format', ['pdf', 'xlsx']);
  return { id: match.groups!.id!, format: match.groups!.format as 'pdf' | 'xlsx' };
}

function parse<T>(schema: z.ZodType<T>, query: unknown): T {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const argument = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined);
  const message = issue.code === 'unrecognized_keys' ? `Unknown query parameter(s): ${issue.keys.join(', ')}` : `${argument}: ${issue.code === 'invalid_type' ? 'give it once, as text' : issue.message}`;
  throw new AnalyticsError('BAD_USER_INPUT', message, argument);
}

async function send(res: Response, report: Report, format: 'pdf' | 'xlsx', renderer: PdfRenderer, owner: string): Promise<void> {
  const body = format === 'pdf' ? await renderReportPdf(report, { renderer, owner }) : await renderReportXlsx(report);
  res
    .status(200)
    .setHeader('Content-Type', CONTENT_TYPES[format])
    .setHeader('Content-Disposition', `attachment; filename="${reportFileName(report.context, format)}"`)
    .setHeader('Cache-Control', 'private, no-store')
    .end(body);
}
