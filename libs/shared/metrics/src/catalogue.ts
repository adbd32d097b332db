import { ENUMS } from '@amanah/domain';
import { DIMENSIONS } from './dimensions.js';
import { PRESS_NOUNS as N, qualified, TANWEEN_FATH, type PressNoun } from './nouns.js';
import type { Localized, MetricDefinition } from './types.js';

/**
 * The metric catalogue: every metric of the public contract, as data, in one entry each: what it computes, its
 * labels, and how the press writes it (its counted noun and sentence template). Adding a metric is one entry here
 * (plus a migration if it needs a new column). How an entry becomes SQL: libs/server/query/src/planner.ts.
 */
const l = (ar: string, en: string): Localized => ({ ar, en });

/** Indicator labels are the `indicator` dimension's member labels (src/dimensions.ts): one wording for both. */
const INDICATOR_PRESS: Record<(typeof ENUMS.indicator)[number], NonNullable<MetricDefinition['press']>> = {
  staff: { noun: N.employee, sentence: l('يعمل في {amanah} {figure}', '{amanah} employed {figure}') },
  staff_female: {
    noun: {
      ar: { singular: 'موظفة', dual: 'موظفتين', plural: 'موظفات', accusative: 'موظفة', gender: 'f' },
      en: { singular: 'female employee', plural: 'female employees' },
    },
    sentence: l('يعمل في {amanah} {figure}', '{amanah} employed {figure}'),
  },
  registered_beneficiaries: { noun: N.beneficiary, sentence: l('سجّل لدى {amanah} {figure}', '{amanah} had {figure} registered') },
  digital_services: { noun: N.service, sentence: l('قدمت {amanah} {figure} رقمية', '{amanah} offered {figure} online') },
  e_systems: { noun: N.system, sentence: l('طورت {amanah} {figure}', '{amanah} had built {figure}') },
  sites: { noun: N.building, sentence: l('ربطت {amanah} بشبكتها {figure}', '{amanah} had {figure} on its network') },
  projects: { noun: N.project, sentence: l('نفذت {amanah} {figure}', '{amanah} had carried out {figure}') },
  projects_value_sar: { noun: N.riyal, sentence: l('نفذت {amanah} مشاريع بقيمة {figure}', '{amanah} had carried out projects worth {figure}') },
};

