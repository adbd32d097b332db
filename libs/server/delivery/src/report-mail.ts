import type { Caller } from '@amanah/access';
import type { DashboardRegistry, FigureRequest, PressFigure, PressService } from '@amanah/analytics';
import { toHijri, type DateRange } from '@amanah/calendar';
import { AMANAHS, type Comparison } from '@amanah/domain';
import type { Mail, MailAttachment } from './mailer.js';
import type { StoredView } from './delivery-store.js';

/** A report as it is sent: which view, for whom, in which language and digits. */
export interface ReportRequest {
  dashboard: string | null;
  factSheet: string | null;
  amanah: string;
  range: StoredView | DateRange;
  compare: Comparison;
  lang: 'AR' | 'EN';
  digits: 'LATN' | 'ARAB';
  recipients: readonly string[];
}

/**
 * The files attached to a report (the dashboard or fact sheet as PDF and XLSX): @amanah/reports in the API. An
 * empty list sends the e-mail with its sentences alone.
 */
export interface ReportAttachments {
  attachments(request: ReportRequest, caller: Caller): Promise<MailAttachment[]>;
}

export const NO_ATTACHMENTS: ReportAttachments = { attachments: () => Promise.resolve([]) };

interface Heading {
  title: { ar: string; en: string };
  range: DateRange;
  sentences: string[];
  asOf: string | null;
  dataVersion: number;
}

/**
 * The report e-mail: subject naming the dashboard (or fact sheet), the amanah and the period; a body of the headline
 * KPIs as press sentences (PressService: the same figures, phrasing, change and direction as `pressFigures`), with
 * the period in Gregorian and Hijri, the data's as-of and version; the attachments.
 */
export async function reportMail(
  request: ReportRequest,
  caller: Caller,
  services: { press: PressService; dashboards: DashboardRegistry; attachments: ReportAttachments },
): Promise<Mail> {
  const heading = request.factSheet ? await factSheetHeading(request, caller, services.press) : await dashboardHeading(request, caller, services);
  const amanah = AMANAHS.find((a) => a.id === request.amanah)!;
  const ar = request.lang === 'AR';
  const amanahName = ar ? amanah.nameAr : amanah.nameEn;
  const title = ar ? heading.title.ar : heading.title.en;
  const period = `${heading.range.from} – ${heading.range.to}`;
  const hijri = `${hijriDate(heading.range.from)} – ${hijriDate(heading.range.to)} ${ar ? 'هـ' : 'AH'}`;
  const subject = `${title} — ${amanahName} — ${period}`;
  const lines = [
    `${title} — ${amanahName}`,
    `${ar ? 'الفترة' : 'Period'}: ${period} (${hijri})`,
    '',
    ...heading.sentences,
    '',
    `${ar ? 'البيانات حتى' : 'Data as of'}: ${heading.asOf ?? '—'} · ${ar ? 'إصدار البيانات' : 'data version'} ${heading.dataVersion}`,
  ];
  const html = [
    `<div dir="${ar ? 'rtl' : 'ltr'}" lang="${ar ? 'ar' : 'en'}">`,
    `<h1>${escapeHtml(`${title} — ${amanahName}`)}</h1>`,
    `<p>${escapeHtml(`${ar ? 'الفترة' : 'Period'}: ${period} (${hijri})`)}</p>`,
    ...heading.sentences.map((sentence) => `<p>${escapeHtml(sentence)}</p>`),
    `<p><small>${escapeHtml(lines.at(-1)!)}</small></p>`,
    '</div>',
  ].join('\n');
  return { to: request.recipients, subject, text: lines.join('\n'), html, attachments: await services.attachments.attachments(request, caller) };
}

async function dashboardHeading(
  request: ReportRequest,
  caller: Caller,
  services: { press: PressService; dashboards: DashboardRegistry },
): Promise<Heading> {
  const dashboard = services.dashboards.find(request.dashboard!);
  if (!dashboard) throw new Error(`dashboard ${request.dashboard} no longer exists`);
  const figures = dashboard.widgets
    .filter((widget) => widget.type === 'kpi' && !widget.filters.some((f) => f.dimension === 'amanah'))
    .map((widget) => ({ metric: widget.metric, filters: widget.filters }));
  const figureRequest: FigureRequest = {
    amanah: request.amanah,
    range: request.range,
    figures,
    compare: request.compare,
    lang: request.lang,
    precision: 'AUTO',
    digits: request.digits,
  };
  const answered: PressFigure[] = await services.press.figures(figureRequest, caller);
  return {
    title: dashboard.title,
    range: answered[0]?.range ?? { from: request.range.from ?? '', to: request.range.to ?? '' },
    sentences: answered.map((figure) => figure.sentence),
    asOf: newest(answered.map((figure) => figure.provenance.asOf)),
    dataVersion: Math.max(0, ...answered.map((figure) => figure.provenance.dataVersion)),
  };
}

async function factSheetHeading(request: ReportRequest, caller: Caller, press: PressService): Promise<Heading> {
  const sheet = await press.find(request.factSheet!, caller);
  if (!sheet) throw new Error(`fact sheet ${request.factSheet} does not exist or is outside the subscription's amanahs`);
  const lang = request.lang === 'AR' ? 'ar' : 'en';
  return {
    title: { ar: sheet.title, en: sheet.title },
    range: sheet.range,
    sentences: sheet.figures.map((figure) => figure.sentences[lang]),
    asOf: newest(sheet.figures.map((figure) => figure.provenance.asOf)),
    dataVersion: sheet.dataVersion,
  };
}

function newest(values: ReadonlyArray<string | null>): string | null {
  return values.filter((v): v is string => v !== null).sort().at(-1) ?? null;
}

function hijriDate(day: string): string {
  if (!day) return '';
  const { year, month, day: dayOfMonth } = toHijri(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
