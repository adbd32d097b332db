import { ENUMS } from '@amanah/domain';
import type { Localized, MetricDefinition } from './types.js';

/**
 * The metric catalogue: every metric of the public contract, as data. Adding a metric is one entry here (plus a
 * migration if it needs a new column). How an entry becomes SQL: libs/server/query/src/planner.ts.
 */
const l = (ar: string, en: string): Localized => ({ ar, en });

const INDICATOR_LABELS: Record<(typeof ENUMS.indicator)[number], Localized> = {
  staff: l('عدد الموظفين', 'Staff'),
  staff_female: l('عدد الموظفات', 'Female staff'),
  registered_beneficiaries: l('المستفيدون المسجلون', 'Registered beneficiaries'),
  digital_services: l('الخدمات الرقمية', 'Digital services'),
  e_systems: l('الأنظمة الإلكترونية', 'Electronic systems'),
  sites: l('المباني المرتبطة بالشبكة', 'Sites on the network'),
  projects: l('المشاريع', 'Projects'),
  projects_value_sar: l('قيمة المشاريع', 'Projects value'),
};

const entries: MetricDefinition[] = [
  {
    id: 'portal.visits', dataset: 'portal_visits', aggregate: { fn: 'count' },
    label: l('زيارات البوابة', 'Portal visits'),
    description: l('عدد زيارات البوابة الإلكترونية والتطبيق خلال الفترة', 'Visits to the portal and the app in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('زائر', 'visitors'),
  },
  {
    id: 'portal.visitors', dataset: 'portal_visits', aggregate: { fn: 'distinct', column: 'visitor_id' },
    label: l('زوار البوابة', 'Portal visitors'),
    description: l('عدد الزوار المختلفين (بدقة تامة)', 'Distinct visitors, counted exactly'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('زائر', 'visitors'),
  },
  {
    id: 'portal.daily_avg_visits', dataset: 'portal_visits', aggregate: { fn: 'per_day', of: { fn: 'count' } },
    label: l('متوسط الزيارات اليومية', 'Average daily visits'),
    description: l('الزيارات مقسومة على عدد أيام الفترة', 'Visits divided by the days in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'device', 'source'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('زائر يومياً', 'visitors a day'),
  },
  {
    id: 'services.requests', dataset: 'service_requests', aggregate: { fn: 'count' },
    label: l('الطلبات الإلكترونية', 'E-service requests'),
    description: l('عدد طلبات الخدمات المقدمة خلال الفترة', 'Service requests submitted in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'service', 'channel', 'status'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('طلب', 'requests'),
  },
  {
    id: 'services.completion_rate', dataset: 'service_requests',
    aggregate: { fn: 'share', where: { dimension: 'status', op: 'in', values: ['completed'] } },
    label: l('نسبة إنجاز الطلبات', 'Request completion rate'),
    description: l('الطلبات المكتملة من إجمالي الطلبات المقدمة خلال الفترة', 'Completed requests as a share of all requests submitted in the range'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service', 'channel'],
    defaultGranularity: 'MONTH', decimals: 2,
  },
  {
    id: 'services.median_completion_hours', dataset: 'service_requests',
    aggregate: { fn: 'median_hours', start: 'submitted_at', end: 'completed_at', where: { dimension: 'status', op: 'in', values: ['completed'] } },
    label: l('الوسيط لزمن إنجاز الطلب', 'Median completion time'),
    description: l('الوسيط لساعات الإنجاز للطلبات المكتملة المقدمة خلال الفترة', 'Median hours from submission to completion, completed requests submitted in the range'),
    unit: 'hours', direction: 'down_is_good', dimensions: ['amanah', 'service', 'channel'],
    defaultGranularity: 'MONTH', decimals: 1,
  },
  {
    id: 'services.digital_share', dataset: 'service_requests',
    aggregate: { fn: 'share', where: { dimension: 'channel', op: 'not_in', values: ['office'] } },
    label: l('نسبة الخدمة الرقمية', 'Digital share of requests'),
    description: l('الطلبات المقدمة عبر القنوات الرقمية دون حضور شخصي', 'Requests made through a channel other than an office visit'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service', 'status'],
    defaultGranularity: 'MONTH', decimals: 2,
  },
  {
    id: 'licenses.issued', dataset: 'licenses', aggregate: { fn: 'count' },
    label: l('الرخص الصادرة', 'Licenses issued'),
    description: l('عدد الرخص الصادرة خلال الفترة', 'Licenses issued in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'license_type', 'channel'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('رخصة', 'licenses'),
  },
  {
    id: 'reports.received', dataset: 'citizen_reports', aggregate: { fn: 'count' },
    label: l('البلاغات الواردة', 'Citizen reports received'),
    description: l('عدد بلاغات وملاحظات المواطنين الواردة خلال الفترة', 'Citizen reports and complaints received in the range'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'category', 'priority', 'status'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('بلاغ', 'reports'),
  },
  {
    id: 'reports.resolved_share', dataset: 'citizen_reports',
    aggregate: { fn: 'share', where: { dimension: 'status', op: 'in', values: ['resolved', 'closed'] } },
    label: l('نسبة معالجة البلاغات', 'Reports resolved'),
    description: l('البلاغات المعالجة أو المغلقة من إجمالي الواردة', 'Resolved or closed reports as a share of those received'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'channel', 'category', 'priority'],
    defaultGranularity: 'MONTH', decimals: 2,
  },
  {
    id: 'reports.median_resolution_hours', dataset: 'citizen_reports',
    aggregate: { fn: 'median_hours', start: 'received_at', end: 'resolved_at', where: { dimension: 'status', op: 'in', values: ['resolved', 'closed'] } },
    label: l('الوسيط لزمن معالجة البلاغ', 'Median resolution time'),
    description: l('الوسيط لساعات المعالجة للبلاغات المعالجة الواردة خلال الفترة', 'Median hours from receipt to resolution, resolved reports received in the range'),
    unit: 'hours', direction: 'down_is_good', dimensions: ['amanah', 'channel', 'category', 'priority'],
    defaultGranularity: 'MONTH', decimals: 1,
  },
  {
    id: 'notifications.sent', dataset: 'notifications', aggregate: { fn: 'sum', column: 'count' },
    label: l('الرسائل المرسلة', 'Notifications sent'),
    description: l('الرسائل النصية والبريد الإلكتروني والإشعارات المرسلة للمستفيدين', 'SMS, e-mails and push notifications sent to beneficiaries'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'notification_kind'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('رسالة', 'messages'),
  },
  {
    id: 'social.followers', dataset: 'social_stats', aggregate: { fn: 'last_level', column: 'followers', per: ['amanah', 'platform'] },
    label: l('المتابعون', 'Social followers'),
    description: l('آخر عدد للمتابعين في نهاية الفترة، مجموعاً على المنصات (مستوى لا مجموع أيام)', 'Followers at the end of the range, summed over platforms (a level, not a sum over days)'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'platform'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('متابع', 'followers'),
  },
  ...(['impressions', 'views', 'engagements'] as const).map((column): MetricDefinition => ({
    id: `social.${column}`, dataset: 'social_stats', aggregate: { fn: 'sum', column },
    label: { impressions: l('مرات الظهور', 'Impressions'), views: l('المشاهدات', 'Views'), engagements: l('التفاعلات', 'Engagements') }[column],
    description: l('مجموع الأيام خلال الفترة على منصات التواصل', 'Sum over the days of the range, on social platforms'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'platform'], defaultGranularity: 'MONTH', decimals: 0,
    noun: { impressions: l('انطباع', 'impressions'), views: l('مشاهدة', 'views'), engagements: l('تفاعل', 'engagements') }[column],
  })),
  {
    id: 'office.visits', dataset: 'office_visits', aggregate: { fn: 'count' },
    label: l('زيارات المراجعين', 'In-person visits'),
    description: l('عدد زيارات المراجعين لمقر الأمانة والبلديات', 'In-person visits to the amanah and its municipalities'),
    unit: 'count', direction: 'down_is_good', dimensions: ['amanah', 'with_appointment', 'service'],
    defaultGranularity: 'MONTH', decimals: 0, noun: l('مراجع', 'visitors'),
  },
  {
    id: 'office.appointment_share', dataset: 'office_visits',
    aggregate: { fn: 'share', where: { dimension: 'with_appointment', op: 'in', values: ['true'] } },
    label: l('نسبة الزيارات بموعد', 'Visits with an appointment'),
    description: l('الزيارات بموعد مسبق من إجمالي زيارات المراجعين', 'Visits booked ahead as a share of all in-person visits'),
    unit: 'percent', direction: 'up_is_good', dimensions: ['amanah', 'service'], defaultGranularity: 'MONTH', decimals: 2,
  },
  {
    id: 'support.tickets', dataset: 'support_tickets', aggregate: { fn: 'count' },
    label: l('تذاكر الدعم الفني', 'Support tickets'),
    description: l('عدد تذاكر الدعم الفني الواردة', 'Technical-support tickets opened in the range'),
    unit: 'count', direction: 'down_is_good', dimensions: ['amanah', 'channel', 'category'], defaultGranularity: 'MONTH', decimals: 0,
    noun: l('تذكرة', 'tickets'),
  },
  {
    id: 'participations.count', dataset: 'participations', aggregate: { fn: 'count' },
    label: l('مشاركات الزوار', 'Participations'),
    description: l('المقترحات والاستبيانات والتعليقات والتصويت من الزوار', 'Suggestions, surveys, comments and votes from visitors'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah', 'kind', 'channel'], defaultGranularity: 'MONTH', decimals: 0,
    noun: l('مشاركة', 'participations'),
  },
  {
    id: 'archive.documents', dataset: 'archived_documents', aggregate: { fn: 'sum', column: 'documents' },
    label: l('المعاملات المؤرشفة', 'Documents archived'),
    description: l('عدد المعاملات المؤرشفة إلكترونياً', 'Transactions archived electronically'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah'], defaultGranularity: 'MONTH', decimals: 0, noun: l('معاملة', 'documents'),
  },
  {
    id: 'archive.attachments', dataset: 'archived_documents', aggregate: { fn: 'sum', column: 'attachments' },
    label: l('المرفقات المؤرشفة', 'Attachments archived'),
    description: l('عدد المرفقات المؤرشفة مع المعاملات', 'Attachments archived with the transactions'),
    unit: 'count', direction: 'up_is_good', dimensions: ['amanah'], defaultGranularity: 'MONTH', decimals: 0, noun: l('مرفق', 'attachments'),
  },
  ...ENUMS.indicator.map((indicator): MetricDefinition => ({
    id: `indicator.${indicator}`, dataset: 'indicator_snapshots',
    aggregate: { fn: 'last_level', column: 'value', per: ['amanah'], where: { dimension: 'indicator', op: 'in', values: [indicator] } },
    label: INDICATOR_LABELS[indicator],
    description: l('آخر قيمة مسجلة في نهاية الفترة', 'The last recorded value at the end of the range'),
    unit: indicator === 'projects_value_sar' ? 'sar' : 'count', direction: 'up_is_good', dimensions: ['amanah'],
    defaultGranularity: 'YEAR', decimals: 0,
  })),
];

export const METRICS: ReadonlyMap<string, MetricDefinition> = new Map(entries.map((metric) => [metric.id, metric]));
export const METRIC_IDS: readonly string[] = entries.map((metric) => metric.id);

export function findMetric(id: string): MetricDefinition | undefined {
  return METRICS.get(id);
}