const entries: Omit<MetricDefinition, 'noun'>[] = [
  {
    id: 'portal.visits', dataset: 'portal_visits', aggregate: { fn: 'count' },
    label: l('زيارات البوابة', 'Portal visits'),
    description: l('عدد زيارات البوابة الإلكترونية والتطبيق خلال الفترة', 'Visits to the portal and the app in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.visitor, sentence: l('استقبلت البوابة الإلكترونية ل{amanah} {figure}{filters}', 'The {amanah} e-portal received {figure}{filters}') },
  },
  {
    id: 'portal.visitors', dataset: 'portal_visits', aggregate: { fn: 'distinct', column: 'visitor_id' },
    label: l('زوار البوابة', 'Portal visitors'),
    description: l('عدد الزوار المختلفين (بدقة تامة)', 'Distinct visitors, counted exactly'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.visitor, sentence: l('استقبلت البوابة الإلكترونية ل{amanah} {figure}{filters}', 'The {amanah} e-portal received {figure}{filters}') },
  },
  {
    id: 'portal.daily_avg_visits', dataset: 'portal_visits', aggregate: { fn: 'per_day', of: { fn: 'count' } },
    label: l('متوسط الزيارات اليومية', 'Average daily visits'),
    description: l('الزيارات مقسومة على عدد أيام الفترة', 'Visits divided by the days in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: qualified(N.visitor, `يومي${TANWEEN_FATH}ا`, 'a day'), sentence: l('استقبلت البوابة الإلكترونية ل{amanah} بمعدل {figure}{filters}', 'The {amanah} e-portal received an average of {figure}{filters}') },
  },
  {
    id: 'services.requests', dataset: 'service_requests', aggregate: { fn: 'count' },
    label: l('الطلبات الإلكترونية', 'E-service requests'),
    description: l('عدد طلبات الخدمات المقدمة خلال الفترة', 'Service requests submitted in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'service', 'channel', 'status'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.request, sentence: l('تلقت {amanah} {figure} إلكترونيًا{filters}', '{amanah} received {figure}{filters}') },
  },
  {
    id: 'services.completion_rate', dataset: 'service_requests',
    aggregate: { fn: 'share', where: { dimension: 'status', op: 'in', values: ['completed'] } },
    label: l('نسبة إنجاز الطلبات', 'Request completion rate'),
    description: l('الطلبات المكتملة من إجمالي الطلبات المقدمة خلال الفترة', 'Completed requests as a share of all requests submitted in the range'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service', 'channel'],
    defaultGranularity: 'MONTH', decimals: 2,
    press: { sentence: l('بلغت نسبة الطلبات المنجزة في {amanah}{filters} {figure}', '{amanah} completed {figure} of the requests it received{filters}') },
  },
  {
    id: 'services.median_completion_hours', dataset: 'service_requests',
    aggregate: { fn: 'median_hours', start: 'submitted_at', end: 'completed_at', where: { dimension: 'status', op: 'in', values: ['completed'] } },
    label: l('الوسيط لزمن إنجاز الطلب', 'Median completion time'),
    description: l('الوسيط لساعات الإنجاز للطلبات المكتملة المقدمة خلال الفترة', 'Median hours from submission to completion, completed requests submitted in the range'),
    unit: 'hours', direction: 'down_is_good', dimensions: ['amanah', 'service', 'channel'],
    defaultGranularity: 'MONTH', decimals: 1,
    press: { sentence: l('بلغ الوسيط لزمن إنجاز الطلبات في {amanah}{filters} {figure}', 'The median time to complete a request at {amanah}{filters} was {figure}') },
  },
  {
    id: 'services.digital_share', dataset: 'service_requests',
    aggregate: { fn: 'share', where: { dimension: 'channel', op: 'not_in', values: ['office'] } },
    label: l('نسبة الخدمة الرقمية', 'Digital share of requests'),
    description: l('الطلبات المقدمة عبر القنوات الرقمية دون حضور شخصي', 'Requests made through a channel other than an office visit'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service', 'status'],
    defaultGranularity: 'MONTH', decimals: 2,
    press: { sentence: l('بلغت نسبة الطلبات المقدمة رقميًا دون زيارة في {amanah}{filters} {figure}', '{figure} of the requests to {amanah}{filters} were made without an in-person visit') },
  },
  {
    id: 'licenses.issued', dataset: 'licenses', aggregate: { fn: 'count' },
    label: l('الرخص الصادرة', 'Licenses issued'),
    description: l('عدد الرخص الصادرة خلال الفترة', 'Licenses issued in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'license_type', 'channel'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.license, sentence: l('أصدرت {amanah} {figure}{filters}', '{amanah} issued {figure}{filters}') },
  },
  {
    id: 'reports.received', dataset: 'citizen_reports', aggregate: { fn: 'count' },
    label: l('البلاغات الواردة', 'Citizen reports received'),
    description: l('عدد بلاغات وملاحظات المواطنين الواردة خلال الفترة', 'Citizen reports and complaints received in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'category', 'priority', 'status'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.report, sentence: l('تلقت {amanah} {figure}{filters}', '{amanah} received {figure}{filters}') },
  },
  {
    id: 'reports.resolved_share', dataset: 'citizen_reports',
    aggregate: { fn: 'share', where: { dimension: 'status', op: 'in', values: ['resolved', 'closed'] } },
    label: l('نسبة معالجة البلاغات', 'Reports resolved'),
    description: l('البلاغات المعالجة أو المغلقة من إجمالي الواردة', 'Resolved or closed reports as a share of those received'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'category', 'priority'],
    defaultGranularity: 'MONTH', decimals: 2,
    press: { sentence: l('بلغت نسبة البلاغات المعالجة في {amanah}{filters} {figure}', '{amanah} resolved {figure} of the reports it received{filters}') },
  },
  {
    id: 'reports.median_resolution_hours', dataset: 'citizen_reports',
    aggregate: { fn: 'median_hours', start: 'received_at', end: 'resolved_at', where: { dimension: 'status', op: 'in', values: ['resolved', 'closed'] } },
    label: l('الوسيط لزمن معالجة البلاغ', 'Median resolution time'),
    description: l('الوسيط لساعات المعالجة للبلاغات المعالجة الواردة خلال الفترة', 'Median hours from receipt to resolution, resolved reports received in the range'),
    unit: 'hours', direction: 'down_is_good', dimensions: ['amanah', 'channel', 'category', 'priority'],
    defaultGranularity: 'MONTH', decimals: 1,
    press: { sentence: l('بلغ الوسيط لزمن معالجة البلاغات في {amanah}{filters} {figure}', 'The median time to resolve a report at {amanah}{filters} was {figure}') },
  },
  {
    id: 'notifications.sent', dataset: 'notifications', aggregate: { fn: 'sum', column: 'count' },
    label: l('الرسائل المرسلة', 'Notifications sent'),
    description: l('الرسائل النصية والبريد الإلكتروني والإشعارات المرسلة للمستفيدين', 'SMS, e-mails and push notifications sent to beneficiaries'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'notification_kind'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.message, sentence: l('أرسلت {amanah} {figure}{filters} إلى المستفيدين', '{amanah} sent {figure}{filters} to beneficiaries') },
  },
  {
    id: 'social.followers', dataset: 'social_stats', aggregate: { fn: 'last_level', column: 'followers', per: ['amanah', 'platform'] },
    label: l('المتابعون', 'Social followers'),
    description: l('آخر عدد للمتابعين في نهاية الفترة، مجموعاً على المنصات (مستوى لا مجموع أيام)', 'Followers at the end of the range, summed over platforms (a level, not a sum over days)'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'platform'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.follower, sentence: l('وصلت حسابات {amanah}{filters} إلى {figure}', 'The accounts of {amanah}{filters} reached {figure}') },
  },
  ...(['impressions', 'views', 'engagements'] as const).map((column): Omit<MetricDefinition, 'noun'> => ({
    id: `social.${column}`, dataset: 'social_stats', aggregate: { fn: 'sum', column },
    label: { impressions: l('مرات الظهور', 'Impressions'), views: l('المشاهدات', 'Views'), engagements: l('التفاعلات', 'Engagements') }[column],
    description: l('مجموع الأيام خلال الفترة على منصات التواصل', 'Sum over the days of the range, on social platforms'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'platform'], defaultGranularity: 'MONTH', decimals: 0,
    press: {
      noun: { impressions: N.impression, views: N.view, engagements: N.engagement }[column],
      sentence: {
        impressions: l('حققت حسابات {amanah}{filters} {figure}', 'The accounts of {amanah}{filters} made {figure}'),
        views: l('حققت حسابات {amanah}{filters} {figure}', 'The accounts of {amanah}{filters} drew {figure}'),
        engagements: l('حققت حسابات {amanah}{filters} {figure}', 'The accounts of {amanah}{filters} drew {figure}'),
      }[column],
    },
  })),
  {
    id: 'office.visits', dataset: 'office_visits', aggregate: { fn: 'count' },
    label: l('زيارات المراجعين', 'In-person visits'),
    description: l('عدد زيارات المراجعين لمقر الأمانة والبلديات', 'In-person visits to the amanah and its municipalities'),
    unit: 'count', direction: 'down_is_good', dimensions: ['amanah', 'with_appointment', 'service'],
    defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.inPersonVisitor, sentence: l('استقبلت {amanah} في مقرها الرئيس وبلدياتها {figure}{filters}', '{amanah} received {figure}{filters} at its head office and municipalities') },
  },
  {
    id: 'office.appointment_share', dataset: 'office_visits',
    aggregate: { fn: 'share', where: { dimension: 'with_appointment', op: 'in', values: ['true'] } },
    label: l('نسبة الزيارات بموعد', 'Visits with an appointment'),
    description: l('الزيارات بموعد مسبق من إجمالي زيارات المراجعين', 'Visits booked ahead as a share of all in-person visits'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service'], defaultGranularity: 'MONTH', decimals: 2,
    press: { sentence: l('بلغت نسبة الزيارات بموعد مسبق في {amanah}{filters} {figure}', '{figure} of in-person visits to {amanah}{filters} were booked in advance') },
  },
  {
    id: 'support.tickets', dataset: 'support_tickets', aggregate: { fn: 'count' },
    label: l('تذاكر الدعم الفني', 'Support tickets'),
    description: l('عدد تذاكر الدعم الفني الواردة', 'Technical-support tickets opened in the range'),
    unit: 'count', direction: 'down_is_good', dimensions: ['amanah', 'channel', 'category'], defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.ticket, sentence: l('تلقى الدعم الفني في {amanah} {figure}{filters}', 'Technical support at {amanah} received {figure}{filters}') },
  },
  {
    id: 'participations.count', dataset: 'participations', aggregate: { fn: 'count' },
    label: l('مشاركات الزوار', 'Participations'),
    description: l('المقترحات والاستبيانات والتعليقات والتصويت من الزوار', 'Suggestions, surveys, comments and votes from visitors'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'kind', 'channel'], defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.participation, sentence: l('تلقت البوابة الإلكترونية ل{amanah} {figure} من الزوار{filters}', 'The {amanah} e-portal received {figure} from visitors{filters}') },
  },
  {
    id: 'archive.documents', dataset: 'archived_documents', aggregate: { fn: 'sum', column: 'documents' },
    label: l('المعاملات المؤرشفة', 'Documents archived'),
    description: l('عدد المعاملات المؤرشفة إلكترونياً', 'Transactions archived electronically'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah'], defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.transaction, sentence: l('أرشفت {amanah} إلكترونيًا {figure}{filters}', '{amanah} archived {figure} electronically{filters}') },
  },
  {
    id: 'archive.attachments', dataset: 'archived_documents', aggregate: { fn: 'sum', column: 'attachments' },
    label: l('المرفقات المؤرشفة', 'Attachments archived'),
    description: l('عدد المرفقات المؤرشفة مع المعاملات', 'Attachments archived with the transactions'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah'], defaultGranularity: 'MONTH', decimals: 0,
    press: { noun: N.attachment, sentence: l('أرشفت {amanah} إلكترونيًا {figure}{filters}', '{amanah} archived {figure} electronically{filters}') },
  },
  ...ENUMS.indicator.map((indicator): Omit<MetricDefinition, 'noun'> => ({
    id: `indicator.${indicator}`, dataset: 'indicator_snapshots',
    aggregate: { fn: 'last_level', column: 'value', per: ['amanah'], where: { dimension: 'indicator', op: 'in', values: [indicator] } },
    label: DIMENSIONS.indicator.members[indicator]!,
    description: l('آخر قيمة مسجلة في نهاية الفترة', 'The last recorded value at the end of the range'),
    unit: indicator === 'projects_value_sar' ? 'sar' : 'count', direction: 'up_is_good', dimensions: ['amanah'],
    defaultGranularity: 'YEAR', decimals: 0, press: INDICATOR_PRESS[indicator],
  })),
];

/** The noun shown with the metric (GraphQL `Metric.noun`) is the one its press sentences use. */
const shownNoun = (noun: PressNoun | undefined): Localized | undefined => noun && { ar: noun.ar.singular, en: noun.en.plural };

export const METRICS: ReadonlyMap<string, MetricDefinition> = new Map(
  entries.map((entry): [string, MetricDefinition] => {
    const noun = shownNoun(entry.press?.noun);
    return [entry.id, noun ? { ...entry, noun } : entry];
  }),
);
export const METRIC_IDS: readonly string[] = entries.map((metric) => metric.id);

export function findMetric(id: string): MetricDefinition | undefined {
  return METRICS.get(id);
}
